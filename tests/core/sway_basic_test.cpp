// Basic sway descriptors against hand-computed cases and closed-form signals.
#include "core/sway_basic.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace stance {
namespace {

std::vector<bool> all(Eigen::Index n) {
  return std::vector<bool>(static_cast<std::size_t>(n), true);
}

TEST(SwayBasic, HandComputedSquare) {
  // Corners of a 2 cm square visited in order, then back to the start.
  Eigen::ArrayXd ml(5), ap(5);
  ml << 0, 0.02, 0.02, 0, 0;
  ap << 0, 0, 0.02, 0.02, 0;
  const SwayBasic s = compute_sway_basic(ml, ap, all(5), 10.0);
  EXPECT_NEAR(s.path_length_m, 0.08, 1e-15);
  EXPECT_NEAR(s.mean_velocity_m_s, 0.08 / 0.4, 1e-12);  // 4 steps of 0.1 s
  EXPECT_NEAR(s.range_ml_m, 0.02, 1e-15);
  EXPECT_NEAR(s.mean_ml_m, 0.008, 1e-15);
  // ML values 0, .02, .02, 0, 0: mean .008, deviations −.008 ×3 and .012 ×2: var = 0.000096
  EXPECT_NEAR(s.rms_ml_m, std::sqrt(0.000096), 1e-12);
}

TEST(SwayBasic, SinusoidHasKnownRmsRangePathAndVelocity) {
  const double fs = 1000, f = 0.5, a = 0.01;
  const Eigen::Index n = 20001;  // 20 s: 10 whole periods, both ends sampled
  Eigen::ArrayXd ml(n), ap = Eigen::ArrayXd::Zero(n);
  for (Eigen::Index i = 0; i < n; ++i)
    ml[i] = a * std::sin(2 * std::numbers::pi * f * static_cast<double>(i) / fs);
  const SwayBasic s = compute_sway_basic(ml, ap, all(n), fs);
  EXPECT_NEAR(s.rms_ml_m, a / std::sqrt(2.0), 1e-6);
  EXPECT_NEAR(s.range_ml_m, 2 * a, 1e-8);
  EXPECT_NEAR(s.path_length_m, 4 * a * f * 20.0, 1e-6);  // 4A per period
  EXPECT_NEAR(s.mean_velocity_m_s, 4 * a * f, 1e-6);
  EXPECT_NEAR(s.ellipse_area_95_m2, 0.0, 1e-12);  // a line has no area
}

TEST(SwayBasic, CircleEllipseArea) {
  // COP on a circle of radius r: var_ml = var_ap = r²/2, cov 0. Area = 2π F √(r⁴/4) = π F r².
  const double fs = 100, r = 0.01;
  const Eigen::Index n = 1000;
  Eigen::ArrayXd ml(n), ap(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    ml[i] = r * std::cos(2 * std::numbers::pi * static_cast<double>(i) / 100.0);
    ap[i] = r * std::sin(2 * std::numbers::pi * static_cast<double>(i) / 100.0);
  }
  const SwayBasic s = compute_sway_basic(ml, ap, all(n), fs);
  EXPECT_NEAR(s.ellipse_area_95_m2,
              std::numbers::pi * f_quantile_95_2dof(static_cast<double>(n) - 2.0) * r * r, 1e-10);
}

TEST(SwayBasic, FQuantileMatchesTables) {
  // Tabulated F(0.95; 2, v): v=10 → 4.103, v=30 → 3.316, v=120 → 3.072; v→∞ → ln 20 = 2.996.
  EXPECT_NEAR(f_quantile_95_2dof(10), 4.103, 1e-3);
  EXPECT_NEAR(f_quantile_95_2dof(30), 3.316, 1e-3);
  EXPECT_NEAR(f_quantile_95_2dof(120), 3.072, 1e-3);
  EXPECT_NEAR(f_quantile_95_2dof(1e9), std::log(20.0), 1e-6);
}

TEST(SwayBasic, UnusableSamplesAndThePathAcrossThemAreLeftOut) {
  Eigen::ArrayXd ml(6), ap = Eigen::ArrayXd::Zero(6);
  ml << 0, 0.01, 5.0, 5.0, 0.01, 0.02;
  std::vector<bool> usable{true, true, false, false, true, true};
  const SwayBasic s = compute_sway_basic(ml, ap, usable, 100.0);
  EXPECT_EQ(s.samples_used, 4);
  EXPECT_NEAR(s.path_length_m, 0.02, 1e-15);             // 0→.01 and .01→.02 only
  EXPECT_NEAR(s.mean_velocity_m_s, 0.02 / 0.02, 1e-12);  // over the 2 valid steps
  EXPECT_NEAR(s.range_ml_m, 0.02, 1e-15);
}

TEST(SwayBasic, TooFewSamplesGiveZerosNotNan) {
  Eigen::ArrayXd ml(2), ap(2);
  ml << 1, 2;
  ap << 1, 2;
  const SwayBasic s = compute_sway_basic(ml, ap, all(2), 100.0);
  EXPECT_EQ(s.samples_used, 0);
  EXPECT_EQ(s.ellipse_area_95_m2, 0.0);
  EXPECT_EQ(s.mean_velocity_m_s, 0.0);
}

}  // namespace
}  // namespace stance
