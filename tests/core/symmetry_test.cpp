// Limb symmetry and the per-session summary against hand-computed values.
#include "core/symmetry.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/interpretation.hpp"

namespace stance {
namespace {

TEST(TrialSummary, MeanSampleSdAndCv) {
  const TrialSummary s = summarize_trials({10, 12, 14});
  EXPECT_EQ(s.trials, 3);
  EXPECT_DOUBLE_EQ(s.mean, 12);
  EXPECT_DOUBLE_EQ(s.sd, 2);  // √((4 + 0 + 4) / 2)
  EXPECT_NEAR(s.cv_percent, 100.0 * 2 / 12, 1e-12);
  EXPECT_EQ(summarize_trials({5}).sd, 0.0);
  EXPECT_EQ(summarize_trials({}).trials, 0);
}

TEST(LimbSymmetry, TheInvolvedSidesDeficitReadsBelowOneHundredPercent) {
  // Sway velocity: left (involved) 30 mm/s, right 24 mm/s; lower is better, so the ratio is
  // uninvolved / involved: 24 / 30 = 80 %, a deficit of the involved side, below the 90 % flag.
  const LimbSymmetry s = limb_symmetry(30, 24, Limb::kLeft, Better::kLower);
  ASSERT_TRUE(s.lsi_defined);
  EXPECT_DOUBLE_EQ(s.lsi_percent, 80.0);
  EXPECT_EQ(lsi_band(s.lsi_percent), Band::kConcern);
  // The involved side swaying less reads above 100 %.
  EXPECT_DOUBLE_EQ(limb_symmetry(24, 30, Limb::kLeft, Better::kLower).lsi_percent, 125.0);
  EXPECT_DOUBLE_EQ(s.asymmetry_percent, 100.0 * (24 - 30) / 30);  // −20%: left larger
  EXPECT_EQ(s.worse_side, Limb::kLeft);                           // more sway is worse
}

TEST(LimbSymmetry, DirectionDecidesTheWorseSide) {
  EXPECT_EQ(limb_symmetry(5, 4, Limb::kRight, Better::kHigher).worse_side, Limb::kRight);
  EXPECT_EQ(limb_symmetry(5, 4, Limb::kRight, Better::kLower).worse_side, Limb::kLeft);
  EXPECT_EQ(limb_symmetry(5, 5, Limb::kRight, Better::kLower).worse_side, Limb::kUnspecified);
  EXPECT_DOUBLE_EQ(limb_symmetry(5, 4, Limb::kRight, Better::kHigher).lsi_percent, 80.0);
}

TEST(Interpretation, BandsHaveTheirNamedThresholds) {
  EXPECT_EQ(lsi_band(90.0), Band::kGood);  // "above 90 %" met at 90 (the criterion's edge)
  EXPECT_EQ(lsi_band(89.9), Band::kConcern);
  EXPECT_EQ(lsi_band(std::nan("")), Band::kNone);
  EXPECT_EQ(asymmetry_band(-9.9), Band::kGood);
  EXPECT_EQ(asymmetry_band(10.0), Band::kCaution);
  EXPECT_EQ(asymmetry_band(-25.0), Band::kCaution);
  EXPECT_EQ(asymmetry_band(25.1), Band::kConcern);
  EXPECT_NE(lsi_equation_text().find("Bishop"), std::string::npos);
  EXPECT_NE(lsi_equation_text().find("90%"), std::string::npos);
}

TEST(Interpretation, ReferencesNameTheirPopulationProtocolAndDevice) {
  const auto fppa = published_reference(Task::kSingleLegSquat, Eyes::kOpen, "knee_peak_fppa");
  ASSERT_TRUE(fppa);
  EXPECT_NE(reference_note(*fppa).find("Herrington 2014"), std::string::npos);
  EXPECT_NE(reference_note(*fppa).find("video"), std::string::npos);
  EXPECT_EQ(reference_cell(*fppa), "healthy 8.4°, PFP 16.8° [1]");
  // The open-eyes area applies to stance with eyes open only, never to the squat.
  EXPECT_TRUE(published_reference(Task::kSingleLegStance, Eyes::kOpen, "ellipse_area_95"));
  EXPECT_FALSE(published_reference(Task::kSingleLegStance, Eyes::kClosed, "ellipse_area_95"));
  EXPECT_FALSE(published_reference(Task::kSingleLegSquat, Eyes::kOpen, "ellipse_area_95"));
  EXPECT_FALSE(published_reference(Task::kSingleLegSquat, Eyes::kOpen, "ml_squat_steadiness"));
}

TEST(LimbSymmetry, UnknownInvolvedSideOrZeroGivesNoLsi) {
  EXPECT_FALSE(limb_symmetry(5, 4, Limb::kUnspecified, Better::kLower).lsi_defined);
  EXPECT_TRUE(limb_symmetry(5, 4, Limb::kUnspecified, Better::kLower).defined);
  EXPECT_FALSE(limb_symmetry(5, 0, Limb::kLeft, Better::kLower).lsi_defined);
  // An FPPA of -3° (varus) against 5°: no ratio, and the cell shows the asymmetry instead.
  const LimbSymmetry signs = limb_symmetry(-3, 5, Limb::kLeft, Better::kLower);
  EXPECT_FALSE(signs.lsi_defined);
  EXPECT_EQ(symmetry_cell(signs).text, "asym. +160%");
  EXPECT_DOUBLE_EQ(limb_symmetry(0, 0, Limb::kLeft, Better::kLower).asymmetry_percent, 0.0);
}

TEST(SessionSummary, AveragesValidTrialsPerSideOnly) {
  std::vector<TrialMetrics> trials{
      {Limb::kLeft, true, {{"velocity", 30}, {"reps", 5}}},
      {Limb::kLeft, true, {{"velocity", 34}}},
      {Limb::kLeft, false, {{"velocity", 90}}},  // invalid: other foot touched down
      {Limb::kRight, true, {{"velocity", 24}, {"reps", 5}}},
      {Limb::kRight, true, {{"velocity", 26}, {"reps", 4}}},
  };
  const auto s = summarize_session(trials, Limb::kLeft, {{"reps", Better::kHigher}});
  const auto& v = s.at("velocity");
  EXPECT_EQ(v.left.trials, 2);
  EXPECT_DOUBLE_EQ(v.left.mean, 32);
  EXPECT_DOUBLE_EQ(v.right.mean, 25);
  EXPECT_DOUBLE_EQ(v.symmetry.lsi_percent, 100.0 * 25 / 32);  // uninvolved / involved
  EXPECT_EQ(v.symmetry.worse_side, Limb::kLeft);
  const auto& reps = s.at("reps");
  EXPECT_DOUBLE_EQ(reps.right.mean, 4.5);
  EXPECT_EQ(reps.symmetry.worse_side, Limb::kRight);
}

}  // namespace
}  // namespace stance
