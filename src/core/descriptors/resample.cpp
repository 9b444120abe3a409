#include "core/descriptors/resample.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/preprocess.hpp"

namespace stance {

ResampledCop resample_linear(const Eigen::ArrayXd& t_s, const Eigen::ArrayXd& ml_m,
                             const Eigen::ArrayXd& ap_m, const std::vector<bool>& usable,
                             double t0_s, double rate_hz, Eigen::Index count) {
  ResampledCop out;
  out.rate_hz = rate_hz;
  out.t0_s = t0_s;
  const Eigen::Index n = t_s.size();
  count = std::max<Eigen::Index>(0, count);
  out.ml_m = Eigen::ArrayXd::Zero(count);
  out.ap_m = Eigen::ArrayXd::Zero(count);
  out.usable.assign(static_cast<std::size_t>(count), false);
  if (n == 0 || !(rate_hz > 0)) return out;
  Eigen::Index i = 0;  // t_s[i] <= t < t_s[i + 1]
  for (Eigen::Index j = 0; j < count; ++j) {
    const double t = t0_s + static_cast<double>(j) / rate_hz;
    if (t <= t_s[0] || n == 1) {
      out.ml_m[j] = ml_m[0];
      out.ap_m[j] = ap_m[0];
      out.usable[j] = t == t_s[0] && usable[0];
      continue;
    }
    if (t >= t_s[n - 1]) {
      out.ml_m[j] = ml_m[n - 1];
      out.ap_m[j] = ap_m[n - 1];
      out.usable[j] = t == t_s[n - 1] && usable[n - 1];
      continue;
    }
    while (t_s[i + 1] <= t) ++i;
    const double f = (t - t_s[i]) / (t_s[i + 1] - t_s[i]);
    out.ml_m[j] = ml_m[i] + f * (ml_m[i + 1] - ml_m[i]);
    out.ap_m[j] = ap_m[i] + f * (ap_m[i + 1] - ap_m[i]);
    out.usable[j] = usable[i] && (f == 0 || usable[i + 1]);
  }
  for (const bool u : out.usable) out.filled += u ? 0 : 1;
  return out;
}

Result<ResampledCop> resample_cop(const ForceSamples& samples, const LowPassSpec& lowpass,
                                  double rate_hz) {
  if (samples.size() == 0 || !(samples.rate_hz > 0)) return Error{"no samples to resample"};
  if (!(rate_hz > 2.0 * lowpass.cutoff_hz)) {
    return Error{"a resampling rate of " + std::to_string(rate_hz) + " Hz is too low for the " +
                 std::to_string(lowpass.cutoff_hz) +
                 " Hz low-pass: it must exceed twice the cut-off"};
  }
  // The low-pass runs at the source rate first, so a lower new rate sees no aliasing.
  const FilteredCop cop = lowpass_cop(samples, lowpass);
  if (!cop.filtered && rate_hz < samples.rate_hz) {
    return Error{"cannot low-pass at " + std::to_string(samples.rate_hz) +
                 " Hz before resampling: the cut-off must lie below half the sample rate"};
  }
  const Eigen::Index n = samples.size();
  const Eigen::ArrayXd t_s =
      samples.t0_s + Eigen::ArrayXd::LinSpaced(n, 0, static_cast<double>(n - 1)) / samples.rate_hz;
  const auto count = static_cast<Eigen::Index>(std::floor(
                         static_cast<double>(n - 1) * rate_hz / samples.rate_hz + 1e-9)) +
                     1;
  return resample_linear(t_s, cop.ml_m, cop.ap_m, cop.usable, samples.t0_s, rate_hz, count);
}

namespace {

double l1(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap, Eigen::Index a, double ml_b,
          double ap_b) {
  return std::abs(ml[a] - ml_b) + std::abs(ap[a] - ap_b);
}

}  // namespace

ResampledCop resample_swarii(const Eigen::ArrayXd& t_s, const Eigen::ArrayXd& ml_m,
                             const Eigen::ArrayXd& ap_m, const SwariiSpec& spec) {
  ResampledCop out;
  out.rate_hz = spec.rate_hz;
  const Eigen::Index n = t_s.size();
  // 1. The published spike purge: a sample far from the last kept one whose next or next-but-one
  //    sample is back near it is an artefact.
  std::vector<double> t, x, y;
  t.reserve(static_cast<std::size_t>(n));
  x.reserve(static_cast<std::size_t>(n));
  y.reserve(static_cast<std::size_t>(n));
  const Eigen::Index first = spec.published_quirks ? 1 : 0;
  const Eigen::Index end = spec.published_quirks ? n - 1 : n;
  for (Eigen::Index i = first; i < end; ++i) {
    if (spec.published_quirks) {
      if (t_s[i] < spec.start_s) continue;
      if (!t.empty()) {
        const double far = l1(ml_m, ap_m, i, x.back(), y.back());
        const bool back_next = l1(ml_m, ap_m, i + 1, x.back(), y.back()) < spec.spike_back_m;
        const bool back_after =
            i > 1 && i < n - 2 && l1(ml_m, ap_m, i + 2, x.back(), y.back()) < spec.spike_back_m;
        if (far > spec.spike_up_m && (back_next || back_after)) continue;
      }
    }
    t.push_back(t_s[i]);
    x.push_back(ml_m[i]);
    y.push_back(ap_m[i]);
  }
  const auto m = static_cast<Eigen::Index>(t.size());
  if (m == 0 || !(spec.rate_hz > 0)) return out;

  // 2. Sliding-window weighted average at t[0], t[0] + 1/rate, … while before the last sample.
  //    The window is a hair narrower than 80 ms (as published) so samples exactly 40 ms away
  //    stay out.
  const double half = 0.5 * (spec.window_s - 1e-6);
  const double step = 1.0 / spec.rate_hz;
  std::vector<double> out_t, out_x, out_y;
  Eigen::Index lo = 0, empty = 0;
  for (double now = std::max(0.0, t[0]); now < t[static_cast<std::size_t>(m - 1)]; now += step) {
    auto in_window = [&](Eigen::Index k) {
      return std::abs(t[static_cast<std::size_t>(k)] - now) < half;
    };
    while (lo < m && t[static_cast<std::size_t>(lo)] < now && !in_window(lo)) ++lo;
    Eigen::Index hi = lo;
    while (hi < m && in_window(hi)) ++hi;
    if (hi == lo) {
      ++empty;
      continue;
    }
    double vx = 0, vy = 0, weight = 0;
    if (hi - lo == 1) {
      vx = x[static_cast<std::size_t>(lo)];
      vy = y[static_cast<std::size_t>(lo)];
    } else {
      for (Eigen::Index k = lo; k < hi; ++k) {
        const auto u = static_cast<std::size_t>(k);
        // Each sample stands for the time from the midpoint with its predecessor to the one with
        // its successor, clipped to the window and to the recording.
        const double left =
            (k == lo || k == 0) ? std::max(t[0], now - half) : 0.5 * (t[u] + t[u - 1]);
        const double right = k == hi - 1 ? std::min(t[static_cast<std::size_t>(m - 1)], now + half)
                                         : 0.5 * (t[u + 1] + t[u]);
        const double w = right - left;
        vx += x[u] * w;
        vy += y[u] * w;
        weight += w;
      }
      vx /= weight;
      vy /= weight;
    }
    out_t.push_back(now);
    out_x.push_back(vx);
    out_y.push_back(vy);
  }
  if (out_t.empty()) return out;
  out.t0_s = out_t.front();
  out.filled = empty;
  if (empty == 0) {
    out.ml_m =
        Eigen::Map<const Eigen::ArrayXd>(out_x.data(), static_cast<Eigen::Index>(out_x.size()));
    out.ap_m =
        Eigen::Map<const Eigen::ArrayXd>(out_y.data(), static_cast<Eigen::Index>(out_y.size()));
  } else {
    // 3. Empty windows: the published code interpolates linearly onto first + j·step, over
    //    [first, last) (so the last window is lost).
    const double span = out_t.back() - out_t.front();
    const auto count = static_cast<Eigen::Index>(std::ceil(span / step));
    const Eigen::ArrayXd tt =
        Eigen::Map<const Eigen::ArrayXd>(out_t.data(), static_cast<Eigen::Index>(out_t.size()));
    const Eigen::ArrayXd xx = Eigen::Map<const Eigen::ArrayXd>(out_x.data(), tt.size());
    const Eigen::ArrayXd yy = Eigen::Map<const Eigen::ArrayXd>(out_y.data(), tt.size());
    const ResampledCop grid =
        resample_linear(tt, xx, yy, std::vector<bool>(static_cast<std::size_t>(tt.size()), true),
                        out.t0_s, spec.rate_hz, count);
    out.ml_m = grid.ml_m;
    out.ap_m = grid.ap_m;
  }
  out.usable.assign(static_cast<std::size_t>(out.ml_m.size()), true);
  return out;
}

CopTrace decimate(const CopTrace& trace, Eigen::Index factor) {
  if (factor <= 1) return trace;
  CopTrace out;
  out.rate_hz = trace.rate_hz / static_cast<double>(factor);
  out.centre_ml_m = trace.centre_ml_m;
  out.centre_ap_m = trace.centre_ap_m;
  const Eigen::Index n = (trace.size() + factor - 1) / factor;
  out.ml_m.resize(n);
  out.ap_m.resize(n);
  out.usable.resize(static_cast<std::size_t>(n));
  for (Eigen::Index j = 0; j < n; ++j) {
    out.ml_m[j] = trace.ml_m[j * factor];
    out.ap_m[j] = trace.ap_m[j * factor];
    out.usable[static_cast<std::size_t>(j)] = trace.usable[static_cast<std::size_t>(j * factor)];
  }
  return out;
}

}  // namespace stance
