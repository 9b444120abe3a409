// Spectral descriptors against a hand-made spectrum, and end to end (Welch + descriptors) against
// a sinusoid's known frequency and power.
#include "core/descriptors/frequency.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_signals.hpp"

namespace stance {
namespace {

TEST(SpectralDescriptors, HandComputedSpectrum) {
  // Bins every 0.1 Hz from 0 to 6 Hz; density 5 at 0.1 Hz (below the band), 2 at 0.3 Hz, 1 at
  // 1.0 Hz, 1 at 3.0 Hz, 7 at 5.5 Hz (above the band). In [0.15, 5] Hz: m0 = 4,
  // m1 = 0.6 + 1 + 3 = 4.6, m2 = 0.18 + 1 + 9 = 10.18.
  Eigen::ArrayXd f = Eigen::ArrayXd::LinSpaced(61, 0, 6), p = Eigen::ArrayXd::Zero(61);
  p[1] = 5;
  p[3] = 2;
  p[10] = 1;
  p[30] = 1;
  p[55] = 7;
  const SpectralSpec sum{.band_min_hz = 0.15,
                         .band_max_hz = 5.0,
                         .power = PowerSum::kSumOfBins,
                         .percentile = PercentileFrequency::kFirstBin};
  const SpectralDescriptors s = spectral_descriptors(f, p, 0.1, sum);
  EXPECT_DOUBLE_EQ(s.total_power.value, 4);
  EXPECT_DOUBLE_EQ(s.f50_hz.value, f[3]);   // cumulative 2 of 4 reached at 0.3 Hz
  EXPECT_DOUBLE_EQ(s.f95_hz.value, f[30]);  // 3.8 of 4 reached at 3.0 Hz
  EXPECT_DOUBLE_EQ(s.mode_hz.value, f[3]);
  EXPECT_NEAR(s.centroid_hz.value, std::sqrt(10.18 / 4), 1e-12);
  EXPECT_NEAR(s.dispersion.value, std::sqrt(1 - 4.6 * 4.6 / (4 * 10.18)), 1e-12);
  EXPECT_DOUBLE_EQ(s.energy_below_0_5hz.value, 2);
  EXPECT_DOUBLE_EQ(s.energy_0_5_to_2hz.value, 1);
  EXPECT_DOUBLE_EQ(s.energy_above_2hz.value, 1);
  EXPECT_DOUBLE_EQ(s.frequency_quotient.value, 1.0 / 3.0);
  // Integrated power: the same sums times the bin width. Interpolated percentiles: each bin's
  // power spread over [f − 0.05, f + 0.05]; 2 of 4 reached halfway through the 0.3 Hz bin,
  // 3.8 of 4 at 80 % of the 3.0 Hz bin.
  SpectralSpec integral = sum;
  integral.power = PowerSum::kIntegral;
  integral.percentile = PercentileFrequency::kInterpolated;
  const SpectralDescriptors t = spectral_descriptors(f, p, 0.1, integral);
  EXPECT_NEAR(t.total_power.value, 0.4, 1e-15);
  EXPECT_NEAR(t.energy_below_0_5hz.value, 0.2, 1e-15);
  EXPECT_NEAR(t.f50_hz.value, 0.35, 1e-12);
  EXPECT_NEAR(t.f95_hz.value, 3.03, 1e-12);
  EXPECT_DOUBLE_EQ(t.mode_hz.value, s.mode_hz.value);
}

TEST(SpectralDescriptors, EmptyOrZeroSpectrumIsUndefinedNotNan) {
  const Eigen::ArrayXd f = Eigen::ArrayXd::LinSpaced(11, 0, 1);
  const SpectralDescriptors s = spectral_descriptors(f, Eigen::ArrayXd::Zero(11), 0.1, {});
  EXPECT_FALSE(s.total_power.defined);
  EXPECT_FALSE(s.f50_hz.defined);
  EXPECT_FALSE(s.centroid_hz.defined);
  EXPECT_EQ(s.frequency_quotient.value, 0.0);
  // Power only above 2 Hz: no (0, 2] power, so no quotient.
  Eigen::ArrayXd f2 = Eigen::ArrayXd::LinSpaced(61, 0, 6), p2 = Eigen::ArrayXd::Zero(61);
  p2[30] = 1;
  const SpectralDescriptors q = spectral_descriptors(f2, p2, 0.1, {});
  EXPECT_TRUE(q.total_power.defined);
  EXPECT_FALSE(q.frequency_quotient.defined);
  EXPECT_NEAR(q.dispersion.value, 0.0, 1e-12);  // a single line
}

TEST(Frequency, SinusoidEndToEnd) {
  // ML: 1.2 Hz at 4 mm; AP: 0.3 Hz at 6 mm, 60 s at 100 Hz, Welch as in the clinical preset.
  const double fs = 100;
  const Eigen::Index n = 6000;
  const Eigen::ArrayXd ml = test::sine(n, fs, 0.004, 1.2), ap = test::sine(n, fs, 0.006, 0.3);
  const WelchSpec welch{.segment_s = 10.0,
                        .overlap = 0.5,
                        .detrend = Detrend::kLinear,
                        .fft_length = FftLength::kNextPowerOfTwo,
                        .zero_pad_factor = 2.0};
  const Psd psd = welch_psd(ml, ap, fs, welch);
  const FrequencyDescriptors f = compute_frequency(psd, {});
  const double bin = psd.bin_hz();
  EXPECT_NEAR(f.ml.mode_hz.value, 1.2, bin);
  EXPECT_NEAR(f.ml.f50_hz.value, 1.2, 0.2 * bin);  // interpolated: the peak is symmetric
  EXPECT_NEAR(f.ml.centroid_hz.value, 1.2, 0.02);
  EXPECT_LT(f.ml.dispersion.value, 0.1);
  EXPECT_NEAR(f.ml.total_power.value, 0.004 * 0.004 / 2, 0.01 * 0.004 * 0.004 / 2);
  EXPECT_NEAR(f.ml.energy_0_5_to_2hz.value / f.ml.total_power.value, 1.0, 1e-3);
  EXPECT_NEAR(f.ap.mode_hz.value, 0.3, bin);
  EXPECT_NEAR(f.ap.energy_below_0_5hz.value / f.ap.total_power.value, 1.0, 0.01);
  EXPECT_NEAR(f.ap.total_power.value, 0.006 * 0.006 / 2, 0.02 * 0.006 * 0.006 / 2);
}

}  // namespace
}  // namespace stance
