#pragma once
// The analysis of a stored recording (a Stance trial file's bytes) as the store keeps it: the
// same analyze_trial the `analyze` command runs, its JSON (stance.analysis/3), key metrics,
// verdict and events, stamped with this software version.
#include <cstdint>
#include <span>
#include <string>

#include "core/recording.hpp"
#include "core/trial_analysis.hpp"
#include "store/model.hpp"
#include "support/result.hpp"

namespace stance {

// The results the store keeps of a trial already analysed (when it ended, live): no second
// analysis. `analysis` must come from analyze_trial with analysis_options_for(recording).
store::TrialResults stored_results(const Recording& recording, const TrialAnalysis& analysis,
                                   const std::string& name_for_errors);

// Decodes and analyses a stored recording by the one policy: `stance reanalyze`, and a trial
// recorded without a live analysis (`stance session record`).
Result<store::TrialResults> analyze_stored_recording(std::span<const std::uint8_t> bytes,
                                                     const std::string& name_for_errors);

}  // namespace stance
