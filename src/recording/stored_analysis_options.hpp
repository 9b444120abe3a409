#pragma once
// How a Stance trial file is analysed when the store keeps its results: with its own task
// (single-leg stance when unknown), limb and plate. The store's analysis and the test sheet's
// re-reading of a stored recording use this one choice, so their figures agree.
#include "core/recording.hpp"
#include "core/trial_analysis.hpp"

namespace stance {

TrialAnalysisOptions stored_analysis_options(const Recording& recording);

}  // namespace stance
