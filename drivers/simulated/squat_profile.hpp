#pragma once
// The vertical centre-of-mass path of a series of slow single-leg half-squats: each descent and
// ascent follows a minimum-jerk profile (Flash & Hogan 1985), so the body's velocity and
// acceleration are zero at the top and at the bottom, as in a controlled squat.
#include <random>
#include <vector>

namespace stance::sim {

struct SquatParams {
  int reps = 5;
  double depth_m = 0.08;         // nominal centre-of-mass drop: about 55° of knee flexion
  double depth_variation = 0.0;  // each rep's depth is depth·(1 + u·variation), u in [-1, 1]
  double descent_s = 2.0;
  double ascent_s = 2.0;
  double pause_bottom_s = 0.3;
  double pause_between_s = 1.0;
  double quiet_before_s = 3.0;
  double quiet_after_s = 2.0;
  int partial_rep = 0;  // 1-based index of a rep that stops short; 0 = none
  double partial_depth_fraction = 0.5;
};

// Truth of one rep, times in seconds of the simulated trial.
struct SquatRepTruth {
  int index = 0;                // 1-based
  double start_s = 0.0;         // the descent begins
  double bottom_start_s = 0.0;  // the lowest point is reached
  double bottom_s = 0.0;        // middle of the pause at the bottom
  double bottom_end_s = 0.0;    // the ascent begins
  double end_s = 0.0;           // back to standing
  double depth_m = 0.0;         // centre-of-mass drop of this rep
  bool partial = false;
};

struct ComVertical {
  double z_m = 0.0;  // displacement from standing, negative going down
  double vz_m_s = 0.0;
  double az_m_s2 = 0.0;
};

class SquatProfile {
 public:
  SquatProfile() = default;
  // Reps begin at begin_s + quiet_before_s. Draws one number per rep from rng.
  SquatProfile(const SquatParams& params, double begin_s, std::mt19937_64& rng);

  ComVertical at(double t_s) const;
  const std::vector<SquatRepTruth>& reps() const { return reps_; }
  double end_s() const { return end_s_; }  // end of the quiet stance after the last rep

 private:
  SquatParams params_;
  std::vector<SquatRepTruth> reps_;
  double end_s_ = 0.0;
};

}  // namespace stance::sim
