#pragma once
// Frequency-domain COP descriptors from a power spectral density (Prieto et al. 1996, IEEE Trans
// Biomed Eng 43:956; Quijoux et al. 2021, Physiol Rep 9:e15067). Definitions: docs/metrics.md.
#include <limits>

#include "core/descriptors/cop_trace.hpp"
#include "core/descriptors/welch.hpp"

namespace stance {

enum class PowerSum {
  kSumOfBins,  // Σ PSD over the bins (m²/Hz): the published implementation's "power"
  kIntegral,   // Σ PSD · Δf (m²): power in the physical sense
};

enum class PercentileFrequency {
  kFirstBin,      // the first bin where the cumulative power reaches the fraction (published)
  kInterpolated,  // within that bin, each bin's power spread evenly over its width
};

struct SpectralSpec {
  double band_min_hz = 0.15;  // every descriptor uses only bins with band_min <= f <= band_max
  double band_max_hz = 5.0;
  PowerSum power = PowerSum::kIntegral;
  PercentileFrequency percentile = PercentileFrequency::kInterpolated;
};

struct SpectralDescriptors {
  Scalar total_power;         // m² (kIntegral) or m²/Hz (kSumOfBins)
  Scalar f50_hz, f95_hz;      // where the cumulative power reaches 50 %, 95 %
  Scalar mode_hz;             // bin of the largest density
  Scalar centroid_hz;         // √(m2 / m0)
  Scalar dispersion;          // √(1 − m1² / (m0 m2)), 0 for a pure tone
  Scalar energy_below_0_5hz;  // (0, 0.5] Hz, same unit as total_power
  Scalar energy_0_5_to_2hz;   // (0.5, 2] Hz
  Scalar energy_above_2hz;    // (2, ∞) Hz
  Scalar frequency_quotient;  // power in (2, 5] Hz / power in (0, 2] Hz
};

struct FrequencyDescriptors {
  SpectralDescriptors ml, ap;
};

SpectralDescriptors spectral_descriptors(const Eigen::ArrayXd& freq_hz,
                                         const Eigen::ArrayXd& psd_m2_hz, double bin_hz,
                                         const SpectralSpec& spec);

FrequencyDescriptors compute_frequency(const Psd& psd, const SpectralSpec& spec);

}  // namespace stance
