// Trial validity on hand-made force traces, for what the simulator does not produce: hops
// (flight, then a landing), COPs in a laboratory frame, merging of flagged runs, an empty plate.
// These traces are synthesised here, clearly: they are not simulator truth.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/squat/squat_analysis.hpp"
#include "core/validity/trial_verdict.hpp"

namespace stance::test {
namespace {

constexpr double kRate_hz = 500.0;
constexpr double kWeight_n = 700.0;

// Quiet stance with a 3 N, 5 Hz wiggle and a 6 mm, 0.4 Hz ML sway.
ForceSamples quiet_stance(double seconds) {
  ForceSamples s;
  s.rate_hz = kRate_hz;
  s.resize(static_cast<Eigen::Index>(seconds * kRate_hz));
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    const double t = s.time_s(i);
    s.fz_n[i] = kWeight_n + 3.0 * std::sin(2 * std::numbers::pi * 5.0 * t);
    s.cop_ml_m[i] = 0.01 + 0.006 * std::sin(2 * std::numbers::pi * 0.4 * t);
    s.cop_ap_m[i] = -0.02;
  }
  return s;
}

// A hop from quiet stance that obeys impulse–momentum (a physically impossible trace would fool
// any check): a 0.3-s dip to 0.6 BW, a 0.3-s push that reaches the take-off speed g·T/2 of a
// flight of T seconds, the flight (nothing on the plate, flagged unloaded as an importer would),
// and a triangular landing peak over 0.15 s that stops the body again.
void add_hop(ForceSamples& s, double takeoff_s, double flight_s) {
  const double mass_kg = kWeight_n / 9.80665;
  const double momentum_ns = mass_kg * 9.80665 * flight_s / 2;
  const double dip_n = 0.4 * kWeight_n;
  const double push_n = (momentum_ns + dip_n * 0.3) / 0.3;
  const double landing_peak_n = 2.0 * momentum_ns / 0.15;
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    const double t = s.time_s(i) - takeoff_s;
    double f = kWeight_n;
    if (t >= -0.6 && t < -0.3) f = kWeight_n - dip_n;
    if (t >= -0.3 && t < 0.0) f = kWeight_n + push_n;
    if (t >= 0.0 && t < flight_s) f = 0.0;
    if (t >= flight_s && t < flight_s + 0.15) {
      f = kWeight_n + landing_peak_n * (1.0 - (t - flight_s) / 0.15);
    }
    if (f == kWeight_n) continue;
    s.fz_n[i] = f;
    if (f == 0.0) {
      s.flags[i] |= bit(SampleFlag::kLowForce);
      s.cop_ml_m[i] = 0.0;
      s.cop_ap_m[i] = 0.0;
    }
  }
}

TEST(ValiditySynthetic, AHopIsFoundAtItsTakeOffWithItsFlightTime) {
  for (double flight_s : {0.12, 0.35, 0.6}) {
    ForceSamples s = quiet_stance(8.0);
    add_hop(s, 4.0, flight_s);
    const TrialVerdict v = assess_validity(s, Task::kSingleLegStance, nullptr, nullptr);
    ASSERT_EQ(v.count(FindingKind::kHop), 1) << flight_s;
    const Finding& hop = *v.first(FindingKind::kHop);
    EXPECT_NEAR(hop.start_s, 4.0, 0.01);
    EXPECT_NEAR(hop.end_s, 4.0 + flight_s, 0.01);
    EXPECT_NEAR(hop.value, flight_s, 0.01);
    EXPECT_FALSE(v.valid);
    EXPECT_EQ(v.findings.size(), 1u) << "the countermovement and the landing are part of the hop";
  }
}

TEST(ValiditySynthetic, ALongEmptyGapIsSteppingOffAndOnNotAHop) {
  ForceSamples s = quiet_stance(10.0);
  add_hop(s, 4.0, 2.5);  // 2.5 s off the plate: nobody flies that long
  const TrialVerdict v = assess_validity(s, Task::kSingleLegStance, nullptr, nullptr);
  EXPECT_EQ(v.count(FindingKind::kHop), 0);
  EXPECT_EQ(v.count(FindingKind::kStepOff), 1);
  EXPECT_EQ(v.count(FindingKind::kStepOn), 1);
}

TEST(ValiditySynthetic, CopOutsideALaboratoryFramePlate) {
  ForceSamples s = quiet_stance(6.0);
  s.cop_ml_m += 1.0;  // the plate's centre is at x = 1 m of the laboratory
  for (Eigen::Index i = 1000; i < 1100; ++i) s.cop_ap_m[i] = 0.31;  // 2.0–2.2 s off the front
  PlateGeometry plate;
  plate.centre_ml_m = 1.0;
  const TrialVerdict v = assess_validity(s, Task::kSingleLegStance, nullptr, &plate);
  ASSERT_EQ(v.count(FindingKind::kCopOutsidePlate), 1);
  EXPECT_NEAR(v.first(FindingKind::kCopOutsidePlate)->start_s, 2.0, 1e-9);
  EXPECT_NEAR(v.first(FindingKind::kCopOutsidePlate)->end_s, 2.2, 1e-9);
  EXPECT_FALSE(v.valid);
  // Without the geometry the rule is skipped.
  EXPECT_TRUE(assess_validity(s, Task::kSingleLegStance, nullptr, nullptr).valid);
}

TEST(ValiditySynthetic, FlaggedRunsAreGroupedAndJudgedByLengthAndTotal) {
  ForceSamples s = quiet_stance(20.0);
  for (Eigen::Index i : {1000, 1010, 1020, 1100}) s.flags[i] |= bit(SampleFlag::kMissing);
  for (Eigen::Index i = 5000; i < 5030; ++i) s.flags[i] |= bit(SampleFlag::kMissing);  // 60 ms
  TrialVerdict v = assess_validity(s, Task::kSingleLegStance, nullptr, nullptr);
  ASSERT_EQ(v.count(FindingKind::kLostFrames), 2);
  EXPECT_EQ(v.findings[0].value, 4.0);  // four single losses within 0.5 s: one group
  EXPECT_NEAR(v.findings[0].start_s, 2.0, 1e-9);
  EXPECT_EQ(v.findings[1].value, 30.0);
  EXPECT_TRUE(v.valid);
  for (Eigen::Index i = 8000; i < 8060; ++i) s.flags[i] |= bit(SampleFlag::kMissing);  // 120 ms
  v = assess_validity(s, Task::kSingleLegStance, nullptr, nullptr);
  EXPECT_FALSE(v.valid);
  // Many short losses adding up to more than 1% of the trial.
  ForceSamples t = quiet_stance(20.0);
  for (Eigen::Index i = 0; i < t.size(); i += 50) t.flags[i] |= bit(SampleFlag::kMissing);
  v = assess_validity(t, Task::kSingleLegStance, nullptr, nullptr);
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.count(FindingKind::kTouchdown), 0);
}

TEST(ValiditySynthetic, AnEmptyPlateIsNoLoad) {
  ForceSamples s;
  s.rate_hz = kRate_hz;
  s.resize(1000);
  const TrialVerdict v = assess_validity(s, Task::kSingleLegSquat, nullptr, nullptr);
  ASSERT_EQ(v.count(FindingKind::kNoLoad), 1);
  EXPECT_FALSE(v.valid);
  EXPECT_STREQ(to_string(FindingKind::kNoLoad), "no_load");
}

}  // namespace
}  // namespace stance::test
