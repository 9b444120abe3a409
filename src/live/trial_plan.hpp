#pragma once
// What the clinician asked for one trial: the task and side, and when it starts and ends.
#include <string>

#include "core/recording.hpp"

namespace stance::live {

// The condition (task, standing leg, eyes, attempt, squats asked for) goes into the recording, and
// the recording alone decides how the trial is analysed (core/analysis_policy.hpp).
struct TrialPlan : TrialCondition {
  // A plan said nothing yet: single-leg stance on the right leg, eyes open, first attempt.
  TrialPlan() : TrialCondition{Task::kSingleLegStance, Limb::kRight, Eyes::kOpen, 1, 0} {}
  double stance_seconds = 30.0;      // single-leg stance: recording time
                                     // single-leg squats: stop after squats_asked()...
  double squat_quiet_after_s = 1.0;  // ...and this long standing still after the last
  double squat_timeout_s = 60.0;     // ...or at this time, whatever happened
  bool auto_start = true;            // start once the patient stands still on the plate
  double settle_s = 2.0;             // how long "still" must last before an automatic start
  // Why the plate is not verified (its known-mass check failed or is out of date), when the
  // clinician records anyway: the recording carries it (core/analysis_policy.hpp). Empty: none.
  std::string plate_not_verified;
};

}  // namespace stance::live
