#pragma once
// The basic COP sway descriptors (Prieto et al. 1996), in SI units. Samples flagged unusable are
// left out: their values and the path across them are never counted. Definitions: docs/metrics.md.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace stance {

struct SwayBasic {
  Eigen::Index samples_used = 0;
  double mean_ml_m = 0, mean_ap_m = 0;
  double rms_ml_m = 0, rms_ap_m = 0;      // about the mean
  double range_ml_m = 0, range_ap_m = 0;  // max − min
  double path_length_m = 0;               // summed distance between consecutive valid samples
  double mean_velocity_m_s = 0;           // path length / time spanned by those steps
  double ellipse_area_95_m2 = 0;          // 95% confidence ellipse (F distribution, Prieto 1996)
};

// `usable[i]` says whether sample i may be used. Fewer than 3 usable samples give all zeros.
SwayBasic compute_sway_basic(const Eigen::ArrayXd& ml_m, const Eigen::ArrayXd& ap_m,
                             const std::vector<bool>& usable, double rate_hz);

// 95th percentile of the F distribution with (2, dof) degrees of freedom, in closed form.
double f_quantile_95_2dof(double dof);

}  // namespace stance
