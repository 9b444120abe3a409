#pragma once
// COP velocity by a Savitzky–Golay differentiator (Savitzky & Golay 1964, Anal Chem 36:1627):
// 5-point window, cubic fit, as in the published implementation of Quijoux et al. 2021 (SciPy's
// savgol_filter with mode "interp": the first and last two samples use the fit of the first and
// last window). Then the velocity zero-crossings and peaks of that implementation.
#include <Eigen/Core>

#include "core/descriptors/cop_trace.hpp"

namespace stance {

// Velocity in m/s; all zeros for fewer than 5 samples.
Eigen::ArrayXd savgol_velocity(const Eigen::ArrayXd& x, double rate_hz);

struct VelocityPeaks {
  Scalar zero_crossings;     // number of sign changes of the velocity
  Scalar peak_positive_m_s;  // mean of the largest |v| of each complete positive half-wave
  Scalar peak_negative_m_s;  // the same for negative half-waves, as a magnitude
  Scalar peak_all_m_s;       // mean over both
};

// A half-wave is complete when it lies between two sign changes; the part before the first and
// after the last sign change is ignored.
VelocityPeaks velocity_peaks(const Eigen::ArrayXd& v);

// The same, fed one stretch of the velocity after another.
class VelocityPeakScan {
 public:
  void add(const double* v, Eigen::Index n);
  VelocityPeaks result() const;

 private:
  double side_ = 0;  // +1, −1, or 0 before the first non-zero sample
  double best_ = 0;  // largest |v| of the current half-wave so far
  Eigen::Index crossings_ = 0, count_pos_ = 0, count_neg_ = 0;
  double sum_pos_ = 0, sum_neg_ = 0;
};

// What the dynamic family needs of the velocity of x, in one pass without storing it: the peaks
// of savgol_velocity(x, rate_hz) and its variance (mean of v², less the squared mean).
struct VelocitySummary {
  VelocityPeaks peaks;
  double variance = 0;  // (m/s)²
};
VelocitySummary velocity_summary(const Eigen::ArrayXd& x, double rate_hz);

}  // namespace stance
