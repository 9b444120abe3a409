#pragma once
// The one analysis policy: how a trial is analysed follows from its recording alone (the task,
// the standing leg, the squats asked for, the plate). The live view, the saved result, the test
// sheet and `stance reanalyze` all take their options from here, so a trial has one analysis.
#include "core/recording.hpp"
#include "core/trial_analysis.hpp"

namespace stance {

// An unspecified task is analysed as single-leg stance. A squat trial expects the squats its
// condition asked for, and needs at least min(4, asked) acceptable ones (docs/metrics.md).
TrialAnalysisOptions analysis_options_for(const Recording& recording);

}  // namespace stance
