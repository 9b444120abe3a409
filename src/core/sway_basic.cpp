#include "core/sway_basic.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace stance {

double f_quantile_95_2dof(double dof) {
  // For F(2, v) the CDF is 1 − (1 + 2x/v)^(−v/2), so the p-quantile is (v/2)((1−p)^(−2/v) − 1).
  return 0.5 * dof * (std::pow(0.05, -2.0 / dof) - 1.0);
}

SwayBasic compute_sway_basic(const Eigen::ArrayXd& ml_m, const Eigen::ArrayXd& ap_m,
                             const std::vector<bool>& usable, double rate_hz) {
  SwayBasic out;
  const Eigen::Index n = ml_m.size();
  double sum_ml = 0, sum_ap = 0;
  double min_ml = std::numeric_limits<double>::max(), max_ml = -min_ml;
  double min_ap = min_ml, max_ap = -min_ml;
  Eigen::Index used = 0, steps = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!usable[i]) continue;
    ++used;
    sum_ml += ml_m[i];
    sum_ap += ap_m[i];
    min_ml = std::min(min_ml, ml_m[i]);
    max_ml = std::max(max_ml, ml_m[i]);
    min_ap = std::min(min_ap, ap_m[i]);
    max_ap = std::max(max_ap, ap_m[i]);
    if (i > 0 && usable[i - 1]) {
      out.path_length_m += std::hypot(ml_m[i] - ml_m[i - 1], ap_m[i] - ap_m[i - 1]);
      ++steps;
    }
  }
  if (used < 3) return SwayBasic{};
  out.samples_used = used;
  out.mean_ml_m = sum_ml / static_cast<double>(used);
  out.mean_ap_m = sum_ap / static_cast<double>(used);
  double var_ml = 0, var_ap = 0, cov = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!usable[i]) continue;
    const double dml = ml_m[i] - out.mean_ml_m, dap = ap_m[i] - out.mean_ap_m;
    var_ml += dml * dml;
    var_ap += dap * dap;
    cov += dml * dap;
  }
  const auto count = static_cast<double>(used);
  var_ml /= count;
  var_ap /= count;
  cov /= count;
  out.rms_ml_m = std::sqrt(var_ml);
  out.rms_ap_m = std::sqrt(var_ap);
  out.range_ml_m = max_ml - min_ml;
  out.range_ap_m = max_ap - min_ap;
  out.mean_velocity_m_s =
      steps > 0 ? out.path_length_m / (static_cast<double>(steps) / rate_hz) : 0;
  const double det = std::max(0.0, var_ml * var_ap - cov * cov);
  out.ellipse_area_95_m2 =
      2.0 * std::numbers::pi * f_quantile_95_2dof(count - 2.0) * std::sqrt(det);
  return out;
}

}  // namespace stance
