#include "core/descriptors/positional.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/descriptors/planar_diameter.hpp"
#include "core/sway_basic.hpp"

namespace stance {

PositionalDescriptors compute_positional(const CopTrace& trace, const PositionalSpec& spec) {
  PositionalDescriptors out;
  const Eigen::Index size = trace.size();
  const Eigen::ArrayXd& x = trace.ml_m;
  const Eigen::ArrayXd& y = trace.ap_m;
  double sum_x = 0, sum_y = 0, sum_abs_x = 0, sum_abs_y = 0, sum_r = 0;
  double sum_xx = 0, sum_yy = 0, sum_xy = 0, max_abs_x = 0, max_abs_y = 0, max_r2 = 0;
  double min_x = std::numeric_limits<double>::max(), max_x = -min_x, min_y = min_x, max_y = -min_x;
  Eigen::Index n = 0;
  const bool all_usable = trace.all_usable();
  if (size > 0 && all_usable) {
    // Every sample usable (the usual case): one pass in pairs, every sum and extreme kept per
    // lane of a 2-wide register (thirteen of them: wider blocks spill to the stack with SSE2);
    // the lanes are combined at the end.
    using Block = Eigen::Array<double, 2, 1>;
    constexpr Eigen::Index kLanes = Block::SizeAtCompileTime;
    Block sx = Block::Zero(), sy = sx, sax = sx, say = sx, sr = sx, sxx = sx, syy = sx, sxy = sx;
    Block mr2 = sx, lox = Block::Constant(min_x), hix = Block::Constant(max_x), loy = lox,
          hiy = hix;
    const Eigen::Index blocks = size / kLanes;
    for (Eigen::Index b = 0; b < blocks; ++b) {
      const Block xb = x.segment<kLanes>(b * kLanes), yb = y.segment<kLanes>(b * kLanes);
      const Block r2 = xb.square() + yb.square();
      sx += xb;
      sy += yb;
      sax += xb.abs();
      say += yb.abs();
      sr += r2.sqrt();
      sxx += xb.square();
      syy += yb.square();
      sxy += xb * yb;
      mr2 = mr2.max(r2);
      lox = lox.min(xb);
      hix = hix.max(xb);
      loy = loy.min(yb);
      hiy = hiy.max(yb);
    }
    sum_x = sx.sum();
    sum_y = sy.sum();
    sum_abs_x = sax.sum();
    sum_abs_y = say.sum();
    sum_r = sr.sum();
    sum_xx = sxx.sum();
    sum_yy = syy.sum();
    sum_xy = sxy.sum();
    max_r2 = mr2.maxCoeff();
    min_x = lox.minCoeff();
    max_x = hix.maxCoeff();
    min_y = loy.minCoeff();
    max_y = hiy.maxCoeff();
    for (Eigen::Index i = blocks * kLanes; i < size; ++i) {  // the last few samples
      const double xi = x[i], yi = y[i], r2 = xi * xi + yi * yi;
      sum_x += xi;
      sum_y += yi;
      sum_abs_x += std::abs(xi);
      sum_abs_y += std::abs(yi);
      sum_r += std::sqrt(r2);
      sum_xx += xi * xi;
      sum_yy += yi * yi;
      sum_xy += xi * yi;
      max_r2 = std::max(max_r2, r2);
      min_x = std::min(min_x, xi);
      max_x = std::max(max_x, xi);
      min_y = std::min(min_y, yi);
      max_y = std::max(max_y, yi);
    }
    n = size;
    max_abs_x = std::max(-min_x, max_x);
    max_abs_y = std::max(-min_y, max_y);
  } else {
    for (Eigen::Index i = 0; i < size; ++i) {
      if (!trace.usable[i]) continue;
      ++n;
      const double xi = x[i], yi = y[i], r2 = xi * xi + yi * yi;
      sum_x += xi;
      sum_y += yi;
      sum_abs_x += std::abs(xi);
      sum_abs_y += std::abs(yi);
      sum_r += std::sqrt(r2);
      sum_xx += xi * xi;
      sum_yy += yi * yi;
      sum_xy += xi * yi;
      max_abs_x = std::max(max_abs_x, std::abs(xi));
      max_abs_y = std::max(max_abs_y, std::abs(yi));
      max_r2 = std::max(max_r2, r2);
      min_x = std::min(min_x, xi);
      max_x = std::max(max_x, xi);
      min_y = std::min(min_y, yi);
      max_y = std::max(max_y, yi);
    }
  }
  out.samples = n;
  if (n < 3) {
    out = PositionalDescriptors{};
    out.samples = n;
    return out;
  }
  const auto count = static_cast<double>(n);
  const double mean_x = sum_x / count, mean_y = sum_y / count;
  const double var_x = sum_xx / count, var_y = sum_yy / count, cov = sum_xy / count;  // about 0
  out.mean_ml_m = defined_if_finite(trace.centre_ml_m + mean_x);
  out.mean_ap_m = defined_if_finite(trace.centre_ap_m + mean_y);
  out.mean_distance_ml_m = defined_if_finite(sum_abs_x / count);
  out.mean_distance_ap_m = defined_if_finite(sum_abs_y / count);
  out.mean_distance_m = defined_if_finite(sum_r / count);
  out.max_distance_ml_m = defined_if_finite(max_abs_x);
  out.max_distance_ap_m = defined_if_finite(max_abs_y);
  out.max_distance_m = defined_if_finite(std::sqrt(max_r2));
  const double rms_x = std::sqrt(var_x), rms_y = std::sqrt(var_y);
  out.rms_ml_m = defined_if_finite(rms_x);
  out.rms_ap_m = defined_if_finite(rms_y);
  out.rms_m = defined_if_finite(std::sqrt(var_x + var_y));
  out.planar_deviation_m = out.rms_m;
  out.radius_sd_m = std::sqrt(std::max(0.0, (var_x + var_y) - (sum_r / count) * (sum_r / count)));
  out.range_ml_m = defined_if_finite(max_x - min_x);
  out.range_ap_m = defined_if_finite(max_y - min_y);
  out.range_m =
      defined_if_finite(all_usable ? planar_diameter(x, y) : planar_diameter(x, y, trace.usable));
  if (max_y > min_y) out.range_ratio = defined_if_finite((max_x - min_x) / (max_y - min_y));
  if (rms_x > 0 && rms_y > 0) {
    out.sway_direction_coefficient = defined_if_finite(cov / (rms_x * rms_y));
  }
  const double det = std::max(0.0, var_x * var_y - cov * cov);
  double area = 2.0 * std::numbers::pi * f_quantile_95_2dof(count - 2.0) * std::sqrt(det);
  if (spec.ellipse == EllipseKind::kPublished) {
    area *= (count + 1.0) * (count - 1.0) / (count * (count - 2.0));
  }
  out.ellipse_area_95_m2 = defined_if_finite(area);
  // Principal axis of the covariance about the mean (as a PCA): angle θ from ML, then from AP.
  const double cxx = var_x - mean_x * mean_x, cyy = var_y - mean_y * mean_y;
  const double cxy = cov - mean_x * mean_y;
  if (std::abs(cxx - cyy) + 2.0 * std::abs(cxy) > 1e-12 * (cxx + cyy)) {
    const double theta = 0.5 * std::atan2(2.0 * cxy, cxx - cyy);
    out.principal_direction_rad = defined_if_finite(std::acos(std::abs(std::sin(theta))));
    out.ellipse_angle_rad = theta;
  }
  // Eigenvalues of the covariance, scaled so that π·a·b is the area above.
  const double half_trace = 0.5 * (cxx + cyy);
  const double spread = std::sqrt(0.25 * (cxx - cyy) * (cxx - cyy) + cxy * cxy);
  const double major = half_trace + spread, minor = std::max(0.0, half_trace - spread);
  if (major * minor > 0.0 && std::isfinite(area)) {
    const double scale = std::sqrt(area / (std::numbers::pi * std::sqrt(major * minor)));
    out.ellipse_semi_major_m = scale * std::sqrt(major);
    out.ellipse_semi_minor_m = scale * std::sqrt(minor);
  }
  return out;
}

}  // namespace stance
