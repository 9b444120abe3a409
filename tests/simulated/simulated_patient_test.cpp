// The one simulated patient: the involved side sways and wobbles more, eyes closed sway more, and
// its options open a simulated plate whose body has exactly those parameters.
#include "simulated/simulated_patient.hpp"

#include <gtest/gtest.h>

#include "simulated/sim_options.hpp"

namespace stance::sim {
namespace {

TEST(SimulatedPatient, TheInvolvedSideDoesWorse) {
  const TrialCondition left_squat{Task::kSingleLegSquat, Limb::kLeft, Eyes::kOpen, 1, 3};
  const TrialCondition right_squat{Task::kSingleLegSquat, Limb::kRight, Eyes::kOpen, 1, 3};
  EXPECT_GT(simulated_patient_trial(Limb::kLeft, left_squat).wobble,
            simulated_patient_trial(Limb::kLeft, right_squat).wobble);
  EXPECT_GT(simulated_patient_trial(Limb::kRight, right_squat).wobble,
            simulated_patient_trial(Limb::kRight, left_squat).wobble);
  const TrialCondition open{Task::kSingleLegStance, Limb::kLeft, Eyes::kOpen, 1, 0};
  const TrialCondition closed{Task::kSingleLegStance, Limb::kLeft, Eyes::kClosed, 1, 0};
  EXPECT_NEAR(simulated_patient_trial(Limb::kRight, closed).sway_ml_mm,
              1.5 * simulated_patient_trial(Limb::kRight, open).sway_ml_mm, 1e-12);
}

TEST(SimulatedPatient, ItsOptionsMakeThatPerson) {
  const TrialCondition squat{Task::kSingleLegSquat, Limb::kLeft, Eyes::kOpen, 1, 3};
  const auto options = parse_sim_options(simulated_patient_options(Limb::kLeft, squat));
  ASSERT_TRUE(options) << options.error().message;
  EXPECT_EQ(options->subject.task, Task::kSingleLegSquat);
  EXPECT_EQ(options->subject.limb, Limb::kLeft);
  EXPECT_EQ(options->subject.squat.reps, 3);
  EXPECT_NEAR(options->subject.wobble.index, simulated_patient_trial(Limb::kLeft, squat).wobble,
              1e-9);
  const TrialCondition stance{Task::kSingleLegStance, Limb::kRight, Eyes::kClosed, 2, 0};
  const auto still = parse_sim_options(simulated_patient_options(Limb::kLeft, stance));
  ASSERT_TRUE(still) << still.error().message;
  EXPECT_NEAR(still->subject.sway.sd_ml_m * 1e3,
              simulated_patient_trial(Limb::kLeft, stance).sway_ml_mm, 1e-9);
}

}  // namespace
}  // namespace stance::sim
