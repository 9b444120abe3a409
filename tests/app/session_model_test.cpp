// The dashboard's session model without a window: a whole protocol on the simulated plate (on
// its virtual clock), each trial saved as it ends, redo keeps the first attempt, the summary.
#include "app/session_model.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "app/store_saver.hpp"
#include "core/analysis_policy.hpp"
#include "recording/plate_adjustment_file.hpp"
#include "recording/trial_file.hpp"
#include "services/data_dirs.hpp"
#include "services/drivers.hpp"
#include "simulated/sim_options.hpp"
#include "temp_dir.hpp"

namespace stance::app {
namespace {

using namespace std::chrono_literals;

// Polls until the saving thread has nothing left to report.
void wait_for_saves(SessionModel& m) {
  for (int i = 0; i < 12000; ++i) {  // at most a minute
    m.poll();
    if (!m.saving()) return;
    std::this_thread::sleep_for(5ms);
  }
}

// Polls until the current step has its result, saved or not (or the session finished).
bool wait_for_result(SessionModel& m) {
  for (int i = 0; i < 1200; ++i) {
    m.poll();
    if (m.current_result() != nullptr) {
      wait_for_saves(m);
      return !m.saving();
    }
    std::this_thread::sleep_for(25ms);
  }
  return false;
}

class SessionModelTest : public ::testing::Test {
 protected:
  SessionModelTest() { register_all_drivers(drivers_); }
  test::TempDir dir_{"stance-app"};
  DriverRegistry drivers_;
};

TEST_F(SessionModelTest, WholeSquatProtocolIsRecordedSavedAndSummarised) {
  LiveSource source(drivers_, "sim:realtime=0");
  TrialFileSink files(dir_.root());
  SessionModel m(source, files);
  m.patient_code = "PFP-001";
  m.involved = Limb::kLeft;
  m.protocols[0].trials_per_side = 1;
  m.protocols[0].repetitions = 3;
  ASSERT_TRUE(m.begin_session());
  EXPECT_EQ(m.screen, Screen::kTest);
  ASSERT_EQ(m.step_count(), 2);
  EXPECT_EQ(m.step()->limb, Limb::kRight);  // the uninvolved side first

  ASSERT_TRUE(wait_for_result(m)) << m.message();
  const StepResult* first = m.current_result();
  ASSERT_TRUE(first->trial->analysis) << first->trial->analysis_error;
  EXPECT_EQ(first->trial->analysis->squats->rep_count, 3);
  ASSERT_TRUE(std::filesystem::exists(first->saved_to)) << m.message();
  const auto saved = read_trial_file(first->saved_to);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->metadata.patient_code, "PFP-001");
  EXPECT_EQ(saved->metadata.limb, Limb::kRight);
  EXPECT_EQ(saved->frames.size(), first->trial->recording.frames.size());

  // Redo: a second attempt; the first stays saved, superseded.
  ASSERT_TRUE(m.redo());
  ASSERT_TRUE(wait_for_result(m));
  EXPECT_EQ(m.results().size(), 2u);
  EXPECT_TRUE(m.results()[0].superseded);
  EXPECT_NE(m.results()[0].saved_to, m.results()[1].saved_to);
  EXPECT_TRUE(std::filesystem::exists(m.results()[0].saved_to));

  ASSERT_TRUE(m.next());
  EXPECT_EQ(m.step()->limb, Limb::kLeft);
  ASSERT_TRUE(wait_for_result(m));
  ASSERT_TRUE(m.next());
  EXPECT_TRUE(m.finished());
  EXPECT_EQ(m.screen, Screen::kResults);
  EXPECT_EQ(m.saved_count(), 3);

  const auto summary = m.summary();
  ASSERT_TRUE(summary.count("ml_squat_steadiness"));
  const MetricSessionSummary& w = summary.at("ml_squat_steadiness");
  EXPECT_EQ(w.left.trials, 1);
  EXPECT_EQ(w.right.trials, 1);  // the superseded attempt is left out
  EXPECT_TRUE(w.symmetry.lsi_defined);
  // The simulated left knee wobbles more (0.8 against 0.1).
  EXPECT_GT(w.left.mean, w.right.mean);
}

TEST_F(SessionModelTest, SaveFailureIsShownAndTheTrialKeptInMemory) {
  LiveSource source(drivers_, "sim:realtime=0");
  const auto blocked = dir_.write("not-a-folder", "x");  // a file where a folder must go
  TrialFileSink files(blocked);
  SessionModel m(source, files);
  m.protocols[1].trials_per_side = 1;
  m.protocols[1].seconds = 5;
  m.protocol_index = 1;
  ASSERT_TRUE(m.begin_session());
  wait_for_saves(m);  // the session is begun on the saving thread too
  // "NOT SAVING" (the folder), or already "NOT SAVED" (the trial): on the virtual clock the
  // trial may end before the next frame.
  EXPECT_NE(m.message().find("NOT SAV"), std::string::npos) << m.message();
  ASSERT_TRUE(wait_for_result(m));
  const StepResult* r = m.current_result();
  EXPECT_TRUE(r->saved_to.empty());
  EXPECT_FALSE(r->save_error.empty());
  EXPECT_NE(m.message().find("NOT SAVED"), std::string::npos);
  EXPECT_GT(r->trial->recording.frames.size(), 4000u);  // still here: can be saved elsewhere
}

TEST_F(SessionModelTest, TheSimulatedPatientTakesTheDevicesOptions) {
  // `stance gui --device sim:wobble=0.2`: the user's options win over the simulated patient's
  // (once the dashboard's patient was fixed, so a demo visit could never show progress), never
  // over the step's leg and task.
  const TrialCondition left_squat{Task::kSingleLegSquat, Limb::kLeft, Eyes::kOpen, 1, 5};
  const LiveSource plain(drivers_, "sim");
  const LiveSource better(drivers_, "sim:wobble=0.2,limb=right,task=stance");
  const auto parsed = [](const std::string& address) {
    auto options = sim::parse_sim_options(address.substr(4));
    EXPECT_TRUE(options) << options.error().message;
    return options ? options->subject : sim::SubjectParams{};
  };
  const auto first = parsed(plain.simulated_address(left_squat, 0, Limb::kLeft));
  const auto second = parsed(better.simulated_address(left_squat, 0, Limb::kLeft));
  EXPECT_GT(first.wobble.index, 0.5);  // the involved knee
  EXPECT_NEAR(second.wobble.index, 0.2, 1e-12);
  EXPECT_EQ(second.limb, Limb::kLeft);
  EXPECT_EQ(second.task, Task::kSingleLegSquat);
}

TEST_F(SessionModelTest, TrialsGoIntoTheStoreAsTheyEnd) {
  auto store = store::Store::open(dir_.path("clinic.db"));
  ASSERT_TRUE(store) << store.error().message;
  StoreSink sink(*store);
  LiveSource source(drivers_, "sim:realtime=0");
  SessionModel m(source, sink);
  m.patient_code = "PFP-009";  // not in the store yet: created with what the set-up view has
  m.clinician = "dr K";
  m.new_patient_name = "Jo Example";
  m.new_patient_birth_year = 1990;
  m.protocols[1].trials_per_side = 1;
  m.protocols[1].seconds = 5;
  m.protocols[1].eyes = {Eyes::kOpen};
  m.protocol_index = 1;
  ASSERT_TRUE(m.begin_session());
  ASSERT_TRUE(wait_for_result(m)) << m.message();
  ASSERT_TRUE(m.next());
  ASSERT_TRUE(wait_for_result(m)) << m.message();
  EXPECT_EQ(m.saved_count(), 2) << m.message();

  const auto patient = store->patient("PFP-009");
  ASSERT_TRUE(patient) << patient.error().message;
  EXPECT_EQ(patient->name, "Jo Example");
  EXPECT_EQ(patient->birth_year, 1990);
  const auto sessions = store->sessions(patient->id);
  ASSERT_EQ(sessions->size(), 1u);
  EXPECT_EQ(sessions->front().clinician, "dr K");  // on the session, hence on its test sheet
  EXPECT_EQ(sessions->front().protocol, m.protocol().name);
  const auto trials = store->trials(sessions->front().id);
  ASSERT_EQ(trials->size(), 2u);
  for (const store::Trial& t : *trials) {
    const auto bytes = store->recording(t.id);  // checksum checked
    ASSERT_TRUE(bytes) << bytes.error().message;
    const auto recording = decode_trial(*bytes, "stored trial");
    ASSERT_TRUE(recording) << recording.error().message;
    EXPECT_EQ(recording->metadata.patient_code, "PFP-009");
    EXPECT_EQ(recording->metadata.limb, t.limb);
    EXPECT_FALSE(store->metrics(t.id)->empty());
  }
  // The next visit of the now known patient keeps its record, whatever the new-patient fields hold.
  m.new_patient_name = "Someone Else";
  ASSERT_TRUE(m.begin_session());
  ASSERT_TRUE(wait_for_result(m)) << m.message();
  EXPECT_EQ(store->patient("PFP-009")->name, "Jo Example");
  EXPECT_EQ(store->sessions(patient->id)->size(), 2u);
}

// A plate whose known-mass check failed (saved for its serial as the device view saves it):
// "Begin session" asks first; running the check begins nothing; recording anyway marks every
// trial in its recording and its one analysis. A check older than the clinic's interval asks
// too, and the same check within a longer interval does not.
TEST_F(SessionModelTest, APlateNotVerifiedAsksFirstAndMarksEveryTrial) {
  ::setenv("XDG_DATA_HOME", dir_.root().c_str(), 1);
  const auto save_check = [](double fz_error_n, std::int64_t age_s) {
    PlateAdjustment a;
    a.serial = "SIM-0001";
    a.tare.last_check = {20.0, fz_error_n, 0.0, std::time(nullptr) - age_s};
    ASSERT_TRUE(save_plate_adjustment(plate_adjustments_dir(), a));
  };
  save_check(19.6, 60);
  LiveSource source(drivers_, "sim:realtime=0");
  ASSERT_TRUE(source.idle());
  TrialFileSink files(dir_.root() / "trials");
  SessionModel m(source, files);
  m.patient_code = "PFP-003";
  m.protocols[0].trials_per_side = 1;
  m.protocols[0].repetitions = 3;
  EXPECT_EQ(m.plate_trust().state, PlateTrust::kCheckFailed);
  ASSERT_TRUE(m.request_begin());
  EXPECT_TRUE(m.asking_plate_check());
  EXPECT_FALSE(m.active());
  m.run_plate_check();
  EXPECT_FALSE(m.asking_plate_check());
  EXPECT_FALSE(m.active());
  EXPECT_EQ(m.screen, Screen::kDevice);

  ASSERT_TRUE(m.request_begin());
  ASSERT_TRUE(m.asking_plate_check());
  ASSERT_TRUE(m.record_anyway());
  EXPECT_FALSE(m.asking_plate_check());
  ASSERT_TRUE(m.active());
  ASSERT_TRUE(wait_for_result(m)) << m.message();
  const live::CompletedTrial& t = *m.current_result()->trial;
  ASSERT_TRUE(t.analysis) << t.analysis_error;
  const auto mark = t.recording.metadata.extra.find(kPlateNotVerifiedKey);
  ASSERT_NE(mark, t.recording.metadata.extra.end());
  EXPECT_NE(mark->second.find("known-mass check failed on"), std::string::npos) << mark->second;
  ASSERT_EQ(t.analysis->verdict.count(FindingKind::kPlateNotVerified), 1);
  EXPECT_TRUE(t.analysis->verdict.valid);  // it counts, with the reservation
  // The saved trial file keeps the mark.
  const auto saved = read_trial_file(m.current_result()->saved_to);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->metadata.extra.count(kPlateNotVerifiedKey), 1u);

  // Passed, but 31 days ago: out of date for a 30-day clinic, fine for a 60-day one.
  save_check(0.3, 31 * 24 * 3600);
  source.close();
  ASSERT_TRUE(source.idle());  // the plate opened again, as after a calibration step
  SessionModel later(source, files);
  later.patient_code = "PFP-003";
  EXPECT_EQ(later.plate_trust().state, PlateTrust::kCheckTooOld);
  ASSERT_TRUE(later.request_begin());
  EXPECT_TRUE(later.asking_plate_check());
  SessionModel relaxed(source, files);
  relaxed.patient_code = "PFP-003";
  relaxed.mass_check_interval_days = 60;
  relaxed.protocols[0].trials_per_side = 1;
  relaxed.protocols[0].repetitions = 3;
  EXPECT_EQ(relaxed.plate_trust().state, PlateTrust::kVerified);
  ASSERT_TRUE(relaxed.request_begin());
  EXPECT_FALSE(relaxed.asking_plate_check());
  EXPECT_TRUE(relaxed.active());
  ASSERT_TRUE(wait_for_result(relaxed)) << relaxed.message();
  EXPECT_EQ(relaxed.current_result()->trial->recording.metadata.extra.count(kPlateNotVerifiedKey),
            0u);
}

}  // namespace
}  // namespace stance::app
