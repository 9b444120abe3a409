#include "core/descriptors/welch.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/descriptors/fft.hpp"

namespace stance {
namespace {

// The mean or least-squares line of x[0 … n), to be removed: x[i] − (mean + slope·(i − t_mean)).
struct Trend {
  double mean = 0, slope = 0, t_mean = 0;
};

Trend trend(const double* x, std::size_t n, Detrend mode) {
  Trend t;
  if (mode == Detrend::kNone || n == 0) return t;
  double mean = 0;
  for (std::size_t i = 0; i < n; ++i) mean += x[i];
  t.mean = mean / static_cast<double>(n);
  if (mode == Detrend::kConstant || n < 2) return t;
  t.t_mean = 0.5 * static_cast<double>(n - 1);
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dt = static_cast<double>(i) - t.t_mean;
    sxy += dt * (x[i] - t.mean);
    sxx += dt * dt;
  }
  t.slope = sxy / sxx;
  return t;
}

// x[i] less its trend, as the separate detrending step computed it.
double detrended(const Trend& t, Detrend mode, double x, std::size_t i) {
  if (mode == Detrend::kNone) return x;
  if (mode == Detrend::kConstant || t.t_mean == 0) return x - t.mean;
  return x - (t.mean + t.slope * (static_cast<double>(i) - t.t_mean));
}

// The periodic Hann window of a segment length and its power Σw², kept per thread like the FFT
// plans: the cosines cost about as much as a segment's transform.
struct HannWindow {
  std::vector<double> w;
  double power = 0;
};

const HannWindow& hann_window(std::size_t segment) {
  thread_local HannWindow cached;
  if (cached.w.size() == segment) return cached;
  cached.w.resize(segment);
  cached.power = 0;
  for (std::size_t i = 0; i < segment; ++i) {
    cached.w[i] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(i) /
                                       static_cast<double>(segment));
    cached.power += cached.w[i] * cached.w[i];
  }
  return cached;
}

// One windowed, detrended segment as z = x + i·y, zero-padded to z.size().
void load_segment(const double* x, const double* y, std::size_t segment, const WelchSpec& spec,
                  const std::vector<double>& window, std::vector<Complex>& z) {
  const Trend tx = trend(x, segment, spec.detrend), ty = trend(y, segment, spec.detrend);
  for (std::size_t i = 0; i < segment; ++i) {
    z[i] = {detrended(tx, spec.detrend, x[i], i) * window[i],
            detrended(ty, spec.detrend, y[i], i) * window[i]};
  }
  std::fill(z.begin() + static_cast<std::ptrdiff_t>(segment), z.end(), Complex{});
}

// |X_k|² + i·|Y_k|² of the transform of z = x + i·y, added to sum[k] for k < bins.
void add_power(const std::vector<Complex>& z, std::size_t bins, Complex* sum) {
  const std::size_t m = z.size();
  for (std::size_t k = 0; k < bins; ++k) {
    const Complex a = z[k], b = std::conj(z[k == 0 ? 0 : m - k]);  // no division
    sum[k] += Complex{0.25 * std::norm(a + b), 0.25 * std::norm(a - b)};
  }
}

// Σ over segments of |X_s(k)|² + i·|Y_s(k)|², for the one-sided bins k ≤ nfft / 2.
//
// Transformed one by one at nfft points, this costs segments × nfft log nfft: with nfft the
// signal's length (the reference preset), that grows as n² log n (104 ms at 600 s). The same sum
// is the transform of the segments' summed autocorrelations, which are 2·segment − 1 long: each
// segment is transformed at the short power of two M ≥ 2·segment − 1, the powers summed, taken
// back to lags, wrapped onto nfft points, and transformed once at nfft. Linear in n.
std::vector<Complex> summed_power(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap,
                                  std::size_t segment, std::size_t step, std::size_t segments,
                                  std::size_t nfft, const WelchSpec& spec,
                                  const std::vector<double>& window) {
  std::vector<Complex> power(nfft), scratch;
  const std::size_t m = next_power_of_two(2 * segment - 1);
  if (segments < 2 || m >= nfft) {  // one transform at nfft per segment is no more work
    const Dft& dft = cached_dft(nfft);
    std::vector<Complex> z(nfft);
    for (std::size_t s = 0; s < segments; ++s) {
      load_segment(ml.data() + s * step, ap.data() + s * step, segment, spec, window, z);
      dft.forward(z.data(), scratch);
      add_power(z, nfft / 2 + 1, power.data());  // the one-sided bins
    }
    return power;
  }
  const Radix2Fft& short_fft = cached_radix2_fft(m);
  std::vector<Complex> z(m), lags(m);
  for (std::size_t s = 0; s < segments; ++s) {
    load_segment(ml.data() + s * step, ap.data() + s * step, segment, spec, window, z);
    short_fft.forward(z.data());
    add_power(z, m, lags.data());
  }
  short_fft.inverse(lags.data());  // lag d at d, lag −d at m − d (no wrap: m ≥ 2·segment − 1)
  const double unscale = 1.0 / static_cast<double>(m);
  for (std::size_t d = 0; d < segment; ++d) {
    power[d % nfft] += lags[d] * unscale;
    if (d > 0) power[(nfft - d % nfft) % nfft] += lags[m - d] * unscale;
  }
  cached_dft(nfft).forward(power.data(), scratch);
  // Real even lags have a real transform: the ML power is the real part, the AP power the
  // imaginary part, as add_power keeps them.
  return power;
}

}  // namespace

Psd welch_psd(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap, double rate_hz,
              const WelchSpec& spec) {
  Psd psd;
  const auto n = static_cast<std::size_t>(ml.size());
  if (n < 2 || ap.size() != ml.size() || !(rate_hz > 0)) return psd;
  const auto wanted = static_cast<std::size_t>(std::llround(spec.segment_s * rate_hz));
  const std::size_t segment = std::clamp<std::size_t>(wanted, 2, n);
  const auto overlap = std::min(
      segment - 1,
      static_cast<std::size_t>(std::clamp(spec.overlap, 0.0, 1.0) * static_cast<double>(segment)));
  const std::size_t step = segment - overlap;
  const std::size_t segments = (n - overlap) / step;
  std::size_t nfft = n;
  if (spec.fft_length == FftLength::kNextPowerOfTwo) {
    nfft = next_power_of_two(static_cast<std::size_t>(
        std::ceil(std::max(1.0, spec.zero_pad_factor) * static_cast<double>(segment))));
  }
  nfft = std::max(nfft, segment);

  const HannWindow& hann = hann_window(segment);
  const std::vector<double>& window = hann.w;
  const double window_power = hann.power;

  const std::size_t bins = nfft / 2 + 1;
  psd.rate_hz = rate_hz;
  psd.nfft = nfft;
  psd.segment = segment;
  psd.segments = segments;
  psd.ml_m2_hz = Eigen::ArrayXd::Zero(static_cast<Eigen::Index>(bins));
  psd.ap_m2_hz = Eigen::ArrayXd::Zero(static_cast<Eigen::Index>(bins));
  psd.freq_hz.resize(static_cast<Eigen::Index>(bins));
  // The same arithmetic as numpy's rfftfreq, so band edges fall on the same bins.
  const double bin = 1.0 / (static_cast<double>(nfft) * (1.0 / rate_hz));
  for (std::size_t k = 0; k < bins; ++k)
    psd.freq_hz[static_cast<Eigen::Index>(k)] = static_cast<double>(k) * bin;

  // Two real signals in one complex transform: z = x + i·y.
  const std::vector<Complex> power =
      summed_power(ml, ap, segment, step, segments, nfft, spec, window);
  for (std::size_t k = 0; k < bins; ++k) {
    psd.ml_m2_hz[static_cast<Eigen::Index>(k)] = power[k].real();  // Σ |X_k|²
    psd.ap_m2_hz[static_cast<Eigen::Index>(k)] = power[k].imag();  // Σ |Y_k|²
  }
  const double scale = 1.0 / (rate_hz * window_power * static_cast<double>(segments));
  psd.ml_m2_hz *= scale;
  psd.ap_m2_hz *= scale;
  // One-sided: every bin but DC (and Nyquist for even nfft) carries its mirror image too.
  const std::size_t last_doubled = nfft % 2 == 0 ? bins - 2 : bins - 1;
  for (std::size_t k = 1; k <= last_doubled; ++k) {
    psd.ml_m2_hz[static_cast<Eigen::Index>(k)] *= 2.0;
    psd.ap_m2_hz[static_cast<Eigen::Index>(k)] *= 2.0;
  }
  return psd;
}

}  // namespace stance
