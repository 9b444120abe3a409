#pragma once
// The one analysis policy: how a trial is analysed follows from its recording alone (the task,
// the standing leg, the squats asked for, the plate). The live view, the saved result, the test
// sheet and `stance reanalyze` all take their options from here, so a trial has one analysis.
#include <string>

#include "core/recording.hpp"
#include "core/trial_analysis.hpp"

namespace stance {

// An unspecified task is analysed as single-leg stance. A squat trial expects the squats its
// condition asked for, and needs at least min(4, asked) acceptable ones (docs/metrics.md).
// A trial recorded on a plate whose known-mass check had failed or was out of date (docs/
// calibration.md, "Is the plate verified?") carries the reason under this key of its metadata's
// `extra`, so the mark is kept with the raw recording and every analysis of it says "plate not
// verified" among the verdict's reservations.
TrialAnalysisOptions analysis_options_for(const Recording& recording);

inline constexpr const char* kPlateNotVerifiedKey = "plate_not_verified";
void mark_plate_not_verified(TrialMetadata& metadata, const std::string& reason);

}  // namespace stance
