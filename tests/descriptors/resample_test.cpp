// Resampling: linear interpolation with irregular times and gaps, the ForceSamples entry point
// with its anti-aliasing, SWARII's weighted window, its spike purge and gap filling, decimation.
#include "core/descriptors/resample.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "test_signals.hpp"

namespace stance {
namespace {

TEST(ResampleLinear, ALineThroughIrregularTimesIsReproducedExactly) {
  // Jittered source times; x = 2t + 1, y = −t: linear interpolation is exact for lines.
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> jitter(-0.004, 0.004);
  const Eigen::Index n = 200;
  Eigen::ArrayXd t(n), x(n), y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    t[i] = 0.01 * static_cast<double>(i) + jitter(rng);
    x[i] = 2 * t[i] + 1;
    y[i] = -t[i];
  }
  const std::vector<bool> usable(static_cast<std::size_t>(n), true);
  const ResampledCop r = resample_linear(t, x, y, usable, 0.05, 30.0, 55);
  for (Eigen::Index j = 0; j < r.size(); ++j) {
    const double tj = 0.05 + static_cast<double>(j) / 30.0;
    EXPECT_NEAR(r.ml_m[j], 2 * tj + 1, 1e-12);
    EXPECT_NEAR(r.ap_m[j], -tj, 1e-12);
    EXPECT_EQ(r.usable[j], tj > t[0] && tj < t[n - 1]) << j;
  }
}

TEST(ResampleLinear, OutputsThatDrawOnUnusableSamplesAreUnusable) {
  // Source at 0, 1, …, 9 s; samples 4 and 5 unusable. Output every 0.5 s.
  Eigen::ArrayXd t = Eigen::ArrayXd::LinSpaced(10, 0, 9), x = t, y = Eigen::ArrayXd::Zero(10);
  std::vector<bool> usable(10, true);
  usable[4] = usable[5] = false;
  const ResampledCop r = resample_linear(t, x, y, usable, 0.0, 2.0, 19);
  for (Eigen::Index j = 0; j < 19; ++j) {
    const double tj = 0.5 * static_cast<double>(j);
    // Unusable: anything strictly between 3 and 6 s; exactly 3 s and 6 s sit on usable samples.
    EXPECT_EQ(r.usable[j], !(tj > 3.0 && tj < 6.0)) << "t=" << tj;
    EXPECT_DOUBLE_EQ(r.ml_m[j], tj);
  }
  EXPECT_EQ(r.filled, 5);
}

TEST(ResampleCop, LowPassesBeforeLoweringTheRate) {
  // 1000 Hz: 0.5 Hz at 5 mm plus 40 Hz at 2 mm. At 100 Hz the 40 Hz part would alias; the 10 Hz
  // low-pass at the source rate removes it first.
  ForceSamples s;
  s.rate_hz = 1000;
  s.resize(20000);
  s.fz_n.setConstant(700);
  s.cop_ml_m = test::sine(20000, 1000, 0.005, 0.5) + test::sine(20000, 1000, 0.002, 40.0);
  s.cop_ap_m = test::sine(20000, 1000, 0.003, 0.3);
  const auto r = resample_cop(s, LowPassSpec{4, 10.0}, 100.0);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->size(), 2000);
  EXPECT_DOUBLE_EQ(r->rate_hz, 100.0);
  // Away from the ends (the zero-phase filter's edge transient lasts about 0.2 s).
  double worst = 0;
  for (Eigen::Index j = 50; j < r->size() - 50; ++j) {
    const double t = static_cast<double>(j) / 100.0;
    worst =
        std::max(worst, std::abs(r->ml_m[j] - 0.005 * std::sin(2 * std::numbers::pi * 0.5 * t)));
  }
  EXPECT_LT(worst, 0.002 * 1e-3);  // the 40 Hz part is down by more than 1000×
}

TEST(ResampleCop, FlagsCarryOverAndBadRatesAreRefused) {
  ForceSamples s;
  s.rate_hz = 200;
  s.resize(400);
  s.fz_n.setConstant(600);
  s.cop_ml_m = Eigen::ArrayXd::LinSpaced(400, 0, 0.01);
  for (Eigen::Index i = 100; i < 110; ++i)
    s.flags[static_cast<std::size_t>(i)] = bit(SampleFlag::kMissing);
  const auto r = resample_cop(s, LowPassSpec{4, 10.0}, 50.0);
  ASSERT_TRUE(r.ok());
  // Output j at 4j source samples: unusable when it draws on samples 100 … 109.
  for (Eigen::Index j = 0; j < r->size(); ++j) {
    EXPECT_EQ(r->usable[j], !(4 * j >= 100 && 4 * j <= 109)) << j;
  }
  EXPECT_FALSE(resample_cop(s, LowPassSpec{4, 10.0}, 20.0).ok());  // not above 2 × 10 Hz
  ForceSamples slow = s;
  slow.rate_hz = 15;  // cannot filter at 10 Hz before going down
  EXPECT_FALSE(resample_cop(slow, LowPassSpec{4, 10.0}, 12.0).ok());
}

TEST(Swarii, WeightedWindowAveragesALineToItsCentreValue) {
  // Without the published quirks: x = 3t at 100 Hz; every interior window is symmetric, so the
  // weighted average is the line's value at the window centre.
  const Eigen::Index n = 1000;
  const Eigen::ArrayXd t = Eigen::ArrayXd::LinSpaced(n, 0, static_cast<double>(n - 1)) / 100.0;
  SwariiSpec spec;
  spec.published_quirks = false;
  const ResampledCop r = resample_swarii(t, 3 * t, Eigen::ArrayXd::Constant(n, 0.2), spec);
  EXPECT_DOUBLE_EQ(r.rate_hz, 25.0);
  EXPECT_DOUBLE_EQ(r.t0_s, 0.0);
  EXPECT_EQ(r.size(), 250);  // 0, 0.04, … while before 9.99 s
  for (Eigen::Index j = 2; j + 2 < r.size(); ++j) {
    EXPECT_NEAR(r.ml_m[j], 3 * (r.t0_s + 0.04 * static_cast<double>(j)), 1e-9) << j;
    EXPECT_NEAR(r.ap_m[j], 0.2, 1e-15);
  }
  EXPECT_EQ(r.filled, 0);
}

TEST(Swarii, AverageWeightsAreTheTimeEachSampleStandsFor) {
  // Irregular samples inside one window centred at 0.2 s (window ±0.04 s): times 0.17, 0.19, 0.22
  // with values 1, 2, 4. Weights: 0.17 from 0.16 to 0.18 → 0.02; 0.19 from 0.18 to 0.205 → 0.025;
  // 0.22 from 0.205 to 0.24 → 0.035 (all minus the published 1e-6 narrowing at the window ends).
  Eigen::ArrayXd t(5), x(5), y = Eigen::ArrayXd::Zero(5);
  t << 0.0, 0.17, 0.19, 0.22, 0.4;
  x << 0.0, 1.0, 2.0, 4.0, 0.0;
  SwariiSpec spec;
  spec.published_quirks = false;
  spec.rate_hz = 5.0;  // outputs at 0, 0.2
  const ResampledCop r = resample_swarii(t, x, y, spec);
  ASSERT_GE(r.size(), 2);
  const double h = 0.04 - 0.5e-6;
  const double w1 = 0.18 - (0.2 - h), w2 = 0.205 - 0.18, w3 = (0.2 + h) - 0.205;
  EXPECT_NEAR(r.ml_m[1], (w1 * 1 + w2 * 2 + w3 * 4) / (w1 + w2 + w3), 1e-12);
}

TEST(Swarii, PublishedQuirksDropTheStartAndIsolatedSpikes) {
  // 100 Hz, 10 s, flat at 0 with a 3 cm one-sample spike at 5.00 s: the purge removes it, so the
  // output stays at 0; the grid starts at 0.1 s.
  const Eigen::Index n = 1000;
  const Eigen::ArrayXd t = Eigen::ArrayXd::LinSpaced(n, 0, static_cast<double>(n - 1)) / 100.0;
  Eigen::ArrayXd x = Eigen::ArrayXd::Zero(n), y = Eigen::ArrayXd::Zero(n);
  x[500] = 0.03;
  const ResampledCop r = resample_swarii(t, x, y, SwariiSpec{});
  EXPECT_DOUBLE_EQ(r.t0_s, 0.1);
  // Outputs at 0.1, 0.14, … accumulated in floating point while before the last kept sample
  // (9.98 s: the last sample is dropped), as the published loop does.
  Eigen::Index expected = 0;
  for (double now = 0.1; now < 9.98; now += 1.0 / 25.0) ++expected;
  EXPECT_EQ(r.size(), expected);
  EXPECT_EQ(r.ml_m.abs().maxCoeff(), 0.0);
  // Without the purge the spike leaks into the windows around 5 s.
  SwariiSpec plain;
  plain.published_quirks = false;
  EXPECT_GT(resample_swarii(t, x, y, plain).ml_m.abs().maxCoeff(), 0.003);
}

TEST(Swarii, GapsLongerThanTheWindowAreFilledLinearly) {
  // x = t with the samples from 2 s to 3 s missing: the windows in the gap are empty and filled
  // by straight lines, which for a line gives the line itself.
  std::vector<double> tv;
  for (int i = 0; i < 600; ++i) {
    if (i >= 200 && i < 300) continue;
    tv.push_back(i / 100.0);
  }
  const Eigen::ArrayXd t =
      Eigen::Map<Eigen::ArrayXd>(tv.data(), static_cast<Eigen::Index>(tv.size()));
  SwariiSpec spec;
  spec.published_quirks = false;
  const ResampledCop r = resample_swarii(t, t, Eigen::ArrayXd::Zero(t.size()), spec);
  EXPECT_EQ(r.filled, 24);  // windows centred at 2.04 … 2.96 s hold no sample
  // The published fill: np.arange(first, last, step) over the non-empty windows' times, so the
  // last window is lost.
  double last = 0;
  for (double now = 0; now < 5.99; now += 0.04) last = now;
  EXPECT_EQ(r.size(), static_cast<Eigen::Index>(std::ceil(last / 0.04)));
  for (Eigen::Index j = 2; j + 1 < r.size(); ++j) {  // the first and last windows are clipped
    const double tj = 0.04 * static_cast<double>(j);
    if (tj < 1.92 || tj > 3.08) {
      EXPECT_NEAR(r.ml_m[j], tj, 1e-9) << j;  // full windows
    }
  }
  // Across the gap: a straight line between the windows at 2.00 s and 3.00 s.
  for (Eigen::Index j = 51; j < 75; ++j) {
    EXPECT_NEAR(r.ml_m[j + 1] - 2 * r.ml_m[j] + r.ml_m[j - 1], 0.0, 1e-12) << j;
  }
  for (const bool u : r.usable) EXPECT_TRUE(u);
}

TEST(Decimate, KeepsEveryKthSampleAndItsFlag) {
  CopTrace t = test::trace_of(Eigen::ArrayXd::LinSpaced(10, 0, 9), Eigen::ArrayXd::Zero(10), 1000);
  t.usable[3] = false;
  const CopTrace d = decimate(t, 3);
  EXPECT_DOUBLE_EQ(d.rate_hz, 1000.0 / 3.0);
  ASSERT_EQ(d.size(), 4);  // 0, 3, 6, 9
  EXPECT_DOUBLE_EQ(d.ml_m[3], 9.0);
  EXPECT_FALSE(d.usable[1]);
  EXPECT_EQ(decimate(t, 1).size(), 10);
}

}  // namespace
}  // namespace stance
