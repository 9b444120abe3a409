#pragma once
// One trial's analysis as a clinician reads it (text); the JSON is store/analysis_json.hpp.
#include <ostream>

#include "core/trial_analysis.hpp"
#include "store/analysis_json.hpp"

namespace stance::cli {

// all_descriptors: every descriptor, not only the key figures.
void print_trial_text(std::ostream& out, const TrialSource& source, const TrialAnalysis& a,
                      bool all_descriptors);

}  // namespace stance::cli
