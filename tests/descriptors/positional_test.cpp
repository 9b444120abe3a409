// Positional descriptors against hand-computed points, a line and a circle (closed forms), the
// planar diameter against brute force, and agreement with the basic descriptors of sway_basic.
#include "core/descriptors/positional.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "core/descriptors/planar_diameter.hpp"
#include "core/sway_basic.hpp"
#include "test_signals.hpp"

namespace stance {
namespace {

constexpr double kPi = std::numbers::pi;

TEST(Positional, HandComputedCross) {
  // (ML, AP) in cm: (1, 0), (−1, 0), (0, 2), (0, −2); mean 0.
  Eigen::ArrayXd ml(4), ap(4);
  ml << 0.01, -0.01, 0, 0;
  ap << 0, 0, 0.02, -0.02;
  CopTrace t = test::trace_of(ml, ap, 10);
  t.centre_ml_m = 0.05;
  t.centre_ap_m = -0.1;
  const PositionalDescriptors p = compute_positional(t, {});
  EXPECT_EQ(p.samples, 4);
  EXPECT_DOUBLE_EQ(p.mean_ml_m.value, 0.05);
  EXPECT_DOUBLE_EQ(p.mean_ap_m.value, -0.1);
  EXPECT_NEAR(p.mean_distance_ml_m.value, 0.005, 1e-15);  // (1 + 1 + 0 + 0) / 4 cm
  EXPECT_NEAR(p.mean_distance_ap_m.value, 0.01, 1e-15);   // (0 + 0 + 2 + 2) / 4 cm
  EXPECT_NEAR(p.mean_distance_m.value, 0.015, 1e-15);     // (1 + 1 + 2 + 2) / 4 cm
  EXPECT_NEAR(p.max_distance_ml_m.value, 0.01, 1e-15);
  EXPECT_NEAR(p.max_distance_ap_m.value, 0.02, 1e-15);
  EXPECT_NEAR(p.max_distance_m.value, 0.02, 1e-15);
  EXPECT_NEAR(p.rms_ml_m.value, std::sqrt(2e-4 / 4), 1e-15);
  EXPECT_NEAR(p.rms_ap_m.value, std::sqrt(8e-4 / 4), 1e-15);
  EXPECT_NEAR(p.rms_m.value, std::sqrt(10e-4 / 4), 1e-15);
  EXPECT_NEAR(p.planar_deviation_m.value, p.rms_m.value, 1e-16);
  EXPECT_NEAR(p.range_ml_m.value, 0.02, 1e-15);
  EXPECT_NEAR(p.range_ap_m.value, 0.04, 1e-15);
  EXPECT_NEAR(p.range_m.value, 0.04, 1e-15);  // (0, 2) to (0, −2)
  EXPECT_NEAR(p.range_ratio.value, 0.5, 1e-15);
  EXPECT_NEAR(p.sway_direction_coefficient.value, 0.0, 1e-15);
  // F.95(2, 2) = (2/2)(0.05^(−1) − 1) = 19; √det = √(0.5 · 2) cm² = 1 cm²: area = 38π cm².
  EXPECT_NEAR(p.ellipse_area_95_m2.value, 38 * kPi * 1e-4, 1e-15);
  // The published factor (n+1)(n−1)/(n(n−2)) = 15/8.
  const PositionalDescriptors q = compute_positional(t, {EllipseKind::kPublished});
  EXPECT_NEAR(q.ellipse_area_95_m2.value, 38 * kPi * 1e-4 * 15.0 / 8.0, 1e-15);
  EXPECT_NEAR(p.principal_direction_rad.value, 0.0, 1e-15);  // AP dominates
  // The ellipse for drawing: semi-axes √(2F·λ) = √76 cm along AP and √19 cm along ML.
  EXPECT_NEAR(p.ellipse_semi_major_m, std::sqrt(76.0) * 0.01, 1e-14);
  EXPECT_NEAR(p.ellipse_semi_minor_m, std::sqrt(19.0) * 0.01, 1e-14);
  EXPECT_NEAR(std::abs(p.ellipse_angle_rad), kPi / 2, 1e-12);
}

class LineAtAngle : public ::testing::TestWithParam<double> {};

TEST_P(LineAtAngle, DirectionCoefficientEllipseAndRange) {
  // Points along a line at `angle` from AP towards ML, from −3 to +2 cm, unevenly spaced.
  const double angle = GetParam();
  const Eigen::Index n = 200;
  Eigen::ArrayXd s(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double u = static_cast<double>(i) / static_cast<double>(n - 1);
    s[i] = -0.03 + 0.05 * u * u;
  }
  s -= s.mean();
  const Eigen::ArrayXd ml = s * std::sin(angle), ap = s * std::cos(angle);
  const PositionalDescriptors p = compute_positional(test::trace_of(ml, ap, 100), {});
  EXPECT_NEAR(
      p.principal_direction_rad.value,
      std::min(angle, kPi - angle) > kPi / 2 ? kPi - angle : std::acos(std::abs(std::cos(angle))),
      1e-9);
  const double sign = std::sin(angle) * std::cos(angle) >= 0 ? 1.0 : -1.0;
  if (std::abs(std::sin(angle) * std::cos(angle)) > 1e-9) {
    EXPECT_NEAR(p.sway_direction_coefficient.value, sign, 1e-9);
  }
  // A line has no area: √det is rounding only (det ~ 1e-16 · var², so √ ~ 1e-8 · var).
  EXPECT_LT(p.ellipse_area_95_m2.value, 1e-6 * p.rms_m.value * p.rms_m.value);
  EXPECT_NEAR(p.range_m.value, 0.05, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Angles, LineAtAngle,
                         ::testing::Values(0.0, 0.3, kPi / 4, 1.2, kPi / 2, 2.0, 3.0));

TEST(Positional, CircleHasKnownEllipseDistancesAndNoDirection) {
  // r = 1 cm, 1000 samples over 10 turns: var = r²/2 each, cov 0, area = π F r².
  const Eigen::Index n = 1000;
  const double r = 0.01;
  const Eigen::ArrayXd ml = test::sine(n, 100, r, 1.0, kPi / 2), ap = test::sine(n, 100, r, 1.0);
  const PositionalDescriptors p = compute_positional(test::trace_of(ml, ap, 100), {});
  EXPECT_NEAR(p.ellipse_area_95_m2.value,
              kPi * f_quantile_95_2dof(static_cast<double>(n) - 2) * r * r, 1e-12);
  EXPECT_NEAR(p.mean_distance_m.value, r, 1e-15);
  EXPECT_NEAR(p.max_distance_m.value, r, 1e-15);
  EXPECT_NEAR(p.rms_m.value, r, 1e-15);
  EXPECT_NEAR(p.radius_sd_m, 0.0, 1e-6 * r);   // √(rms² − mean²): rounding only
  EXPECT_NEAR(p.range_m.value, 2 * r, 1e-15);  // opposite points are sampled
  EXPECT_NEAR(p.sway_direction_coefficient.value, 0.0, 1e-12);
  EXPECT_FALSE(p.principal_direction_rad.defined);  // isotropic: no main direction
  EXPECT_EQ(p.principal_direction_rad.value, 0.0);
  // Mean |x| of a sampled cosine, 100 samples a turn: (1/N)·Σ|cos 2πk/N| = 2 cot(π/N) / N
  // (→ 2r/π for fine sampling).
  EXPECT_NEAR(p.mean_distance_ml_m.value, r * 2 / std::tan(kPi / 100) / 100, 1e-15);
}

TEST(Positional, UnusableSamplesAreLeftOutAndTooFewGiveUndefinedZeros) {
  Eigen::ArrayXd ml(5), ap = Eigen::ArrayXd::Zero(5);
  ml << 0.01, -0.01, 5.0, 0.01, -0.01;
  CopTrace t = test::trace_of(ml, ap, 100);
  t.usable[2] = false;
  const PositionalDescriptors p = compute_positional(t, {});
  EXPECT_EQ(p.samples, 4);
  EXPECT_NEAR(p.max_distance_ml_m.value, 0.01, 1e-15);
  EXPECT_NEAR(p.range_m.value, 0.02, 1e-15);
  EXPECT_FALSE(p.range_ratio.defined);  // no AP range
  t.usable.assign(5, false);
  t.usable[0] = t.usable[1] = true;
  const PositionalDescriptors few = compute_positional(t, {});
  EXPECT_EQ(few.samples, 2);
  EXPECT_FALSE(few.rms_ml_m.defined);
  EXPECT_EQ(few.rms_ml_m.value, 0.0);
  EXPECT_FALSE(few.ellipse_area_95_m2.defined);
}

double brute_diameter(const Eigen::ArrayXd& x, const Eigen::ArrayXd& y,
                      const std::vector<bool>& usable) {
  double best = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    for (Eigen::Index j = i + 1; j < x.size(); ++j) {
      if (usable[i] && usable[j]) best = std::max(best, std::hypot(x[i] - x[j], y[i] - y[j]));
    }
  }
  return best;
}

TEST(PlanarDiameter, MatchesBruteForce) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> keep(0, 9);
  for (int trial = 0; trial < 60; ++trial) {
    const Eigen::Index n = 1 + trial * 7;
    Eigen::ArrayXd x, y;
    switch (trial % 4) {
      case 0:  // Gaussian cloud
        x = test::gaussian(n, 0.01, 100u + trial);
        y = test::gaussian(n, 0.02, 200u + trial);
        break;
      case 1:  // random walk
        x = test::random_walk(n, 0.001, 300u + trial);
        y = test::random_walk(n, 0.001, 400u + trial);
        break;
      case 2:  // points on a circle (all on the hull) and duplicates
        x = test::sine(n, 13, 0.01, 1.0, 0.5);
        y = test::sine(n, 13, 0.01, 1.0, 0.5 + kPi / 2);
        break;
      default:  // collinear
        x = Eigen::ArrayXd::LinSpaced(n, -1, 2);
        y = 0.5 * x;
    }
    std::vector<bool> usable(static_cast<std::size_t>(n), true);
    if (trial % 3 == 0) {
      for (std::size_t i = 0; i < usable.size(); ++i) usable[i] = keep(rng) > 1;
    }
    EXPECT_NEAR(planar_diameter(x, y, usable), brute_diameter(x, y, usable), 1e-15)
        << "trial " << trial;
  }
}

TEST(Positional, AgreesWithTheBasicDescriptors) {
  // sway_basic's values are the clinical preset's positional ones: one definition.
  const Eigen::Index n = 3000;
  Eigen::ArrayXd ml = test::random_walk(n, 1e-4, 5) + 0.02, ap = test::random_walk(n, 2e-4, 6);
  std::vector<bool> usable(static_cast<std::size_t>(n), true);
  for (Eigen::Index i = 1000; i < 1040; ++i) usable[static_cast<std::size_t>(i)] = false;
  const SwayBasic basic = compute_sway_basic(ml, ap, usable, 1000);
  CopTrace t = test::trace_of(ml, ap, 1000);
  t.usable = usable;
  t.centre_ml_m = basic.mean_ml_m;
  t.centre_ap_m = basic.mean_ap_m;
  t.ml_m -= basic.mean_ml_m;
  t.ap_m -= basic.mean_ap_m;
  const PositionalDescriptors p = compute_positional(t, {});
  EXPECT_NEAR(p.mean_ml_m.value, basic.mean_ml_m, 1e-15);
  EXPECT_NEAR(p.rms_ml_m.value, basic.rms_ml_m, 1e-15);
  EXPECT_NEAR(p.rms_ap_m.value, basic.rms_ap_m, 1e-15);
  EXPECT_NEAR(p.range_ml_m.value, basic.range_ml_m, 1e-15);
  EXPECT_NEAR(p.ellipse_area_95_m2.value, basic.ellipse_area_95_m2, 1e-15);
}

}  // namespace
}  // namespace stance
