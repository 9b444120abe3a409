#include "core/descriptors/frequency.hpp"

#include <cmath>

namespace stance {

SpectralDescriptors spectral_descriptors(const Eigen::ArrayXd& freq_hz,
                                         const Eigen::ArrayXd& psd_m2_hz, double bin_hz,
                                         const SpectralSpec& spec) {
  SpectralDescriptors out;
  const double unit = spec.power == PowerSum::kIntegral ? bin_hz : 1.0;
  double m0 = 0, m1 = 0, m2 = 0;
  double below_0_5 = 0, from_0_5_to_2 = 0, above_2 = 0, up_to_5 = 0;
  Eigen::Index first = -1, last = -1, mode = -1;
  for (Eigen::Index k = 0; k < freq_hz.size(); ++k) {
    const double f = freq_hz[k], p = psd_m2_hz[k];
    if (f < spec.band_min_hz || f > spec.band_max_hz) continue;
    if (first < 0) first = k;
    last = k;
    if (mode < 0 || p > psd_m2_hz[mode]) mode = k;  // the first of equal maxima, as argmax
    m0 += p;
    m1 += f * p;
    m2 += f * f * p;
    if (f > 0 && f <= 0.5) below_0_5 += p;
    if (f > 0.5 && f <= 2) from_0_5_to_2 += p;
    if (f > 2) above_2 += p;
    if (f > 2 && f <= 5) up_to_5 += p;
  }
  if (first < 0 || !(m0 > 0)) return out;
  out.total_power = defined_if_finite(m0 * unit);
  out.energy_below_0_5hz = defined_if_finite(below_0_5 * unit);
  out.energy_0_5_to_2hz = defined_if_finite(from_0_5_to_2 * unit);
  out.energy_above_2hz = defined_if_finite(above_2 * unit);
  out.mode_hz = defined_if_finite(freq_hz[mode]);
  // F50, F95: the first bin whose cumulative power reaches the fraction; interpolated, the point
  // inside that bin (of width Δf, centred on its frequency) where it is reached.
  auto percentile = [&](double fraction) {
    double cumulative = 0;
    for (Eigen::Index k = first; k <= last; ++k) {
      const double before = cumulative;
      cumulative += psd_m2_hz[k];
      if (cumulative >= fraction * m0 && psd_m2_hz[k] > 0) {
        if (spec.percentile == PercentileFrequency::kFirstBin) return defined_if_finite(freq_hz[k]);
        return defined_if_finite(freq_hz[k] - 0.5 * bin_hz +
                                 bin_hz * (fraction * m0 - before) / psd_m2_hz[k]);
      }
    }
    // Summation order can leave the final cumulative a hair below the target: the last bin.
    return defined_if_finite(freq_hz[last]);
  };
  out.f50_hz = percentile(0.5);
  out.f95_hz = percentile(0.95);
  if (m2 > 0) {
    out.centroid_hz = defined_if_finite(std::sqrt(m2 / m0));
    out.dispersion = defined_if_finite(std::sqrt(std::max(0.0, 1.0 - m1 * m1 / (m0 * m2))));
  }
  const double low = below_0_5 + from_0_5_to_2;  // (0, 2] Hz within the band
  if (low > 0) out.frequency_quotient = defined_if_finite(up_to_5 / low);
  return out;
}

FrequencyDescriptors compute_frequency(const Psd& psd, const SpectralSpec& spec) {
  return {spectral_descriptors(psd.freq_hz, psd.ml_m2_hz, psd.bin_hz(), spec),
          spectral_descriptors(psd.freq_hz, psd.ap_m2_hz, psd.bin_hz(), spec)};
}

}  // namespace stance
