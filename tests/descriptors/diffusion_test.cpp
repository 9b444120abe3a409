// Stabilogram diffusion: the FFT mean square displacement against the direct sum, the two-region
// fit on exact power laws, Brownian motion (H = 1/2, D from the step variance) and a ramp.
#include "core/descriptors/diffusion.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_signals.hpp"

namespace stance {
namespace {

TEST(MeanSquareDisplacement, MatchesTheDirectSum) {
  const Eigen::Index n = 777, max_lag = 259;
  const Eigen::ArrayXd x = test::random_walk(n, 1e-3, 1) + 0.05, y = test::gaussian(n, 2e-3, 2);
  Eigen::ArrayXd mx, my;
  mean_square_displacement(x, y, max_lag, mx, my);
  ASSERT_EQ(mx.size(), max_lag + 1);
  EXPECT_EQ(mx[0], 0.0);
  for (Eigen::Index k = 1; k <= max_lag; ++k) {
    const Eigen::Index pairs = n - k;
    const double dx = (x.tail(pairs) - x.head(pairs)).square().mean();
    const double dy = (y.tail(pairs) - y.head(pairs)).square().mean();
    EXPECT_NEAR(mx[k], dx, 1e-9 * dx) << k;
    EXPECT_NEAR(my[k], dy, 1e-9 * dy) << k;
  }
}

TEST(DiffusionFit, ExactPowerLawsWithABreak) {
  // MSD = c·t^(2·0.8) up to 1 s, then continuous with slope 2·0.2 beyond: the fitted exponents
  // are 0.8 and 0.2 and the lines cross at 1 s, at MSD c.
  const double fs = 25, c = 2e-5;
  const Eigen::Index max_lag = 250;
  Eigen::ArrayXd msd(max_lag + 1);
  msd[0] = 0;
  for (Eigen::Index k = 1; k <= max_lag; ++k) {
    const double t = static_cast<double>(k) / fs;
    msd[k] = t <= 1.0 ? c * std::pow(t, 1.6) : c * std::pow(t, 0.4);
  }
  DiffusionSpec spec;
  spec.form = DiffusionForm::kPublished;
  const DiffusionAxis d = fit_diffusion_curve(msd, fs, 2.0, spec);
  EXPECT_NEAR(d.scaling_short.value, 0.8, 1e-9);
  EXPECT_NEAR(d.scaling_long.value, 0.2, 1e-9);
  EXPECT_NEAR(d.critical_time_s.value, 1.0, 1e-9);
  EXPECT_NEAR(d.critical_msd_m2.value, c, 1e-9 * c);
  EXPECT_NEAR(d.diffusion_short.value, c, 1e-9 * c);  // exp(intercept): the MSD at 1 s
  EXPECT_NEAR(d.diffusion_long.value, c, 1e-9 * c);
}

TEST(Diffusion, BrownianMotionHasHalfScalingAndDFromTheStepVariance) {
  // A random walk with steps of variance σ² at rate fs: ⟨Δx²⟩ = σ²·fs·Δt = 2DΔt, so
  // D = σ²·fs/2 and H = 1/2 at every scale. Averaged over 20 walks of 300 s at 100 Hz.
  const double fs = 100, sd = 1e-4;
  double h_short = 0, h_long = 0, d_short = 0, d_published = 0, d_planar = 0;
  constexpr int kWalks = 20;
  for (int w = 0; w < kWalks; ++w) {
    const CopTrace t = test::trace_of(test::random_walk(30000, sd, 10u + w),
                                      test::random_walk(30000, sd, 500u + w), fs);
    DiffusionSpec spec;
    const DiffusionDescriptors d = compute_diffusion(t, spec);
    EXPECT_EQ(d.max_lag, 10000);
    h_short += d.ml.scaling_short.value / kWalks;
    h_long += d.ml.scaling_long.value / kWalks;
    d_short += d.ml.diffusion_short.value / kWalks;
    d_planar += d.planar.diffusion_short.value / kWalks;
    spec.form = DiffusionForm::kPublished;
    d_published += compute_diffusion(t, spec).ml.diffusion_short.value / kWalks;
  }
  const double d_true = sd * sd * fs / 2;
  EXPECT_NEAR(h_short, 0.5, 0.02);
  EXPECT_NEAR(h_long, 0.5, 0.1);
  EXPECT_NEAR(d_short, d_true, 0.05 * d_true);
  EXPECT_NEAR(d_planar, d_true, 0.05 * d_true);        // ⟨Δr²⟩ = 4DΔt
  EXPECT_NEAR(d_published, 2 * d_true, 0.1 * d_true);  // exp(intercept) = ⟨Δx²⟩ at 1 s = 2D
}

TEST(Diffusion, RampHasScalingOneAndNoCriticalPoint) {
  // x = v·t: ⟨Δx²⟩ = v²Δt², one straight log–log line of slope 2: both exponents 1. The two
  // fitted lines coincide, so their crossing means nothing, but it must still be finite.
  const double fs = 50, v = 0.002;
  const Eigen::Index n = 1500;
  const Eigen::ArrayXd x = Eigen::ArrayXd::LinSpaced(n, 0, static_cast<double>(n - 1)) * v / fs;
  DiffusionSpec spec;
  spec.form = DiffusionForm::kPublished;
  const DiffusionDescriptors d = compute_diffusion(test::trace_of(x, 0.5 * x, fs), spec);
  EXPECT_NEAR(d.ml.scaling_short.value, 1.0, 1e-9);
  EXPECT_NEAR(d.ml.scaling_long.value, 1.0, 1e-9);
  EXPECT_NEAR(d.ml.diffusion_short.value, v * v, 1e-9 * v * v);
  EXPECT_TRUE(std::isfinite(d.ml.critical_time_s.value));
  EXPECT_TRUE(std::isfinite(d.ml.critical_msd_m2.value));
}

TEST(Diffusion, TooShortOrMotionlessGivesUndefinedValues) {
  // 5 s at 25 Hz: lags to 1.67 s, less than the 2.5 s the break search needs.
  const CopTrace short_trace =
      test::trace_of(test::random_walk(125, 1e-3, 3), test::random_walk(125, 1e-3, 4), 25);
  const DiffusionDescriptors d = compute_diffusion(short_trace, {});
  EXPECT_FALSE(d.ml.scaling_short.defined);
  EXPECT_EQ(d.ml.diffusion_short.value, 0.0);
  const DiffusionDescriptors still = compute_diffusion(
      test::trace_of(Eigen::ArrayXd::Zero(3000), Eigen::ArrayXd::Zero(3000), 100), {});
  EXPECT_FALSE(still.ml.scaling_short.defined);
  EXPECT_FALSE(still.planar.critical_time_s.defined);
}

}  // namespace
}  // namespace stance
