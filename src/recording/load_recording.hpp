#pragma once
// One entry point for every file `stance analyze` accepts: a Stance trial file (raw counts, put
// through the calibration path) or a plain recording (the importers). Format found from content.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/force_samples.hpp"
#include "core/recording.hpp"
#include "recording/imported_recording.hpp"
#include "support/result.hpp"

namespace stance {

struct LoadedRecording {
  ForceSamples samples;
  std::string format;  // "stance-trial", "motive", "opensim", "csv-wrench", "csv-cells", "csv-cop"
  std::map<std::string, std::string> metadata;
  std::optional<Recording> trial;  // set for Stance trial files
};

Result<LoadedRecording> load_recording(const std::filesystem::path& path,
                                       const ImportOptions& options = {});

}  // namespace stance
