#include "core/descriptors/diffusion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/descriptors/fft.hpp"

namespace stance {
namespace {

struct Line {
  double slope = 0, intercept = 0, rmse = std::numeric_limits<double>::infinity();
};

// Least-squares lines through runs of points (x[k], y[k]) in O(1) each, from prefix sums of
// values shifted to the middle of the data (which keeps the sums' cancellation small).
class PrefixFits {
 public:
  PrefixFits(const Eigen::ArrayXd& x, const Eigen::ArrayXd& y, Eigen::Index first,
             Eigen::Index last)
      : first_(first), x0_(x[(first + last) / 2]), y0_(y[(first + last) / 2]) {
    const Eigen::Index n = last - first + 1;
    for (Eigen::ArrayXd* a : {&sx_, &sy_, &sxx_, &sxy_, &syy_}) a->resize(n + 1);
    sx_[0] = sy_[0] = sxx_[0] = sxy_[0] = syy_[0] = 0;
    for (Eigen::Index k = 0; k < n; ++k) {
      const double u = x[first + k] - x0_, v = y[first + k] - y0_;
      sx_[k + 1] = sx_[k] + u;
      sy_[k + 1] = sy_[k] + v;
      sxx_[k + 1] = sxx_[k] + u * u;
      sxy_[k + 1] = sxy_[k] + u * v;
      syy_[k + 1] = syy_[k] + v * v;
    }
  }
  // The line through the points a … b (inclusive indices of x and y).
  Line fit(Eigen::Index a, Eigen::Index b) const {
    Line l;
    const Eigen::Index i = a - first_, j = b - first_ + 1;
    const auto n = static_cast<double>(j - i);
    if (n < 2) return l;
    const double sx = sx_[j] - sx_[i], sy = sy_[j] - sy_[i];
    const double cxx = (sxx_[j] - sxx_[i]) - sx * sx / n;
    const double cxy = (sxy_[j] - sxy_[i]) - sx * sy / n;
    const double cyy = (syy_[j] - syy_[i]) - sy * sy / n;
    if (!(cxx > 0)) return l;
    l.slope = cxy / cxx;
    l.intercept = y0_ + (sy - l.slope * sx) / n - l.slope * x0_;
    l.rmse = std::sqrt(std::max(0.0, cyy - l.slope * cxy) / n);
    return l;
  }

 private:
  Eigen::Index first_;
  double x0_, y0_;
  Eigen::ArrayXd sx_, sy_, sxx_, sxy_, syy_;
};

// One MSD curve; lag_s and log_t (log of the lag, [0] unused) for lags 0 … max_lag.
DiffusionAxis analyse(const Eigen::ArrayXd& lag_s, const Eigen::ArrayXd& log_t,
                      const Eigen::ArrayXd& msd, double rate_hz, double per_axis,
                      const DiffusionSpec& spec) {
  DiffusionAxis out;
  const Eigen::Index max_lag = msd.size() - 1;
  const auto start = static_cast<Eigen::Index>(spec.break_min_s * rate_hz) + 1;
  const auto stop = static_cast<Eigen::Index>(spec.break_max_s * rate_hz);
  if (start < 2 || stop < start || stop + 2 > max_lag) return out;
  if (!(msd.tail(max_lag) > 0).all()) return out;
  Eigen::ArrayXd log_msd = Eigen::ArrayXd::Zero(max_lag + 1);  // [0] unused
  log_msd.tail(max_lag) = msd.tail(max_lag).log();
  const PrefixFits log_fits(log_t, log_msd, 1, max_lag);

  // Short region: lags 1 … i; long region: lags i … max_lag; i in [start, stop]. The last of
  // equal minima wins, as in the published code.
  Line best_short, best_long;
  Eigen::Index end_short = 0, begin_long = 0;
  for (Eigen::Index i = start; i <= stop; ++i) {
    const Line s = log_fits.fit(1, i);
    if (s.rmse <= best_short.rmse) {
      best_short = s;
      end_short = i;
    }
    const Line l = log_fits.fit(i, max_lag);
    if (l.rmse <= best_long.rmse) {
      best_long = l;
      begin_long = i;
    }
  }
  if (end_short == 0 || begin_long == 0) return out;
  out.scaling_short = defined_if_finite(best_short.slope / 2.0);
  out.scaling_long = defined_if_finite(best_long.slope / 2.0);

  // The critical point: where the two log–log lines cross, at most at the largest lag.
  const double denominator = best_short.slope - best_long.slope;
  if (denominator != 0) {
    const double log_tc =
        std::min((best_long.intercept - best_short.intercept) / denominator, log_t[max_lag]);
    out.critical_time_s = defined_if_finite(std::exp(log_tc));
    out.critical_msd_m2 =
        defined_if_finite(std::exp(best_short.intercept + best_short.slope * log_tc));
  }
  if (spec.form == DiffusionForm::kPublished) {
    out.diffusion_short = defined_if_finite(std::exp(best_short.intercept));
    out.diffusion_long = defined_if_finite(std::exp(best_long.intercept));
  } else {
    // Collins–De Luca: slopes of straight lines through the linear plot over the same regions.
    const PrefixFits linear_fits(lag_s, msd, 1, max_lag);
    out.diffusion_short = defined_if_finite(linear_fits.fit(1, end_short).slope / per_axis);
    out.diffusion_long = defined_if_finite(linear_fits.fit(begin_long, max_lag).slope / per_axis);
  }
  return out;
}

Eigen::ArrayXd lags_s(Eigen::Index max_lag, double rate_hz) {
  return Eigen::ArrayXd::LinSpaced(max_lag + 1, 0, static_cast<double>(max_lag)) / rate_hz;
}

Eigen::ArrayXd log_lags(const Eigen::ArrayXd& lag_s) {
  Eigen::ArrayXd log_t = Eigen::ArrayXd::Zero(lag_s.size());  // [0] unused
  log_t.tail(lag_s.size() - 1) = lag_s.tail(lag_s.size() - 1).log();
  return log_t;
}

}  // namespace

DiffusionAxis fit_diffusion_curve(const Eigen::ArrayXd& msd, double rate_hz, double per_axis,
                                  const DiffusionSpec& spec) {
  const Eigen::Index max_lag = msd.size() - 1;
  if (max_lag < 3 || !(rate_hz > 0)) return {};
  const Eigen::ArrayXd lag_s = lags_s(max_lag, rate_hz);
  return analyse(lag_s, log_lags(lag_s), msd, rate_hz, per_axis, spec);
}

void mean_square_displacement(const Eigen::ArrayXd& x, const Eigen::ArrayXd& y,
                              Eigen::Index max_lag, Eigen::ArrayXd& msd_x, Eigen::ArrayXd& msd_y) {
  const Eigen::Index n = x.size();
  max_lag = std::clamp<Eigen::Index>(max_lag, 0, n > 0 ? n - 1 : 0);
  msd_x = Eigen::ArrayXd::Zero(max_lag + 1);
  msd_y = Eigen::ArrayXd::Zero(max_lag + 1);
  if (n < 2) return;
  // Σ_i (x[i+k] − x[i])² = Σ_{i>=k} x² + Σ_{i<n−k} x² − 2 r(k), with r the autocorrelation,
  // computed for both signals in one complex transform zero-padded past n + max_lag.
  const std::size_t m = next_power_of_two(static_cast<std::size_t>(n + max_lag));
  const Radix2Fft& fft = cached_radix2_fft(m);
  std::vector<Complex> z(m);
  for (Eigen::Index i = 0; i < n; ++i) z[static_cast<std::size_t>(i)] = {x[i], y[i]};
  fft.forward(z.data());
  // |X_k|² + i·|Y_k|² in place: bins k and m − k need each other, so they go in pairs.
  auto power = [](Complex a, Complex b_mirror) {
    const Complex b = std::conj(b_mirror);
    return Complex{0.25 * std::norm(a + b), 0.25 * std::norm(a - b)};
  };
  for (std::size_t k = 0; k <= m / 2; ++k) {
    const std::size_t j = k == 0 ? 0 : m - k;
    const Complex a = z[k], b = z[j];
    z[k] = power(a, b);
    if (j != k) z[j] = power(b, a);
  }
  fft.inverse(z.data());
  const std::vector<Complex>& p = z;
  Eigen::ArrayXd qx(n + 1), qy(n + 1);  // prefix sums of squares
  qx[0] = qy[0] = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    qx[i + 1] = qx[i] + x[i] * x[i];
    qy[i + 1] = qy[i] + y[i] * y[i];
  }
  const double inverse_m = 1.0 / static_cast<double>(m);
  for (Eigen::Index k = 1; k <= max_lag; ++k) {
    const double rx = p[static_cast<std::size_t>(k)].real() * inverse_m;
    const double ry = p[static_cast<std::size_t>(k)].imag() * inverse_m;
    const auto pairs = static_cast<double>(n - k);
    msd_x[k] = std::max(0.0, (qx[n] - qx[k] + qx[n - k] - 2.0 * rx) / pairs);
    msd_y[k] = std::max(0.0, (qy[n] - qy[k] + qy[n - k] - 2.0 * ry) / pairs);
  }
}

DiffusionDescriptors compute_diffusion(const CopTrace& trace, const DiffusionSpec& spec) {
  DiffusionDescriptors out;
  const Eigen::Index n = trace.size();
  if (n < 4 || !(trace.rate_hz > 0)) return out;
  out.max_lag = static_cast<Eigen::Index>(static_cast<double>(n) * spec.max_lag_fraction);
  Eigen::ArrayXd msd_x, msd_y;
  mean_square_displacement(trace.ml_m, trace.ap_m, out.max_lag, msd_x, msd_y);
  out.max_lag = msd_x.size() - 1;
  if (out.max_lag < 3) return out;
  const Eigen::ArrayXd lag_s = lags_s(out.max_lag, trace.rate_hz);
  const Eigen::ArrayXd log_t = log_lags(lag_s);
  out.ml = analyse(lag_s, log_t, msd_x, trace.rate_hz, 2.0, spec);
  out.ap = analyse(lag_s, log_t, msd_y, trace.rate_hz, 2.0, spec);
  out.planar = analyse(lag_s, log_t, msd_x + msd_y, trace.rate_hz, 4.0, spec);
  return out;
}

}  // namespace stance
