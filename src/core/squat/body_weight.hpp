#pragma once
// Body weight from the quiet phases of a trial, and the rests (still and standing) that anchor
// the COM integration.
#include <Eigen/Core>
#include <vector>

#include "core/squat/squat_options.hpp"
#include "core/squat/working_signals.hpp"

namespace stance::squat {

struct QuietWindow {
  Eigen::Index begin = 0, end = 0;  // blocks [begin, end)
  double mean_n = 0.0;
  double sd_n = 0.0;
};

struct BodyWeight {
  double weight_n = 0.0;
  bool from_quiet = false;  // false: mean of the loaded force (no quiet window)
  std::vector<QuietWindow> quiet;
};

// Quiet windows of fz_slow_n (the vertical force low-passed at com_lowpass_hz, so the heartbeat
// and muscle wiggle above 2 Hz do not hide them): every block trustworthy, mean ≥
// min_body_weight_n, SD ≤ quiet_sd_fraction of the mean. BW = median of their means (robust to a
// few windows at a peak of a slow squat's acceleration or during a touchdown); without any, the
// mean of the loaded trustworthy blocks.
BodyWeight estimate_body_weight(const WorkingSignals& w, const Eigen::ArrayXd& fz_slow_n,
                                const SquatOptions& options);

// The same, filtering w.fz_n itself.
BodyWeight estimate_body_weight(const WorkingSignals& w, const SquatOptions& options);

// The quiet windows whose mean lies within rest_band_fraction of BW: the person is still.
std::vector<QuietWindow> rest_windows(const BodyWeight& bw, const SquatOptions& options);

}  // namespace stance::squat
