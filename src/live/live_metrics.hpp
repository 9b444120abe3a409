#pragma once
// The live figures of a trial being recorded, from the recording so far through the same core
// analysis as the final result (so the live view never disagrees with the test sheet): sway for
// stance, repetitions and their ML squat steadiness for squats, and the validity findings as
// warnings. Called a few times per second by the processing thread.
#include "core/recording.hpp"
#include "live/live_snapshot.hpp"
#include "live/trial_plan.hpp"

namespace stance::live {

struct LiveMetrics {
  LiveSway sway;
  std::vector<LiveRep> reps;
  int complete_reps = 0;        // came back up (a rep still under way is not)
  double last_rep_end_s = 0.0;  // of the last complete one, seconds from the recording's start
  double body_weight_n = 0.0;
  std::vector<LiveWarning> warnings;
};

// Both analyse the recording with its own options (core/analysis_policy.hpp): the condition the
// plan put into it decides, live and at the end alike.
LiveMetrics metrics_from(const TrialAnalysis& analysis);
LiveMetrics compute_live_metrics(const Recording& so_far);

// The whole analysis of a finished (or interrupted) trial; the recording is kept either way.
CompletedTrial complete_trial(Recording recording, const TrialPlan& plan, bool interrupted,
                              const std::string& interruption);

}  // namespace stance::live
