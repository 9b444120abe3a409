#pragma once
// One entry point for plain recordings: the format is found from the content, never from the
// file name. Stance trial files (binary) are not read here: the caller routes them to the trial
// reader (detect_recording_kind says kTrialFile; import_recording refuses them with an error).
// Formats and rules: docs/importers.md.
#include <filesystem>
#include <string>
#include <string_view>

#include "recording/imported_recording.hpp"
#include "support/result.hpp"

namespace stance {

enum class RecordingKind {
  kUnknown,    // text, but none of the formats below
  kMotive,     // first line starts with "Format Version"
  kOpenSim,    // an `endheader` line among the first lines
  kPlainCsv,   // a header naming t_s
  kTrialFile,  // starts with the Stance trial file's magic: for read_trial_file
  kBinary,     // NUL bytes: not text
};

// The kind of recording from the first bytes of a file (a few kilobytes are enough).
RecordingKind detect_recording_kind(std::string_view content);

// Reads and imports a recording. Errors always name the file: "no such file", "empty file",
// "not a recording Stance can read: expected ...", or the importer's own, with a line number.
Result<ImportedRecording> import_recording(const std::filesystem::path& path,
                                           const ImportOptions& options = {});

// The same on text already in memory; `source_name` names it in errors.
Result<ImportedRecording> import_recording_text(std::string content, const std::string& source_name,
                                                const ImportOptions& options = {});

}  // namespace stance
