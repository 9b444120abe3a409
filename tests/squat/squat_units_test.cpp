// The small pieces, against hand-made inputs with known answers.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/squat/com_integration.hpp"
#include "core/squat/rep_segmentation.hpp"
#include "core/squat/working_signals.hpp"
#include "core/steadiness/ml_band.hpp"

namespace stance::test {
namespace {

TEST(SquatUnits, DipsNeedToFallAndRiseByTheDetectionDepth) {
  // Standing, a 10-cm dip, a 1-cm wobble at the bottom (not a second dip), back up, a 1.5-cm
  // sway (not a dip), a 5-cm dip the recording ends in.
  const double z[] = {0, 0, -0.05, -0.10, -0.09, -0.10, -0.05, 0, 0, -0.015, 0, -0.03, -0.05};
  const Eigen::ArrayXd path = Eigen::Map<const Eigen::ArrayXd>(z, 13);
  const auto dips = squat::find_dips(path, 0, 13, 0.02);
  ASSERT_EQ(dips.size(), 2u);
  EXPECT_EQ(dips[0].left_top, 0);
  EXPECT_EQ(dips[0].bottom, 3);
  EXPECT_TRUE(dips[0].rose);
  EXPECT_EQ(dips[0].right_top, 7);
  EXPECT_EQ(dips[1].bottom, 12);
  EXPECT_FALSE(dips[1].rose);
}

TEST(SquatUnits, IntegrationBetweenRestsRemovesALinearForceDrift) {
  // A true squat path z = −d·sin²(πt/T) plus a force error b0 + b1·t: the corrected path ends at
  // rest at standing height and matches the truth.
  const double dt = 0.005, period = 4.0, depth = 0.15;
  const auto n = static_cast<Eigen::Index>(period / dt) + 1;
  Eigen::ArrayXd a(n), v = Eigen::ArrayXd::Zero(n), z = Eigen::ArrayXd::Zero(n);
  const double w = std::numbers::pi / period;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) * dt;
    a[i] = -depth * 2.0 * w * w * std::cos(2.0 * w * t) + 0.02 + 0.01 * t;
  }
  squat::integrate_between_rests(a, dt, 0, n - 1, 0.0, 0.0, v, z);
  EXPECT_NEAR(v[n - 1], 0.0, 1e-12);
  EXPECT_NEAR(z[n - 1], 0.0, 1e-12);
  EXPECT_NEAR(z[n / 2], -depth, 2e-4);
}

TEST(SquatUnits, WorkingSignalsAverageBlocksAndBridgeWhatIsMissing) {
  ForceSamples s;
  s.rate_hz = 1000;
  s.resize(20);
  for (Eigen::Index i = 0; i < 20; ++i) s.fz_n[i] = static_cast<double>(i);
  for (Eigen::Index i = 5; i < 10; ++i) s.flags[i] = bit(SampleFlag::kMissing);
  s.flags[12] = bit(SampleFlag::kOverload);
  const squat::WorkingSignals w = squat::make_working_signals(s, 200);
  ASSERT_EQ(w.factor, 5);
  ASSERT_EQ(w.size(), 4);
  EXPECT_DOUBLE_EQ(w.time_s(0), 0.002);
  EXPECT_DOUBLE_EQ(w.fz_n[0], 2.0);
  EXPECT_EQ(w.force_ok[1], 0);
  EXPECT_DOUBLE_EQ(w.fz_n[1], 0.5 * (2.0 + w.fz_n[2]));    // bridged
  EXPECT_DOUBLE_EQ(w.fz_n[2], (10.0 + 11 + 13 + 14) / 4);  // the clipped sample left out
}

// The steadiness band keeps a knee-like 3-Hz oscillation and rejects slow sway and the squat's own
// slow path: RMS of a sine of amplitude A is A/√2.
TEST(SquatUnits, SteadinessBandKeepsThreeHertzAndRejectsSlowSway) {
  squat::WorkingSignals w;
  w.rate_hz = 100.0;
  w.blocks = 2000;
  const auto sine = [&](double f_hz, double amplitude_m) {
    Eigen::ArrayXd x(w.blocks);
    for (Eigen::Index i = 0; i < w.blocks; ++i) {
      x[i] =
          amplitude_m * std::sin(2 * std::numbers::pi * f_hz * static_cast<double>(i) / w.rate_hz);
    }
    return x;
  };
  const auto middle_rms = [](const Eigen::ArrayXd& x) {
    return std::sqrt(x.segment(500, 1000).square().mean());  // away from the filters' edges
  };
  w.cop_ml_m = sine(3.0, 0.004);
  EXPECT_NEAR(middle_rms(steadiness::make_ml_signals(w, {}).band_m), 0.004 / std::sqrt(2.0),
              0.0002);
  w.cop_ml_m = sine(0.3, 0.010);  // 10 mm of slow sway: almost nothing passes
  EXPECT_LT(middle_rms(steadiness::make_ml_signals(w, {}).band_m), 0.0001);
}

}  // namespace
}  // namespace stance::test
