#pragma once
// Sway density (Baratto et al. 2002, Motor Control 6:246; Jacono et al. 2004, Motor Control
// 8:292): for every sample, how long the COP stays within a radius of it, counting the
// contiguous samples before and after. The curve is smoothed and its peaks summarised as in the
// published implementation of Quijoux et al. 2021. Definitions: docs/metrics.md.
#include <Eigen/Core>

#include "core/butterworth.hpp"
#include "core/descriptors/cop_trace.hpp"

namespace stance {

struct SwayDensitySpec {
  double radius_m = 0.003;        // 3 mm, the published default
  LowPassSpec smoothing{4, 2.5};  // zero-phase low-pass of the density curve
};

// The raw density curve in seconds, for samples 0 … n−2 (the published curve leaves the last
// sample out): (last − first) / rate, where [first, last] is the largest run of consecutive
// samples around i that all lie within radius_m of sample i.
Eigen::ArrayXd sway_density_s(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap, double rate_hz,
                              double radius_m);

struct SwayDensityPeaks {
  Eigen::Index peaks = 0;
  Scalar mean_peak_s;           // mean of the local maxima of the smoothed curve
  Scalar mean_peak_distance_m;  // mean distance between the COP positions of consecutive peaks
};

SwayDensityPeaks sway_density_peaks(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap,
                                    double rate_hz, const SwayDensitySpec& spec);

}  // namespace stance
