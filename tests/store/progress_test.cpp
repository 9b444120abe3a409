// Progress on hand-computed numbers (worked out in the comments), docs/progress.md.
#include "store/progress.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "store/trial_metrics.hpp"

namespace stance::store {
namespace {

HistoryRow row(std::int64_t session, const char* utc, Limb limb, double value, bool valid = true,
               const char* key = "mean_velocity") {
  HistoryRow r;
  r.visit_id = session;
  r.visit_utc = utc;
  r.limb = limb;
  r.task = Task::kSingleLegStance;
  r.eyes = Eyes::kOpen;
  r.valid = valid;
  r.key = key;
  r.value = value;
  r.unit = "mm/s";
  return r;
}

// Session 1 (January): left 10, 12, 14 (mean 12, SD 2), right 8, 8, 11 (mean 9, SD √3), and an
// invalid left trial of 100 that must be ignored. Session 2 (February): left 6, 7, 8 (mean 7,
// SD 1), right 9, 9, 9 (mean 9, SD 0). Rows deliberately out of order.
std::vector<HistoryRow> two_sessions() {
  const char* jan = "2026-01-10T09:00:00Z";
  const char* feb = "2026-02-10T09:00:00Z";
  return {row(2, feb, Limb::kLeft, 6),          row(1, jan, Limb::kLeft, 10),
          row(1, jan, Limb::kLeft, 12),         row(1, jan, Limb::kLeft, 14),
          row(1, jan, Limb::kLeft, 100, false), row(1, jan, Limb::kRight, 8),
          row(1, jan, Limb::kRight, 8),         row(1, jan, Limb::kRight, 11),
          row(2, feb, Limb::kLeft, 7),          row(2, feb, Limb::kLeft, 8),
          row(2, feb, Limb::kRight, 9),         row(2, feb, Limb::kRight, 9),
          row(2, feb, Limb::kRight, 9)};
}

TEST(Progress, SeriesBaselineAndChange) {
  const auto progress = compute_progress(two_sessions(), Limb::kLeft);
  ASSERT_EQ(progress.size(), 1u);
  const MetricProgress& m = progress[0];
  EXPECT_EQ(m.key, "mean_velocity");
  EXPECT_EQ(m.unit, "mm/s");
  ASSERT_EQ(m.limbs.size(), 2u);
  const LimbSeries& left = m.limbs[0];
  EXPECT_EQ(left.limb, Limb::kLeft);
  ASSERT_EQ(left.points.size(), 2u);
  EXPECT_EQ(left.points[0].visit_id, 1);  // January first although its rows came later
  EXPECT_EQ(left.points[0].summary.trials, 3);
  EXPECT_DOUBLE_EQ(left.points[0].summary.mean, 12.0);
  EXPECT_DOUBLE_EQ(left.points[0].summary.sd, 2.0);
  EXPECT_DOUBLE_EQ(left.points[0].change, 0.0);
  EXPECT_DOUBLE_EQ(left.points[1].summary.mean, 7.0);
  EXPECT_DOUBLE_EQ(left.points[1].change, -5.0);
}

TEST(Progress, MdcFromPooledWithinSessionSd) {
  const auto m = compute_progress(two_sessions(), Limb::kLeft)[0];
  // Left: SEM = √((2·2² + 2·1²) / 4) = √2.5 = 1.5811; MDC95 = 1.96·√2·1.5811 = 4.3827.
  const Reliability& l = m.limbs[0].reliability;
  EXPECT_TRUE(l.defined);
  EXPECT_EQ(l.degrees_of_freedom, 4);
  EXPECT_NEAR(l.sem, 1.58114, 1e-5);
  EXPECT_NEAR(l.mdc95, 4.38269, 1e-5);
  // A 5 mm/s drop exceeds 4.38: real, and lower sway is better.
  EXPECT_TRUE(m.limbs[0].points[1].beyond_mdc);
  EXPECT_TRUE(m.limbs[0].points[1].improved);
  // Right: SEM = √((2·3 + 2·0) / 4) = √1.5 = 1.2247; MDC95 = 3.3948; change 0: not beyond.
  const Reliability& r = m.limbs[1].reliability;
  EXPECT_NEAR(r.sem, 1.22474, 1e-5);
  EXPECT_NEAR(r.mdc95, 3.39482, 1e-5);
  EXPECT_FALSE(m.limbs[1].points[1].beyond_mdc);
}

TEST(Progress, ChangeWithinTheMdcIsNotReal) {
  auto rows = two_sessions();
  for (auto& r : rows) {
    if (r.visit_id == 2 && r.limb == Limb::kLeft) r.value += 1.0;  // left mean 8: change −4
  }
  const auto m = compute_progress(rows, Limb::kLeft)[0];
  EXPECT_DOUBLE_EQ(m.limbs[0].points[1].change, -4.0);
  EXPECT_FALSE(m.limbs[0].points[1].beyond_mdc);  // 4 < 4.38
  EXPECT_FALSE(m.limbs[0].points[1].improved);
}

TEST(Progress, WorseChangeBeyondMdcIsNotImprovement) {
  auto rows = two_sessions();
  for (auto& r : rows) {
    if (r.visit_id == 2 && r.limb == Limb::kLeft) r.value += 12.0;  // left mean 19: +7
  }
  const auto m = compute_progress(rows, Limb::kLeft)[0];
  EXPECT_TRUE(m.limbs[0].points[1].beyond_mdc);
  EXPECT_FALSE(m.limbs[0].points[1].improved);
}

TEST(Progress, LimbSymmetryEverySession) {
  const auto m = compute_progress(two_sessions(), Limb::kLeft)[0];
  ASSERT_EQ(m.symmetry.size(), 2u);
  // Sway (lower is better): LSI = uninvolved / involved × 100: January 9 / 12 = 75% (the
  // involved left sways more: a deficit), February 9 / 7 = 128.6%.
  EXPECT_NEAR(m.symmetry[0].symmetry.lsi_percent, 75.0, 1e-3);
  EXPECT_NEAR(m.symmetry[1].symmetry.lsi_percent, 128.571, 1e-3);
  EXPECT_EQ(m.symmetry[0].symmetry.worse_side, Limb::kLeft);
  EXPECT_EQ(m.symmetry[1].symmetry.worse_side, Limb::kRight);
}

TEST(Progress, OneTrialPerSessionLeavesTheMdcUnknown) {
  const auto m = compute_progress({row(1, "2026-01-01T00:00:00Z", Limb::kLeft, 10),
                                   row(2, "2026-02-01T00:00:00Z", Limb::kLeft, 30)},
                                  Limb::kRight)[0];
  ASSERT_EQ(m.limbs.size(), 1u);
  EXPECT_FALSE(m.limbs[0].reliability.defined);
  EXPECT_DOUBLE_EQ(m.limbs[0].points[1].change, 20.0);
  EXPECT_FALSE(m.limbs[0].points[1].beyond_mdc);  // unknown noise: never called real
  EXPECT_TRUE(m.symmetry.empty());
}

// Rows stored before issue 14 keep their key: still named, still lower-is-better, and never one
// series with the ML squat steadiness (another definition and scale).
TEST(Progress, TheFormerKneeWobbleIndexStaysReadableAndApart) {
  EXPECT_EQ(label_for("ml_squat_steadiness"), "ML squat steadiness");
  EXPECT_NE(label_for("knee_wobble_index").find("Former knee-wobble index"), std::string::npos);
  EXPECT_EQ(better_for("knee_wobble_index"), Better::kLower);
  auto rows = two_sessions();
  rows[0].key = "knee_wobble_index";
  for (std::size_t i = 1; i < rows.size(); ++i) rows[i].key = "ml_squat_steadiness";
  EXPECT_EQ(compute_progress(rows, Limb::kLeft).size(), 2u);
}

TEST(Progress, MetricsThatImproveUpwards) {
  EXPECT_EQ(better_for("acceptable_reps"), Better::kHigher);
  EXPECT_EQ(better_for("mean_velocity"), Better::kLower);
  auto rows = two_sessions();
  for (auto& r : rows) r.key = "acceptable_reps";
  const auto m = compute_progress(rows, Limb::kLeft)[0];
  EXPECT_TRUE(m.limbs[0].points[1].beyond_mdc);
  EXPECT_FALSE(m.limbs[0].points[1].improved);  // fewer acceptable reps is worse
}

}  // namespace
}  // namespace stance::store
