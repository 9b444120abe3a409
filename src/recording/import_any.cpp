#include "recording/import_any.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "recording/csv_table.hpp"
#include "recording/motive_import.hpp"
#include "recording/opensim_import.hpp"
#include "recording/plain_csv_import.hpp"
#include "recording/trial_file.hpp"
#include "support/atomic_file.hpp"

namespace stance {
namespace {

// Larger text files are not force recordings (an hour at 1 kHz is ~100 MB of CSV).
constexpr std::uint64_t kMaxImportBytes = std::uint64_t{1} << 30;
constexpr std::size_t kBinaryProbeBytes = 4096;

constexpr const char* kExpected =
    "not a recording Stance can read: expected an OptiTrack Motive force-plate export (first line "
    "'Format Version,...'), an OpenSim table (header lines ending 'endheader'), or a CSV whose "
    "header names t_s and force columns (see docs/importers.md)";

// Nothing but white space and a byte-order mark.
bool is_empty_text(std::string_view content) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  return content.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool has_nul(std::string_view content) {
  return content.substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos;
}

RecordingKind detect_binary(std::string_view content) {
  std::array<std::uint8_t, 16> head{};
  const std::size_t n = std::min(head.size(), content.size());
  std::copy_n(content.begin(), n, head.begin());
  if (looks_like_trial_file({head.data(), n})) return RecordingKind::kTrialFile;
  return has_nul(content) ? RecordingKind::kBinary : RecordingKind::kUnknown;
}

// Text formats only: the caller has ruled out binary content.
RecordingKind detect_text(const CsvText& text) {
  if (looks_like_motive(text)) return RecordingKind::kMotive;
  if (looks_like_opensim(text)) return RecordingKind::kOpenSim;
  if (looks_like_plain_csv(text)) return RecordingKind::kPlainCsv;
  return RecordingKind::kUnknown;
}

Status check_options(const CsvText& text, const ImportOptions& options, RecordingKind kind) {
  if (!(std::isfinite(options.min_fz_n) && options.min_fz_n >= 0.0)) {
    return text.error("the force threshold must be a number of newtons >= 0, not " +
                      std::to_string(options.min_fz_n));
  }
  if (kind != RecordingKind::kOpenSim && options.plate != 1) {
    return text.error("this file holds one plate; plate " + std::to_string(options.plate) +
                      " was asked for");
  }
  return {};
}

}  // namespace

RecordingKind detect_recording_kind(std::string_view content) {
  const RecordingKind binary = detect_binary(content);
  if (binary != RecordingKind::kUnknown) return binary;
  return detect_text(CsvText("", std::string(content)));
}

Result<ImportedRecording> import_recording_text(std::string content, const std::string& source_name,
                                                const ImportOptions& options) {
  if (is_empty_text(content)) return Error{source_name + ": empty file"};
  const RecordingKind binary = detect_binary(content);
  const CsvText text(source_name, std::move(content));
  if (binary == RecordingKind::kTrialFile) {
    return text.error(
        "a Stance trial file, not a plain recording: open it with the trial reader "
        "(load_recording does both)");
  }
  if (binary == RecordingKind::kBinary) {
    return text.error("a binary file; " + std::string(kExpected));
  }
  const RecordingKind kind = detect_text(text);
  if (kind == RecordingKind::kUnknown) return text.error(kExpected);
  if (Status s = check_options(text, options, kind); !s) return s.error();
  switch (kind) {
    case RecordingKind::kMotive:
      return import_motive(text, options);
    case RecordingKind::kOpenSim:
      return import_opensim(text, options);
    default:
      return import_plain_csv(text, options);
  }
}

Result<ImportedRecording> import_recording(const std::filesystem::path& path,
                                           const ImportOptions& options) {
  Result<std::vector<std::uint8_t>> bytes = read_file_bytes(path, kMaxImportBytes);
  if (!bytes) return bytes.error();
  std::string content(bytes->begin(), bytes->end());
  return import_recording_text(std::move(content), path.string(), options);
}

}  // namespace stance
