#pragma once
// The options of the commands that read a plain recording (`analyze`, `samples`): which plate of
// a multi-plate file, and below which vertical force the COP is undefined (docs/importers.md).
#include <filesystem>
#include <vector>

#include "recording/imported_recording.hpp"
#include "support/args.hpp"
#include "support/result.hpp"

namespace stance::cli {

std::vector<OptionSpec> import_options();  // --plate, --min-fz
Result<ImportOptions> import_options_from(const ParsedArgs& args);

// After load_recording failed with `options`: whether only --plate was wrong (the file has fewer
// plates; it loads with plate 1), which is wrong usage, not a file that cannot be read.
bool only_the_plate_was_wrong(const std::filesystem::path& path, const ImportOptions& options);

}  // namespace stance::cli
