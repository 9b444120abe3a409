#pragma once
// What the clinician asked for one trial: the task and side, and when it starts and ends.
#include "core/recording.hpp"

namespace stance::live {

struct TrialPlan {
  Task task = Task::kSingleLegStance;
  Limb limb = Limb::kRight;  // the standing leg
  Eyes eyes = Eyes::kOpen;
  int attempt = 1;
  double stance_seconds = 30.0;      // single-leg stance: recording time
  int squat_reps = 5;                // single-leg squats: stop after this many...
  double squat_quiet_after_s = 1.0;  // ...and this long standing still after the last
  double squat_timeout_s = 60.0;     // ...or at this time, whatever happened
  bool auto_start = true;            // start once the patient stands still on the plate
  double settle_s = 2.0;             // how long "still" must last before an automatic start
};

}  // namespace stance::live
