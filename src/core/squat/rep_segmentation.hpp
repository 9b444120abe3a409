#pragma once
// Repetitions in the vertical COM path: dips found with hysteresis (a dip must fall and rise by
// at least the detection depth, so sway, a double bounce at the bottom or a pause never split or
// invent a repetition), then timed from the COM velocity.
#include <Eigen/Core>
#include <vector>

#include "core/squat/squat_analysis.hpp"
#include "core/squat/working_signals.hpp"

namespace stance::squat {

struct Dip {
  Eigen::Index left_top = 0;   // highest point before it
  Eigen::Index bottom = 0;     // lowest point
  Eigen::Index right_top = 0;  // highest point after it (or the last sample, if it never rose)
  bool rose = true;            // came back up by at least the detection depth
};

// Dips of z over blocks [begin, end) that fall and rise by at least min_swing_m.
std::vector<Dip> find_dips(const Eigen::ArrayXd& z, Eigen::Index begin, Eigen::Index end,
                           double min_swing_m);

struct RepSignals {
  const WorkingSignals& w;
  const Eigen::ArrayXd& z_m;
  const Eigen::ArrayXd& vz_m_s;  // low-passed for timing
  const Eigen::ArrayXd& fz_n;    // the force that was integrated
  double body_weight_n;
};

// Times, depth, speeds and peak force of one dip; index left 0 and flags for the caller.
SquatRep measure_rep(const Dip& dip, const RepSignals& s, const SquatOptions& options);

}  // namespace stance::squat
