#include "core/sway_basic.hpp"

#include <cmath>

#include "core/descriptors/dynamic.hpp"
#include "core/descriptors/positional.hpp"

namespace stance {

double f_quantile_95_2dof(double dof) {
  // For F(2, v) the CDF is 1 − (1 + 2x/v)^(−v/2), so the p-quantile is (v/2)((1−p)^(−2/v) − 1).
  return 0.5 * dof * (std::pow(0.05, -2.0 / dof) - 1.0);
}

SwayBasic compute_sway_basic(const Eigen::ArrayXd& ml_m, const Eigen::ArrayXd& ap_m,
                             const std::vector<bool>& usable, double rate_hz) {
  // The definitions live in descriptors/ (the clinical preset's); this is their basic subset.
  CopTrace trace;
  trace.rate_hz = rate_hz;
  trace.usable = usable;
  double sum_ml = 0, sum_ap = 0;
  Eigen::Index used = 0;
  for (Eigen::Index i = 0; i < ml_m.size(); ++i) {
    if (!usable[i]) continue;
    sum_ml += ml_m[i];
    sum_ap += ap_m[i];
    ++used;
  }
  if (used < 3) return SwayBasic{};
  trace.centre_ml_m = sum_ml / static_cast<double>(used);
  trace.centre_ap_m = sum_ap / static_cast<double>(used);
  trace.ml_m = ml_m - trace.centre_ml_m;
  trace.ap_m = ap_m - trace.centre_ap_m;
  const PositionalDescriptors p = compute_positional(trace, PositionalSpec{});
  const PathSums path = path_sums(trace);
  SwayBasic out;
  out.samples_used = used;
  out.mean_ml_m = p.mean_ml_m.value;
  out.mean_ap_m = p.mean_ap_m.value;
  out.rms_ml_m = p.rms_ml_m.value;
  out.rms_ap_m = p.rms_ap_m.value;
  out.range_ml_m = p.range_ml_m.value;
  out.range_ap_m = p.range_ap_m.value;
  out.path_length_m = path.planar_m;
  out.mean_velocity_m_s =
      path.steps > 0 ? path.planar_m / (static_cast<double>(path.steps) / rate_hz) : 0;
  out.ellipse_area_95_m2 = p.ellipse_area_95_m2.value;
  return out;
}

}  // namespace stance
