// Real recordings: squat jumps on two plates, one foot each (../shared/data/README.md). Each
// jump is quiet stance, a downward (squat) phase, a push, a flight with both plates at 0, and a
// landing. The analysis must find the flights as hops on each plate, and the downward phases of
// the whole body (both plates added) where they start from a quiet stance, with timings that an
// independent reading of the same samples confirms.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/squat/squat_analysis.hpp"
#include "core/units.hpp"
#include "core/validity/trial_verdict.hpp"
#include "recording/import_any.hpp"

namespace stance::test {
namespace {

struct TwoPlates {
  ForceSamples right, left, body;  // plate 1 = right foot, plate 2 = left foot, and their sum
};

TwoPlates load(const char* file) {
  const std::string path = std::string(STANCE_SHARED_DATA) + "/" + file;
  TwoPlates p;
  for (int plate : {1, 2}) {
    ImportOptions o;
    o.plate = plate;
    auto r = import_recording(path, o);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r.ok()) return p;
    (plate == 1 ? p.right : p.left) = r->samples;
  }
  // The whole body: forces add; the flags of either plate carry over, except "unloaded" where
  // the sum is loaded.
  p.body = p.right;
  p.body.fz_n = p.right.fz_n + p.left.fz_n;
  for (Eigen::Index i = 0; i < p.body.size(); ++i) {
    p.body.flags[i] = static_cast<std::uint8_t>(p.right.flags[i] | p.left.flags[i]);
    if (p.body.fz_n[i] >= 10.0)
      p.body.flags[i] &= static_cast<std::uint8_t>(~bit(SampleFlag::kLowForce));
  }
  return p;
}

struct Flight {
  double takeoff_s, landing_s;
};

// Independent reading: the file writes exactly 0 on both plates while in the air (runs of at
// least 50 ms: a single zero row is not a flight).
std::vector<Flight> flights_in_file(const TwoPlates& p) {
  std::vector<Flight> out;
  bool air = false;
  for (Eigen::Index i = 0; i < p.body.size(); ++i) {
    const bool now = p.right.fz_n[i] == 0.0 && p.left.fz_n[i] == 0.0;
    if (now && !air) out.push_back({p.body.time_s(i), 0.0});
    if (!now && air) out.back().landing_s = p.body.time_s(i);
    if (!now && air && out.back().landing_s - out.back().takeoff_s < 0.05) out.pop_back();
    air = now;
  }
  return out;
}

// Independent reading of the first downward phase, with the analysis' body weight: the COM
// velocity by summing (Fz − BW)/m over the raw 1000-Hz samples from the start (standing still),
// the bottom where that velocity comes back to 0 after its lowest value, the start where it first
// falls below 5% of it.
struct Downward {
  double start_s, bottom_s;
  std::vector<double> v_m_s;  // per sample, up to the take-off
};
Downward first_downward_phase(const ForceSamples& body, double bw_n, double takeoff_s) {
  const double mass_kg = bw_n / kStandardGravity_m_s2;
  const auto last = static_cast<Eigen::Index>(takeoff_s * body.rate_hz);
  std::vector<double> v(static_cast<std::size_t>(last), 0.0);
  for (Eigen::Index i = 1; i < last; ++i)
    v[i] = v[i - 1] + (body.fz_n[i] - bw_n) / mass_kg / body.rate_hz;
  Eigen::Index lowest = 0;
  for (Eigen::Index i = 0; i < last; ++i) lowest = v[i] < v[lowest] ? i : lowest;
  Eigen::Index bottom = lowest, start = lowest;
  while (bottom < last - 1 && v[bottom] < 0.0) ++bottom;
  while (start > 0 && v[start - 1] < 0.05 * v[lowest]) --start;
  return {body.time_s(start), body.time_s(bottom), v};
}

void check_file(const char* file, std::size_t downward_phases_expected) {
  SCOPED_TRACE(file);
  const TwoPlates p = load(file);
  const std::vector<Flight> flights = flights_in_file(p);
  ASSERT_EQ(flights.size(), 3u);

  // Flights: hops on each plate and on the body, at the file's own take-off and landing.
  for (const ForceSamples* s : {&p.right, &p.left, &p.body}) {
    const TrialVerdict v = assess_validity(*s, Task::kSingleLegSquat, nullptr, nullptr);
    ASSERT_EQ(v.count(FindingKind::kHop), 3);
    std::size_t k = 0;
    for (const Finding& f : v.findings) {
      if (f.kind != FindingKind::kHop) continue;
      // Each foot leaves and lands within a few ms of the other; 20 ms covers both.
      EXPECT_NEAR(f.start_s, flights[k].takeoff_s, 0.02) << "hop " << k;
      EXPECT_NEAR(f.end_s, flights[k].landing_s, 0.02) << "hop " << k;
      ++k;
    }
    EXPECT_FALSE(v.valid);
  }
  const TrialVerdict body_verdict =
      assess_validity(p.body, Task::kSingleLegSquat, nullptr, nullptr);
  EXPECT_EQ(body_verdict.count(FindingKind::kTouchdown), 0);
  EXPECT_EQ(body_verdict.count(FindingKind::kStepOff), 0);

  // Downward phases of the body: the repetition that ends at a take-off.
  const auto squats = analyze_squats(p.body);
  ASSERT_TRUE(squats.ok()) << squats.error().message;
  EXPECT_NEAR(squats->body_weight_n, p.body.fz_n.head(500).mean(), 0.01 * squats->body_weight_n);
  std::size_t found = 0;
  for (std::size_t k = 0; k < flights.size(); ++k) {
    const Flight& f = flights[k];
    const SquatRep* rep = nullptr;
    for (const SquatRep& r : squats->reps) {
      if (std::abs(r.end_s - f.takeoff_s) < 0.1) rep = &r;
    }
    if (rep == nullptr) continue;
    ++found;
    const double flight_s = f.landing_s - f.takeoff_s;
    // Plausible for a squat jump: the downward phase starts 0.6–2 s before take-off, the bottom
    // is 0.2–0.8 s before it (the push), the centre of mass drops 0.1–0.5 m.
    EXPECT_GT(f.takeoff_s - rep->start_s, 0.6);
    EXPECT_LT(f.takeoff_s - rep->start_s, 2.0);
    EXPECT_GT(f.takeoff_s - rep->bottom_s, 0.2);
    EXPECT_LT(f.takeoff_s - rep->bottom_s, 0.8);
    EXPECT_GT(rep->depth_m, 0.1);
    EXPECT_LT(rep->depth_m, 0.5);
    // Physics: the take-off speed of the integrated COM against the flight time's g·T/2 (the two
    // differ by the body's posture at take-off and landing: 15%).
    const ComTrajectory& com = squats->com;
    // The last analysed block before the flight.
    auto i = static_cast<Eigen::Index>(std::lround((f.takeoff_s - com.t0_s) * com.rate_hz));
    while (i > 0 && com.valid[i] == 0) --i;
    EXPECT_GT(f.takeoff_s - (com.t0_s + static_cast<double>(i) / com.rate_hz), 0.0);
    const double block_s = com.t0_s + static_cast<double>(i) / com.rate_hz;
    const double ballistic = kStandardGravity_m_s2 * flight_s / 2.0;
    EXPECT_NEAR(com.vz_m_s[i] / ballistic, 1.0, 0.15) << "jump " << k + 1;
    std::printf(
        "%s jump %zu: downward phase %.3f s, bottom %.3f s (depth %.2f m), take-off %.3f s "
        "at %.2f m/s (flight %.0f ms: %.2f m/s)\n",
        file, k + 1, rep->start_s, rep->bottom_s, rep->depth_m, f.takeoff_s, com.vz_m_s[i],
        1e3 * flight_s, ballistic);
    if (k == 0) {  // from the quiet start: the same numbers by an independent integration
      const Downward d = first_downward_phase(p.body, squats->body_weight_n, f.takeoff_s);
      EXPECT_NEAR(rep->bottom_s, d.bottom_s, 0.03);
      EXPECT_NEAR(rep->start_s, d.start_s, 0.05);
      const auto sample = static_cast<std::size_t>(std::lround(block_s * p.body.rate_hz));
      EXPECT_NEAR(com.vz_m_s[i], d.v_m_s[sample], 0.02);
    }
  }
  EXPECT_EQ(found, downward_phases_expected);
}

// BFR003 stands still between its jumps, so every downward phase starts from a rest. BFR010
// lands into its next jump with no quiet stance in between: only its first downward phase can be
// integrated (the others are reported as not analysed).
TEST(RealData, SquatJumpBFR003) {
  check_file("acl-squat-jump-BFR003.csv", 3);
}

TEST(RealData, SquatJumpBFR010) {
  check_file("acl-squat-jump-BFR010.csv", 1);
}

}  // namespace
}  // namespace stance::test
