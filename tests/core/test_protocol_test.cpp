// The clinical test protocols: their order of trials is the one both faces run.
#include "core/test_protocol.hpp"

#include <gtest/gtest.h>

namespace stance {
namespace {

TEST(TestProtocol, TheUninvolvedSideGoesFirstInEveryAttemptAndEyeCondition) {
  const TestProtocol stance = builtin_test_protocols()[1];
  const auto trials = trial_order(stance, Limb::kLeft);
  ASSERT_EQ(trials.size(), 12u);  // 2 eye conditions x 3 attempts x 2 sides
  for (std::size_t i = 0; i < trials.size(); ++i) {
    EXPECT_EQ(trials[i].limb, i % 2 == 0 ? Limb::kRight : Limb::kLeft) << i;
    EXPECT_EQ(trials[i].attempt, static_cast<int>(i / 2 % 3) + 1) << i;
    EXPECT_EQ(trials[i].eyes, i < 6 ? Eyes::kOpen : Eyes::kClosed) << i;
    EXPECT_EQ(trials[i].planned_reps, 0);
  }
  EXPECT_EQ(trial_order(stance, Limb::kRight)[0].limb, Limb::kLeft);
  EXPECT_EQ(trial_order(stance, Limb::kUnspecified)[0].limb, Limb::kRight);
  EXPECT_EQ(trial_title(trials[6]), "Right leg, stance, eyes closed, trial 1");
}

TEST(TestProtocol, EachSquatTrialCarriesTheSquatsTheProtocolAsksFor) {
  TestProtocol squat = builtin_test_protocols()[0];
  EXPECT_EQ(squat.repetitions, kDefaultSquatReps);
  squat.repetitions = 3;
  squat.trials_per_side = 2;
  const auto trials = trial_order(squat, Limb::kRight);
  ASSERT_EQ(trials.size(), 4u);
  for (const TrialCondition& t : trials) {
    EXPECT_EQ(t.task, Task::kSingleLegSquat);
    EXPECT_EQ(t.squats_asked(), 3);
  }
  EXPECT_NE(patient_instructions(squat).find(" 3 times"), std::string::npos);
  EXPECT_EQ(protocol_title(squat), "Single-leg squat: 5 repetitions, 3 trials per side");
}

}  // namespace
}  // namespace stance
