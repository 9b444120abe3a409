// The small pieces, against hand-made inputs with known answers.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/squat/com_integration.hpp"
#include "core/squat/rep_segmentation.hpp"
#include "core/squat/working_signals.hpp"
#include "core/wobble/wobble_components.hpp"

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

TEST(SquatUnits, ReversalsNeedTheMinimumTravel) {
  const double rate = 200;
  Eigen::ArrayXd x(400);
  for (Eigen::Index i = 0; i < 400; ++i) {
    x[i] = 0.004 * std::sin(2 * std::numbers::pi * 3.0 * static_cast<double>(i) / rate);
  }
  // 2 s of a 3-Hz oscillation: 6 cycles, 12 turning points, each confirmed by the next 1 mm.
  EXPECT_EQ(wobble::count_reversals(x, 0, 400, 0.001), 12);
  EXPECT_EQ(wobble::count_reversals(x * 0.1, 0, 400, 0.001), 0);
}

}  // namespace
}  // namespace stance::test
