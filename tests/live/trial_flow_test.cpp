// The trial flow on hand-made force traces: each rule of docs/dashboard.md, "Trial flow".
#include "live/trial_flow.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace stance::live {
namespace {

constexpr double kRate = 100.0;

// Feeds fz(t) from t0 to t1 and returns the time of the first state change (or -1).
template <typename Fz>
double feed(TrialFlow& flow, double t0, double t1, Fz fz) {
  double changed = -1.0;
  for (double t = t0; t < t1; t += 1.0 / kRate) {
    if (flow.on_sample(t, fz(t)) && changed < 0) changed = t;
  }
  return changed;
}

TEST(TrialFlow, WaitsSettlesRecordsForThePlannedTimeThenIsDone) {
  TrialPlan plan;
  plan.stance_seconds = 5.0;
  TrialFlow flow(plan, kRate);
  EXPECT_EQ(flow.state(), FlowState::kWaitingForPatient);
  EXPECT_LT(feed(flow, 0.0, 1.0, [](double) { return 2.0; }), 0.0);  // empty plate: no change
  // Steps on at 1 s with a wobbly start (SD ≫ 3%), still from 2 s.
  const double on = feed(flow, 1.0, 2.0, [](double t) { return 700 + 200 * std::sin(20 * t); });
  EXPECT_NEAR(on, 1.0, 0.011);
  EXPECT_EQ(flow.state(), FlowState::kSettling);
  const double start = feed(flow, 2.0, 10.0, [](double t) { return 700 + 5 * std::sin(7 * t); });
  // Recording starts when the last settle_s (2 s) were all steady: at 2 s + 2 s... and the
  // stance time runs out 5 s later; the first change is the start.
  EXPECT_NEAR(start, 3.99, 0.03);
  EXPECT_EQ(flow.state(), FlowState::kDone);
  EXPECT_NEAR(flow.recording_started_s(), start, 1e-9);
  EXPECT_EQ(flow.remaining_s(20.0), 0.0);
}

TEST(TrialFlow, SteppingOffWhileSettlingStartsOver) {
  TrialFlow flow(TrialPlan{}, kRate);
  feed(flow, 0.0, 1.5, [](double) { return 700.0; });
  EXPECT_EQ(flow.state(), FlowState::kSettling);
  EXPECT_GT(flow.settle_progress(), 0.7);
  feed(flow, 1.5, 1.6, [](double) { return 0.0; });
  EXPECT_EQ(flow.state(), FlowState::kWaitingForPatient);
  EXPECT_EQ(flow.settle_progress(), 0.0);
  feed(flow, 1.6, 3.0, [](double) { return 700.0; });
  EXPECT_EQ(flow.state(), FlowState::kSettling);  // 1.4 s steady: not yet
}

TEST(TrialFlow, ManualStartWithoutAutoStartAndCancel) {
  TrialPlan plan;
  plan.auto_start = false;
  TrialFlow flow(plan, kRate);
  feed(flow, 0.0, 5.0, [](double) { return 700.0; });
  EXPECT_EQ(flow.state(), FlowState::kSettling);  // steady, but waits for the clinician
  flow.start_now(5.0);
  EXPECT_EQ(flow.state(), FlowState::kRecording);
  EXPECT_NEAR(flow.recorded_s(7.5), 2.5, 1e-12);
  flow.interrupt("stopped");
  EXPECT_EQ(flow.state(), FlowState::kInterrupted);
  EXPECT_EQ(flow.interruption(), "stopped");
}

TEST(TrialFlow, SquatsStopAfterTheRepsAndAQuietSecondOrAtTheTimeout) {
  TrialPlan plan;
  plan.task = Task::kSingleLegSquat;
  plan.planned_reps = 3;
  TrialFlow flow(plan, kRate);
  flow.start_now(0.0);
  feed(flow, 0.0, 10.0, [](double) { return 700.0; });
  flow.set_squat_progress(2, 9.0);
  feed(flow, 10.0, 12.0, [](double) { return 700.0; });
  EXPECT_EQ(flow.state(), FlowState::kRecording);  // 2 of 3
  flow.set_squat_progress(3, 12.0);
  EXPECT_NEAR(feed(flow, 12.0, 14.0, [](double) { return 700.0; }), 13.0, 0.011);
  EXPECT_EQ(flow.state(), FlowState::kDone);

  TrialFlow slow(plan, kRate);
  slow.start_now(0.0);
  EXPECT_NEAR(feed(slow, 0.0, 70.0, [](double) { return 700.0; }), 60.0, 0.011);
}

// Issue 16: a merged pair in the live count left the trial running to the timeout. Past the
// protocol's time, one squat short and standing still for twice the quiet second ends it; a squat
// under way, or two short, does not.
TEST(TrialFlow, PastTheProtocolsTimeOneSquatShortAndStillEndsTheTrial) {
  TrialPlan plan;
  plan.task = Task::kSingleLegSquat;
  plan.planned_reps = 5;
  plan.stance_seconds = 32.0;  // the protocol's time
  TrialFlow merged(plan, kRate);
  merged.start_now(0.0);
  merged.set_squat_progress(4, 28.0);  // five done, counted as four
  EXPECT_NEAR(feed(merged, 0.0, 40.0, [](double) { return 700.0; }), 32.0, 0.011);
  EXPECT_EQ(merged.state(), FlowState::kDone);

  TrialFlow squatting(plan, kRate);  // the fifth squat still under way at 32 s
  squatting.start_now(0.0);
  squatting.set_squat_progress(4, 26.0, true);
  feed(squatting, 0.0, 36.0, [](double) { return 700.0; });
  EXPECT_EQ(squatting.state(), FlowState::kRecording);
  squatting.set_squat_progress(5, 36.5);
  EXPECT_NEAR(feed(squatting, 36.0, 40.0, [](double) { return 700.0; }), 37.5, 0.011);

  TrialFlow two_short(plan, kRate);  // three of five: the patient is slow, not miscounted
  two_short.start_now(0.0);
  two_short.set_squat_progress(3, 20.0);
  feed(two_short, 0.0, 45.0, [](double) { return 700.0; });
  EXPECT_EQ(two_short.state(), FlowState::kRecording);
}

}  // namespace
}  // namespace stance::live
