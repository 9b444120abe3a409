#pragma once
// Writes a text export (`stance samples`, `stance table`) to the file of `--out`: atomically, a
// new file unless `--force`, and never over one of `keep` (the open store, the recording read).
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "report/samples_csv.hpp"
#include "support/args.hpp"
#include "support/result.hpp"

namespace stance::cli {

// `--out` itself is checked by the caller (wrong usage when missing).
Status write_text_export(const ParsedArgs& args, const std::string& text,
                         std::vector<std::filesystem::path> keep);

// The same with the text made piece by piece by `make`, straight into the temporary file (a long
// recording's samples are never held whole in memory).
Status write_text_export_with(const ParsedArgs& args,
                              const std::function<Status(const report::TextSink&)>& make,
                              std::vector<std::filesystem::path> keep);

// The file written, as the command prints it (absolute where it can be told).
std::string written_path(const std::string& out);

}  // namespace stance::cli
