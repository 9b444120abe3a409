// Limb symmetry and the per-session summary against hand-computed values.
#include "core/symmetry.hpp"

#include <gtest/gtest.h>

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

TEST(LimbSymmetry, LsiIsInvolvedOverUninvolved) {
  // Sway velocity: left (involved) 30 mm/s, right 24 mm/s.
  const LimbSymmetry s = limb_symmetry(30, 24, Limb::kLeft, Better::kLower);
  ASSERT_TRUE(s.lsi_defined);
  EXPECT_DOUBLE_EQ(s.lsi_percent, 125.0);
  EXPECT_DOUBLE_EQ(s.asymmetry_percent, 100.0 * (24 - 30) / 30);  // −20%: left larger
  EXPECT_EQ(s.worse_side, Limb::kLeft);                           // more sway is worse
}

TEST(LimbSymmetry, DirectionDecidesTheWorseSide) {
  EXPECT_EQ(limb_symmetry(5, 4, Limb::kRight, Better::kHigher).worse_side, Limb::kRight);
  EXPECT_EQ(limb_symmetry(5, 4, Limb::kRight, Better::kLower).worse_side, Limb::kLeft);
  EXPECT_EQ(limb_symmetry(5, 5, Limb::kRight, Better::kLower).worse_side, Limb::kUnspecified);
  EXPECT_DOUBLE_EQ(limb_symmetry(5, 4, Limb::kRight, Better::kHigher).lsi_percent, 80.0);
}

TEST(LimbSymmetry, UnknownInvolvedSideOrZeroGivesNoLsi) {
  EXPECT_FALSE(limb_symmetry(5, 4, Limb::kUnspecified, Better::kLower).lsi_defined);
  EXPECT_TRUE(limb_symmetry(5, 4, Limb::kUnspecified, Better::kLower).defined);
  EXPECT_FALSE(limb_symmetry(5, 0, Limb::kLeft, Better::kLower).lsi_defined);
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
  EXPECT_DOUBLE_EQ(v.symmetry.lsi_percent, 128.0);
  EXPECT_EQ(v.symmetry.worse_side, Limb::kLeft);
  const auto& reps = s.at("reps");
  EXPECT_DOUBLE_EQ(reps.right.mean, 4.5);
  EXPECT_EQ(reps.symmetry.worse_side, Limb::kRight);
}

}  // namespace
}  // namespace stance
