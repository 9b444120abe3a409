#pragma once
// The Stance trial file: a versioned, chunked, CRC-checked binary file that keeps a Recording
// (metadata, plate, calibration, tare, rate, every raw frame, events, stream counters) so the trial
// can be re-analysed exactly years later. The byte layout is in docs/recording-format.md.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/recording.hpp"
#include "support/atomic_file.hpp"
#include "support/result.hpp"

namespace stance {

inline constexpr std::uint16_t kTrialFormatMajor = 1;  // a reader refuses any other major
// 1.1 added the optional META key planned_reps, 1.2 the optional chunk KNEE (the camera's marker
// tracks) (docs/recording-format.md); older files still read.
inline constexpr std::uint16_t kTrialFormatMinor = 2;  // newer minors only add; still readable
inline constexpr const char* kTrialFileExtension = ".stance";

// What the file says about itself, beyond the recording.
struct TrialFileInfo {
  std::uint16_t format_major = 0;
  std::uint16_t format_minor = 0;
  std::string written_by;  // e.g. "Stance 0.1.0": the software that wrote this file
};

// The whole file in memory. Never fails: validity is checked when the file is written.
std::vector<std::uint8_t> encode_trial(const Recording& recording);

// Parses and validates a whole file. Errors start with `name_for_errors` and say what is wrong
// (bad magic, truncated, CRC mismatch, missing chunk, impossible value, newer format).
Result<Recording> decode_trial(std::span<const std::uint8_t> bytes,
                               const std::string& name_for_errors, TrialFileInfo* info = nullptr);

// Encodes, checks that the bytes decode again (an invalid recording is refused, never saved) and
// writes them atomically (see write_file_atomically; an existing file is refused by default).
Status write_trial_file(const std::filesystem::path& path, const Recording& recording,
                        const WriteOptions& options = {});
Result<Recording> read_trial_file(const std::filesystem::path& path, TrialFileInfo* info = nullptr);

// True when the bytes start with the trial file's magic; for telling formats apart.
bool looks_like_trial_file(std::span<const std::uint8_t> first_bytes);

}  // namespace stance
