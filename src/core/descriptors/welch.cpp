#include "core/descriptors/welch.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/descriptors/fft.hpp"

namespace stance {
namespace {

// Removes the mean or the least-squares line from x[0 … n).
void detrend(double* x, std::size_t n, Detrend mode) {
  if (mode == Detrend::kNone || n == 0) return;
  double mean = 0;
  for (std::size_t i = 0; i < n; ++i) mean += x[i];
  mean /= static_cast<double>(n);
  if (mode == Detrend::kConstant || n < 2) {
    for (std::size_t i = 0; i < n; ++i) x[i] -= mean;
    return;
  }
  const double t_mean = 0.5 * static_cast<double>(n - 1);
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dt = static_cast<double>(i) - t_mean;
    sxy += dt * (x[i] - mean);
    sxx += dt * dt;
  }
  const double slope = sxy / sxx;
  for (std::size_t i = 0; i < n; ++i) x[i] -= mean + slope * (static_cast<double>(i) - t_mean);
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

  std::vector<double> window(segment);
  double window_power = 0;
  for (std::size_t i = 0; i < segment; ++i) {
    window[i] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(i) /
                                     static_cast<double>(segment));
    window_power += window[i] * window[i];
  }

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

  const Dft& dft = cached_dft(nfft);
  std::vector<Complex> z(nfft), scratch;
  std::vector<double> x(segment), y(segment);
  for (std::size_t s = 0; s < segments; ++s) {
    const auto first = static_cast<Eigen::Index>(s * step);
    for (std::size_t i = 0; i < segment; ++i) {
      x[i] = ml[first + static_cast<Eigen::Index>(i)];
      y[i] = ap[first + static_cast<Eigen::Index>(i)];
    }
    detrend(x.data(), segment, spec.detrend);
    detrend(y.data(), segment, spec.detrend);
    // Two real signals in one complex transform: z = x + i·y.
    for (std::size_t i = 0; i < segment; ++i) z[i] = {x[i] * window[i], y[i] * window[i]};
    std::fill(z.begin() + static_cast<std::ptrdiff_t>(segment), z.end(), Complex{});
    dft.forward(z.data(), scratch);
    for (std::size_t k = 0; k < bins; ++k) {
      const Complex a = z[k], b = std::conj(z[(nfft - k) % nfft]);
      psd.ml_m2_hz[static_cast<Eigen::Index>(k)] += 0.25 * std::norm(a + b);  // |X_k|²
      psd.ap_m2_hz[static_cast<Eigen::Index>(k)] += 0.25 * std::norm(a - b);  // |Y_k|²
    }
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
