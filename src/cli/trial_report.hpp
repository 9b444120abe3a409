#pragma once
// One trial's analysis as a clinician reads it (text) and as JSON for research
// (schema stance.analysis/2, docs/cli.md).
#include <ostream>
#include <string>

#include "core/trial_analysis.hpp"
#include "recording/load_recording.hpp"

namespace stance::cli {

struct TrialSource {
  std::string path;
  const LoadedRecording* loaded = nullptr;
};

// all_descriptors: every descriptor, not only the key figures.
void print_trial_text(std::ostream& out, const TrialSource& source, const TrialAnalysis& a,
                      bool all_descriptors);
void print_trial_json(std::ostream& out, const TrialSource& source, const TrialAnalysis& a);

// The figures a clinician needs first, in this order (names of descriptor_entries()).
inline constexpr const char* kKeyDescriptors[] = {
    "mean_velocity", "ellipse_area_95", "range_ml", "range_ap", "rms_ml", "rms_ap", "path_length"};

}  // namespace stance::cli
