// Squat repetitions against the simulator's truth, through the whole product path (simulated
// person → SPP bytes → decoder → recording → calibration → analyze_squats), at the lowest plate
// rate, 100 Hz: the analysis runs at 100 Hz anyway, and the tests stay quick.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/squat/squat_analysis.hpp"
#include "simulated/subject_model.hpp"
#include "squat_test_util.hpp"

namespace stance::test {
namespace {

struct Grid {
  double depth_m, descent_s, ascent_s, pause_s, between_s;
  int reps;
};

std::string options(const Grid& g, int seed, int layout) {
  return "task=squat,rate=100,seed=" + std::to_string(seed) + ",layout=" + std::to_string(layout) +
         ",depth_m=" + std::to_string(g.depth_m) + ",descent_s=" + std::to_string(g.descent_s) +
         ",ascent_s=" + std::to_string(g.ascent_s) + ",pause_s=" + std::to_string(g.pause_s) +
         ",between_s=" + std::to_string(g.between_s) + ",reps=" + std::to_string(g.reps);
}

// Phase limits are where the COM speed crosses 5% of the phase's peak. For the simulator's
// minimum-jerk movement that is 5.6% of the phase's duration after the true (zero-speed) onset,
// and as much before its end; the bottom, the middle of the two inner limits, moves by half the
// difference of those lags. The tolerances are these lags plus 60 ms.
double onset_lag_s(double phase_s) {
  return 0.056 * phase_s;
}

// The simulated person is a body (docs/simulator.md): its AP sway about the ankle moves the COM,
// which stands about 4.5 cm ahead of the ankle, up and down, and the hip's ML balance tilts the
// pelvis: the COM's quiet-stance vertical speed is about 2.3 mm/s (SD). That is comparable to the
// 5% onset threshold of a shallow or slow phase (3.75 mm/s for 12 cm in 3 s), where the speed
// rule can then fire a few tenths of a second early or late whatever the analysis does. Such
// phases get this margin; all others keep the tolerances above.
double sway_margin_s(double depth_m, double phase_s) {
  const double threshold_m_s = 0.05 * 1.875 * depth_m / phase_s;  // min-jerk peak 1.875·d/T
  return threshold_m_s < 0.004 ? 0.35 : 0.0;
}

// Depths 0.08–0.25 m, descents and ascents 1–3 s (also unequal), bottom pauses and pauses between
// repetitions 0–2 s, 3–7 repetitions, 20 seeds, both plate layouts: every level of every factor
// appears several times, each time with the others at different levels.
TEST(SquatReps, CountAndTimingMatchTheTruthAcrossDepthsTemposAndPauses) {
  const double depths[] = {0.08, 0.12, 0.18, 0.25};
  const double tempos[][2] = {{1, 1}, {2, 2}, {3, 3}, {1, 3}, {3, 1}};
  const double pauses[][2] = {{0, 0}, {0.3, 1}, {2, 0}, {0, 2}, {2, 2}};
  const int reps[] = {3, 4, 5, 6, 7};
  double worst_start = 0, worst_end = 0, worst_bottom = 0, worst_depth = 0;
  for (int i = 0; i < 20; ++i) {
    const Grid g{depths[i % 4],    tempos[(i / 4) % 5][0], tempos[(i / 4) % 5][1],
                 pauses[i % 5][0], pauses[i % 5][1],       reps[(i + i / 5) % 5]};
    const std::string o = options(g, 100 + i, 1 + i % 2);
    SCOPED_TRACE(o);
    const SimTrial t = simulate(o);
    const auto a = analyze_squats(t.samples);
    ASSERT_TRUE(a.ok()) << a.error().message;
    ASSERT_EQ(a->rep_count, g.reps);
    EXPECT_EQ(a->acceptable_rep_count, g.reps);
    EXPECT_NEAR(a->body_weight_n / t.truth.weight_n, 1.0, 0.001);
    for (std::size_t k = 0; k < t.truth.reps.size(); ++k) {
      const auto& truth = t.truth.reps[k];
      const SquatRep& rep = a->reps[k];
      const double start_err = std::abs(rep.start_s - truth.start_s);
      const double end_err = std::abs(rep.end_s - truth.end_s);
      const double bottom_err = std::abs(rep.bottom_s - truth.bottom_s);
      const double depth_err = std::abs(rep.depth_m / truth.depth_m - 1.0);
      const double sway_d = sway_margin_s(g.depth_m, g.descent_s);
      const double sway_a = sway_margin_s(g.depth_m, g.ascent_s);
      EXPECT_LE(start_err, onset_lag_s(g.descent_s) + 0.06 + sway_d) << "rep " << k + 1;
      EXPECT_LE(end_err, onset_lag_s(g.ascent_s) + 0.06 + sway_a) << "rep " << k + 1;
      EXPECT_LE(bottom_err, 0.5 * std::abs(onset_lag_s(g.ascent_s) - onset_lag_s(g.descent_s)) +
                                0.05 + std::max(sway_d, sway_a))
          << "rep " << k + 1;
      // 5%, or 5 mm for shallow squats (the body's vertical sway at the start and the bottom).
      EXPECT_LE(depth_err * truth.depth_m, std::max(0.05 * truth.depth_m, 0.005))
          << "rep " << k + 1;
      // Measured against the tempo the clinician asked for.
      EXPECT_NEAR(rep.descent_s, g.descent_s,
                  2 * onset_lag_s(g.descent_s) + 0.1 + sway_d + (sway_a > 0 ? sway_a : 0.0));
      EXPECT_NEAR(rep.ascent_s, g.ascent_s,
                  2 * onset_lag_s(g.ascent_s) + 0.1 + sway_a + (sway_d > 0 ? sway_d : 0.0));
      EXPECT_TRUE(rep.complete && !rep.shallow && !rep.too_fast);
      EXPECT_GT(rep.peak_fz_n, t.truth.weight_n);
      worst_start = std::max(worst_start, start_err - onset_lag_s(g.descent_s));
      worst_end = std::max(worst_end, end_err - onset_lag_s(g.ascent_s));
      worst_bottom = std::max(worst_bottom, bottom_err);
      worst_depth = std::max(worst_depth, depth_err);
    }
  }
  std::printf(
      "worst over the grid: start %.0f ms and end %.0f ms beyond the 5.6%% onset lag, "
      "bottom %.0f ms, depth %.1f%%\n",
      1e3 * worst_start, 1e3 * worst_end, 1e3 * worst_bottom, 1e2 * worst_depth);
}

TEST(SquatReps, VaryingDepthsAreEachMeasured) {
  const SimTrial t = simulate("task=squat,rate=100,seed=7,depth_m=0.15,depth_var=0.4");
  const auto a = analyze_squats(t.samples);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->rep_count, 5);
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_NEAR(a->reps[k].depth_m / t.truth.reps[k].depth_m, 1.0, 0.05) << k;
  }
}

TEST(SquatReps, APartialRepetitionCountsButIsReportedShallow) {
  const SimTrial t =
      simulate("task=squat,rate=100,seed=8,depth_m=0.12,partial_rep=3,partial_depth=0.4");
  const auto a = analyze_squats(t.samples);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->rep_count, 5);
  EXPECT_EQ(a->acceptable_rep_count, 4);
  EXPECT_TRUE(a->reps[2].shallow);
  EXPECT_NEAR(a->reps[2].depth_m, 0.048, 0.003);
  EXPECT_FALSE(a->reps[1].shallow);
}

TEST(SquatReps, FastRepetitionsAreReported) {
  const SimTrial t =
      simulate("task=squat,rate=100,seed=9,depth_m=0.15,descent_s=0.5,ascent_s=0.5,pause_s=0");
  const auto a = analyze_squats(t.samples);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->rep_count, 5);
  EXPECT_EQ(a->acceptable_rep_count, 0);
  for (const SquatRep& rep : a->reps) EXPECT_TRUE(rep.too_fast) << rep.duration_s;
}

TEST(SquatReps, SingleLegStanceHasNoRepetitions) {
  for (int layout : {1, 2}) {
    const SimTrial t =
        simulate("task=stance,rate=100,duration_s=20,seed=" + std::to_string(10 + layout) +
                 ",layout=" + std::to_string(layout));
    const auto a = analyze_squats(t.samples);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->rep_count, 0);
    EXPECT_NEAR(a->body_weight_n / t.truth.weight_n, 1.0, 0.001);
    ASSERT_EQ(a->quiet_phases.size(), 1u);  // the whole trial
  }
}

TEST(SquatReps, AStepOnBeforeTheSquatsIsNotARepetition) {
  const SimTrial t = simulate("task=squat,rate=100,seed=12,empty_s=2");
  const auto a = analyze_squats(t.samples);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->rep_count, 5);
  EXPECT_NEAR(a->reps[0].bottom_s, t.truth.reps[0].bottom_s, 0.05);
  ASSERT_FALSE(a->unloaded.empty());
  // The plate counts as loaded from 5% of the weight on, part-way through the step-on's transfer.
  const sim::SubjectModel person(t.truth.params);
  double loaded_s = t.truth.step_on->start_s;
  while (person.load_at(loaded_s).fz_n < 0.05 * t.truth.weight_n) loaded_s += 0.001;
  EXPECT_NEAR(a->unloaded.front().end_s, loaded_s, 0.1);
}

TEST(SquatReps, TheComPathReturnsToStandingBetweenRepetitions) {
  const SimTrial t = simulate("task=squat,rate=100,seed=13");
  const auto a = analyze_squats(t.samples);
  ASSERT_TRUE(a.ok());
  const ComTrajectory& com = a->com;
  for (const auto& truth : t.truth.reps) {
    const auto i =
        static_cast<Eigen::Index>(std::lround((truth.bottom_s - com.t0_s) * com.rate_hz));
    EXPECT_NEAR(com.z_m[i], -truth.depth_m, 0.01);
    const auto j =
        static_cast<Eigen::Index>(std::lround((truth.end_s + 0.5 - com.t0_s) * com.rate_hz));
    EXPECT_NEAR(com.z_m[j], 0.0, 0.005);
    EXPECT_NEAR(com.vz_m_s[j], 0.0, 0.01);
  }
}

TEST(SquatReps, RefusesWhatItCannotAnalyse) {
  EXPECT_FALSE(analyze_squats(ForceSamples{}).ok());
  ForceSamples empty_plate;
  empty_plate.rate_hz = 100;
  empty_plate.resize(1000);
  const auto a = analyze_squats(empty_plate);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("nobody on the plate"), std::string::npos);
}

}  // namespace
}  // namespace stance::test
