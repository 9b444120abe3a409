// Figures that cannot be make a squat trial not valid (issue 16, item 3): more repetitions than
// the recording asked for, or a repetition too shallow to be a squat; and a recording marked
// "plate not verified" says so among its reservations. Simulated trials recorded through the
// product's path and analysed by the one policy (analysis_options_for, analyze_trial).
#include <gtest/gtest.h>

#include <string>

#include "core/analysis_policy.hpp"
#include "core/recording_samples.hpp"
#include "core/units.hpp"
#include "device/trial_recorder.hpp"
#include "simulated/simulated_driver.hpp"

namespace stance::test {
namespace {

struct Analysed {
  Recording recording;
  TrialAnalysis analysis;
};

// A squat trial of the simulated person (`options`), recorded as asking for `asked` squats.
Analysed record_and_analyse(const std::string& options, int asked, const std::string& mark = "") {
  Analysed a;
  auto plate = sim::SimulatedDriver::open_simulated("realtime=0,rate=100,task=squat," + options);
  if (!plate) {
    ADD_FAILURE() << options << ": " << plate.error().message;
    return a;
  }
  RecordRequest request;
  request.seconds = (*plate)->subject().truth().trial_end_s;
  request.metadata.task = Task::kSingleLegSquat;
  request.metadata.limb = Limb::kLeft;
  request.metadata.planned_reps = asked;
  if (!mark.empty()) mark_plate_not_verified(request.metadata, mark);
  auto outcome = record_trial(**plate, request);
  if (!outcome) {
    ADD_FAILURE() << options << ": " << outcome.error().message;
    return a;
  }
  a.recording = std::move(outcome->recording);
  auto analysis =
      analyze_trial(samples_from_recording(a.recording), analysis_options_for(a.recording));
  if (!analysis) {
    ADD_FAILURE() << options << ": " << analysis.error().message;
    return a;
  }
  a.analysis = std::move(*analysis);
  return a;
}

std::string describe(const TrialVerdict& v) {
  std::string out;
  for (const Finding& f : v.findings) {
    out += std::string("\n  ") + to_string(f.kind) + " " + to_string(f.severity) + ": " + f.detail;
  }
  return out;
}

TEST(Plausibility, FiveSquatsOfFiveAskedAreValid) {
  const Analysed a = record_and_analyse("seed=44,reps=5", 5);
  ASSERT_TRUE(a.analysis.squats);
  EXPECT_EQ(a.analysis.squats->rep_count, 5);
  EXPECT_TRUE(a.analysis.verdict.valid) << describe(a.analysis.verdict);
  EXPECT_EQ(a.analysis.verdict.count(FindingKind::kImplausible), 0) << describe(a.analysis.verdict);
}

TEST(Plausibility, SevenSquatsWhenFiveWereAskedAreNotValid) {
  const Analysed a = record_and_analyse("seed=44,reps=7", 5);
  ASSERT_TRUE(a.analysis.squats);
  ASSERT_EQ(a.analysis.squats->rep_count, 7);
  const TrialVerdict& v = a.analysis.verdict;
  EXPECT_FALSE(v.valid) << describe(v);
  ASSERT_EQ(v.count(FindingKind::kImplausible), 1) << describe(v);
  const Finding& f = *v.first(FindingKind::kImplausible);
  EXPECT_EQ(f.severity, Severity::kInvalidates);
  EXPECT_EQ(f.detail,
            "7 repetitions found, 5 were asked: the plate or the patient did something else; "
            "repeat the trial");
  // The same seven squats asked for are a valid trial: the count comes from the recording.
  EXPECT_TRUE(record_and_analyse("seed=44,reps=7", 7).analysis.verdict.valid);
}

// The second squat stops at 30% of the 8-cm squat: a dip of 2.4 cm, deep enough to be found
// (2 cm) but shallower than the 3-cm floor of a squat.
TEST(Plausibility, ASquatShallowerThanTheFloorMakesTheTrialNotValid) {
  const Analysed a = record_and_analyse("seed=45,reps=5,partial_rep=2,partial_depth=0.3", 5);
  ASSERT_TRUE(a.analysis.squats);
  const TrialVerdict& v = a.analysis.verdict;
  ASSERT_EQ(a.analysis.squats->rep_count, 5) << describe(v);
  const SquatRep& second = a.analysis.squats->reps[1];
  ASSERT_LT(second.depth_m, 0.03);
  EXPECT_FALSE(v.valid) << describe(v);
  ASSERT_EQ(v.count(FindingKind::kImplausible), 1) << describe(v);
  const Finding& f = *v.first(FindingKind::kImplausible);
  EXPECT_EQ(f.value, 2.0);
  EXPECT_NE(f.detail.find("repetition 2 at"), std::string::npos) << f.detail;
  EXPECT_NE(f.detail.find("under the 3 cm of a squat"), std::string::npos) << f.detail;
  // Said once: not also as a shallow repetition that only qualifies the trial.
  EXPECT_EQ(v.count(FindingKind::kRepFlagged), 0) << describe(v);

  // Half the depth (4 cm) is a shallow squat, not an impossible one: the trial still counts.
  const Analysed half = record_and_analyse("seed=45,reps=5,partial_rep=2,partial_depth=0.5", 5);
  EXPECT_TRUE(half.analysis.verdict.valid) << describe(half.analysis.verdict);
  EXPECT_EQ(half.analysis.verdict.count(FindingKind::kImplausible), 0);
}

TEST(Plausibility, ARecordingOnAPlateNotVerifiedSaysSoAndStillCounts) {
  const std::string why = "its known-mass check failed on 2026-12-07 22:40 UTC (19.6 N off)";
  const Analysed a = record_and_analyse("seed=44,reps=5", 5, why);
  const TrialVerdict& v = a.analysis.verdict;
  EXPECT_TRUE(v.valid) << describe(v);
  ASSERT_EQ(v.count(FindingKind::kPlateNotVerified), 1) << describe(v);
  EXPECT_EQ(v.first(FindingKind::kPlateNotVerified)->severity, Severity::kQualifies);
  EXPECT_EQ(v.first(FindingKind::kPlateNotVerified)->detail, "plate not verified: " + why);
  // Not marked: nothing said.
  EXPECT_EQ(record_and_analyse("seed=44,reps=5", 5)
                .analysis.verdict.count(FindingKind::kPlateNotVerified),
            0);
}

}  // namespace
}  // namespace stance::test
