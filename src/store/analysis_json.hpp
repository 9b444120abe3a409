#pragma once
// One trial's analysis as JSON for research and for the store (schema stance.analysis/3,
// docs/cli.md): what `stance analyze --json` prints and what the store keeps of every trial.
#include <ostream>
#include <string>

#include "core/trial_analysis.hpp"
#include "recording/load_recording.hpp"

namespace stance {

// Where an analysed trial came from: its path (or a name) and what was loaded.
struct TrialSource {
  std::string path;
  const LoadedRecording* loaded = nullptr;
};

// Schema 3 added "ellipse_95"; the store still reads analyses of schema 2 (analysis_reader.hpp).
inline constexpr const char* kAnalysisSchema = "stance.analysis/3";

void print_trial_json(std::ostream& out, const TrialSource& source, const TrialAnalysis& a);

// The figures a clinician needs first, in this order (names of descriptor_entries()).
inline constexpr const char* kKeyDescriptors[] = {
    "mean_velocity", "ellipse_area_95", "range_ml", "range_ap", "rms_ml", "rms_ap", "path_length"};

}  // namespace stance
