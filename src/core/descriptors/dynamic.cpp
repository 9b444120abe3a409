#include "core/descriptors/dynamic.hpp"

#include <cmath>
#include <numbers>

namespace stance {
namespace {

// Katz's fractal dimension of a curve of n points, length l and diameter d (Prieto 1996).
Scalar fractal_dimension(double n, double d, double l) {
  if (!(n > 1 && d > 0 && l > 0)) return {};
  const double denominator = std::log(n) + std::log(d) - std::log(l);
  return denominator != 0 ? defined_if_finite(std::log(n) / denominator) : Scalar{};
}

}  // namespace

PathSums path_sums(const CopTrace& trace) {
  return path_sums(trace, trace.all_usable());
}

PathSums path_sums(const CopTrace& trace, bool all_usable) {
  PathSums s;
  const Eigen::ArrayXd& x = trace.ml_m;
  const Eigen::ArrayXd& y = trace.ap_m;
  const Eigen::Index n = trace.size();
  if (n >= 2 && all_usable) {
    // Every step counts (the usual case): one pass in blocks of 8 steps, sums kept per lane so
    // Eigen vectorises them; the last few steps join in the loop below.
    using Block = Eigen::Array<double, 8, 1>;
    constexpr Eigen::Index kLanes = Block::SizeAtCompileTime;
    Block ax = Block::Zero(), ay = ax, ap = ax, as = ax;
    const Eigen::Index blocks = (n - 1) / kLanes;
    for (Eigen::Index b = 0; b < blocks; ++b) {
      const Eigen::Index i = 1 + b * kLanes;  // steps i−1 → i, …
      const Block x1 = x.segment<kLanes>(i), x0 = x.segment<kLanes>(i - 1);
      const Block y1 = y.segment<kLanes>(i), y0 = y.segment<kLanes>(i - 1);
      const Block dx = x1 - x0, dy = y1 - y0;
      ax += dx.abs();
      ay += dy.abs();
      ap += (dx.square() + dy.square()).sqrt();
      as += (x1 * y0 - y1 * x0).abs();
    }
    s.ml_m = ax.sum();
    s.ap_m = ay.sum();
    s.planar_m = ap.sum();
    s.swept_m2 = as.sum();
    s.steps = blocks * kLanes;
    for (Eigen::Index i = 1 + blocks * kLanes; i < n; ++i) {
      const double dx = x[i] - x[i - 1], dy = y[i] - y[i - 1];
      s.ml_m += std::abs(dx);
      s.ap_m += std::abs(dy);
      s.planar_m += std::sqrt(dx * dx + dy * dy);
      s.swept_m2 += std::abs(x[i] * y[i - 1] - y[i] * x[i - 1]);
      ++s.steps;
    }
    return s;
  }
  for (Eigen::Index i = 1; i < n; ++i) {
    if (!trace.usable[i] || !trace.usable[i - 1]) continue;
    const double dx = x[i] - x[i - 1], dy = y[i] - y[i - 1];
    s.ml_m += std::abs(dx);
    s.ap_m += std::abs(dy);
    s.planar_m += std::sqrt(dx * dx + dy * dy);
    s.swept_m2 += std::abs(x[i] * y[i - 1] - y[i] * x[i - 1]);  // the triangle with the centre
    ++s.steps;
  }
  return s;
}

DynamicDescriptors compute_dynamic(const CopTrace& trace, const PositionalDescriptors& positional,
                                   const DynamicSpec& spec) {
  DynamicDescriptors out;
  // The positional family counted the usable samples: all of them, or a test per step.
  const PathSums sums = path_sums(trace, positional.samples == trace.size());
  const double path_x = sums.ml_m, path_y = sums.ap_m, path = sums.planar_m;
  const Eigen::Index steps = sums.steps;
  out.steps = steps;
  if (steps == 0 || positional.samples < 3 || !(trace.rate_hz > 0)) return out;
  const double step_time_s = static_cast<double>(steps) / trace.rate_hz;
  const double velocity_time_s = spec.mean_velocity_time == VelocityTime::kSteps
                                     ? step_time_s
                                     : static_cast<double>(positional.samples) / trace.rate_hz;
  out.path_length_ml_m = defined_if_finite(path_x);
  out.path_length_ap_m = defined_if_finite(path_y);
  out.path_length_m = defined_if_finite(path);
  out.mean_velocity_ml_m_s = defined_if_finite(path_x / velocity_time_s);
  out.mean_velocity_ap_m_s = defined_if_finite(path_y / velocity_time_s);
  out.mean_velocity_m_s = defined_if_finite(path / velocity_time_s);
  out.sway_area_per_second_m2_s = defined_if_finite(sums.swept_m2 / (2.0 * step_time_s));
  const double area = positional.ellipse_area_95_m2.value;
  if (area > 0) out.length_over_area_per_m = defined_if_finite(path / area);

  // Fractal dimension with three diameters: the planar range (PD), the circle holding about 95 %
  // of the points, 2(mean r + 1.645 sd r) (CC), and √(d1·d2) of the 95 % ellipse = √(4 area/π).
  const auto n = static_cast<double>(positional.samples);
  out.fractal_dimension_pd = fractal_dimension(n, positional.range_m.value, path);
  out.fractal_dimension_cc = fractal_dimension(
      n, 2.0 * (positional.mean_distance_m.value + 1.645 * positional.radius_sd_m), path);
  out.fractal_dimension_ce = fractal_dimension(n, std::sqrt(4.0 * area / std::numbers::pi), path);

  // Mean frequency (Prieto 1996): the frequency of a sinusoid with the same mean speed and mean
  // distance; mean speed over the counted steps.
  if (positional.mean_distance_m.value > 0) {
    out.mean_frequency_hz = defined_if_finite(
        path / step_time_s / (2.0 * std::numbers::pi * positional.mean_distance_m.value));
  }
  if (positional.mean_distance_ml_m.value > 0) {
    out.mean_frequency_ml_hz = defined_if_finite(
        path_x / step_time_s / (4.0 * std::numbers::sqrt2 * positional.mean_distance_ml_m.value));
  }
  if (positional.mean_distance_ap_m.value > 0) {
    out.mean_frequency_ap_hz = defined_if_finite(
        path_y / step_time_s / (4.0 * std::numbers::sqrt2 * positional.mean_distance_ap_m.value));
  }

  // Velocity-based values on the continuous (bridged) signal.
  if (trace.size() >= 5) {
    const VelocitySummary vx = velocity_summary(trace.ml_m, trace.rate_hz);
    const VelocitySummary vy = velocity_summary(trace.ap_m, trace.rate_hz);
    out.phase_plane_ml_m = defined_if_finite(
        std::sqrt(positional.rms_ml_m.value * positional.rms_ml_m.value + vx.variance));
    out.phase_plane_ap_m = defined_if_finite(
        std::sqrt(positional.rms_ap_m.value * positional.rms_ap_m.value + vy.variance));
    out.velocity_ml = vx.peaks;
    out.velocity_ap = vy.peaks;
  }
  return out;
}

SwayDensityPeaks compute_sway_density(const CopTrace& trace, const DynamicSpec& spec) {
  return sway_density_peaks(trace.ml_m, trace.ap_m, trace.rate_hz, spec.sway_density);
}

}  // namespace stance
