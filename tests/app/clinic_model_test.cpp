// The dashboard's view of the clinic's store, without a window: the store worker runs jobs off
// the UI thread and hands their results back only when the UI asks; the patient list, a
// patient's visits and progress, the store's protocols, and a stored trial replayed in the live
// view without being saved again. A real SQLite store filled by `stance session record`.
#include "app/clinic_model.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/actions.hpp"
#include "app/session_model.hpp"
#include "app/sheet_export.hpp"
#include "core/test_protocol.hpp"
#include "services/drivers.hpp"
#include "stored_sessions.hpp"
#include "temp_dir.hpp"
#include "worker_pump.hpp"

namespace stance::app {
namespace {

using namespace std::chrono_literals;

class ClinicModelTest : public ::testing::Test {
 protected:
  // Three squat visits of one patient with less simulated wobble each time, recorded on the
  // simulated plate and stored with their real analysis, as the dashboard's saving thread does.
  ClinicModelTest() {
    register_all_drivers(drivers_);
    test_support::StoredSessions stored(db_);
    const auto anna = stored.add_patient("PFP-007", "Anna Berg", 1990, Limb::kLeft);
    stored.add_patient("PFP-011", "", 1985, Limb::kRight);
    int seed = 1;
    int day = 1;
    for (const char* wobble : {"0.9", "0.6", "0.3"}) {
      const auto session = stored.add_session(
          anna, "2026-11-0" + std::to_string(day++) + "T09:00:00Z", "single-leg-squat");
      for (const TrialCondition& t : trial_order(builtin_test_protocols()[0], Limb::kLeft)) {
        stored.add_trial(
            session, {t.task, t.limb, t.eyes, t.attempt, std::string(",reps=5,wobble=") + wobble},
            seed++);
      }
    }
  }
  test::TempDir dir_{"stance-clinic"};
  std::filesystem::path db_ = dir_.root() / "clinic.db";
  DriverRegistry drivers_;
};

TEST_F(ClinicModelTest, WorkerResultsReachTheUiOnlyWhenItAsks) {
  auto store = store::Store::open(db_);
  ASSERT_TRUE(store);
  StoreWorker w(std::move(*store));
  std::thread::id worker_thread, ui_thread;
  int patients = -1;
  w.post([&](store::Store& s) -> StoreWorker::UiStep {
    worker_thread = std::this_thread::get_id();
    const auto all = s.patients();
    const int n = all ? static_cast<int>(all->size()) : -2;
    return [&, n] {
      ui_thread = std::this_thread::get_id();
      patients = n;
    };
  });
  for (int i = 0; i < 2000 && patients == -1; ++i) {
    std::this_thread::sleep_for(1ms);
    if (i == 200) {
      EXPECT_EQ(patients, -1);  // never delivered without run_finished()
    }
    if (i > 200) w.run_finished();
  }
  EXPECT_EQ(patients, 2);
  EXPECT_NE(worker_thread, std::this_thread::get_id());
  EXPECT_EQ(ui_thread, std::this_thread::get_id());
  EXPECT_TRUE(w.idle());
}

TEST_F(ClinicModelTest, PatientListHistoryAndProtocols) {
  auto store = store::Store::open(db_);
  ASSERT_TRUE(store);
  StoreWorker w(std::move(*store));
  ClinicModel clinic(&w);
  std::vector<store::Protocol> protocols;
  clinic.refresh([&](std::vector<store::Protocol> p) { protocols = std::move(p); });
  EXPECT_TRUE(clinic.loading());
  pump(w);
  EXPECT_FALSE(clinic.loading());
  ASSERT_EQ(clinic.patients().size(), 2u);
  const PatientRow* anna = clinic.find_patient("PFP-007");
  ASSERT_NE(anna, nullptr);
  EXPECT_EQ(anna->visits, 3);
  EXPECT_EQ(anna->patient.name, "Anna Berg");
  EXPECT_EQ(clinic.find_patient("PFP-011")->visits, 0);

  // The store's built-in protocols are the one definition the dashboard starts with.
  for (const TestProtocol& builtin : builtin_test_protocols()) {
    const auto same = std::find_if(protocols.begin(), protocols.end(),
                                   [&](const TestProtocol& p) { return p.name == builtin.name; });
    ASSERT_NE(same, protocols.end()) << builtin.name;
    EXPECT_EQ(static_cast<const TestProtocol&>(*same), builtin);
  }

  clinic.open_patient("PFP-007");
  pump(w);
  ASSERT_TRUE(clinic.history()) << clinic.error();
  const PatientHistory& h = *clinic.history();
  ASSERT_EQ(h.visits.size(), 3u);
  EXPECT_LT(h.visits[0].visit.id, h.visits[2].visit.id);  // oldest first
  EXPECT_EQ(h.visits[0].trials.size(), 6u);
  EXPECT_EQ(h.visits[0].valid_trials(), 6);
  EXPECT_FALSE(h.visits[0].trials[0].results.metrics.empty());
  const auto wobble = std::find_if(h.progress.begin(), h.progress.end(),
                                   [](const auto& p) { return p.key == "ml_squat_steadiness"; });
  ASSERT_NE(wobble, h.progress.end());
  ASSERT_EQ(wobble->limbs.size(), 2u);
  EXPECT_EQ(wobble->limbs[0].points.size(), 3u);
  EXPECT_TRUE(wobble->limbs[0].reliability.defined);
  // Less simulated wobble at every visit: the index falls beyond the test's noise.
  EXPECT_LT(wobble->limbs[0].points[2].summary.mean, wobble->limbs[0].points[0].summary.mean);
  EXPECT_TRUE(wobble->limbs[0].points[2].improved);

  // The results' "last visit" column: the latest visit but this one, by the key figure's key.
  const auto* last = last_visit_point(h, Task::kSingleLegSquat, Eyes::kOpen, "ml_squat_steadiness",
                                      Limb::kLeft, h.visits[2].visit.id);
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->visit_id, h.visits[1].visit.id);
  EXPECT_EQ(
      last_visit_point(h, Task::kSingleLegSquat, Eyes::kOpen, "ml_squat_steadiness", Limb::kLeft, 0)
          ->visit_id,
      h.visits[2].visit.id);
  EXPECT_NE(last_visit_point(h, Task::kSingleLegSquat, Eyes::kOpen, "mean_depth", Limb::kRight, 0),
            nullptr);  // stored as mean_depth_cm
  EXPECT_EQ(
      last_visit_point(h, Task::kSingleLegStance, Eyes::kOpen, "mean_velocity", Limb::kLeft, 0),
      nullptr);  // no stance visit

  clinic.toggle_compared(h.visits[2].visit.id);
  clinic.toggle_compared(h.visits[0].visit.id);
  clinic.toggle_compared(h.visits[1].visit.id);  // the latest two choices are kept, in order
  EXPECT_EQ(clinic.compared,
            (std::vector<std::int64_t>{h.visits[0].visit.id, h.visits[1].visit.id}));
  clinic.toggle_compared(h.visits[0].visit.id);  // unticked
  EXPECT_EQ(clinic.compared, (std::vector<std::int64_t>{h.visits[1].visit.id}));

  clinic.open_patient("NOBODY");
  pump(w);
  EXPECT_FALSE(clinic.history());
  EXPECT_NE(clinic.error().find("NOBODY"), std::string::npos) << clinic.error();
}

TEST_F(ClinicModelTest, StoredTrialIsReplayedInTheLiveViewAndNotSavedAgain) {
  auto store = store::Store::open(db_);
  ASSERT_TRUE(store);
  StoreWorker w(std::move(*store));
  ClinicModel clinic(&w);
  clinic.open_patient("PFP-007");
  pump(w);
  ASSERT_TRUE(clinic.history());
  const store::Trial& stored = clinic.history()->visits[0].trials[1];

  LiveSource source(drivers_, "sim:realtime=0");
  TrialFileSink files(dir_.root() / "files");
  SessionModel session(source, files);
  std::optional<Recording> recording;
  clinic.load_recording(stored.id, [&](Result<Recording> r) {
    ASSERT_TRUE(r) << r.error().message;
    recording = std::move(*r);
  });
  pump(w);
  ASSERT_TRUE(recording);
  EXPECT_EQ(recording->metadata.limb, stored.limb);
  // 8 times the recorded pace; under a sanitizer the live thread cannot keep that pace, so 2.
#ifdef STANCE_SANITIZED
  constexpr double kPace = 2.0;
#else
  constexpr double kPace = 8.0;
#endif
  ASSERT_TRUE(source.replay(*recording, kPace));
  EXPECT_TRUE(source.replaying());
  std::shared_ptr<const live::LiveSnapshot> s;
  for (int i = 0; i < 3000; ++i) {
    session.poll();
    s = source.current()->snapshot();
    if (s && s->state == live::FlowState::kDone) break;
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_TRUE(s);
  EXPECT_EQ(s->state, live::FlowState::kDone);
  EXPECT_EQ(s->plan.limb, stored.limb);
  EXPECT_EQ(s->plan.task, Task::kSingleLegSquat);
  EXPECT_EQ(s->reps.size(), 5u);  // the simulated patient's five squats, counted live again
  EXPECT_TRUE(session.results().empty());
  EXPECT_FALSE(std::filesystem::exists(dir_.root() / "files"));

  // A running session refuses a replay rather than lose its live plate.
  session.patient_code = "PFP-011";
  ASSERT_TRUE(session.begin_session());
  replay_stored_trial(clinic, source, session, stored.id);
  EXPECT_NE(clinic.notice.find("finish it"), std::string::npos) << clinic.notice;
  EXPECT_FALSE(source.replaying());
}

TEST_F(ClinicModelTest, TestSheetIsWrittenBesideTheStoreWithTheClinicianChoices) {
  auto store = store::Store::open(db_);
  ASSERT_TRUE(store);
  const auto anna = store->patient("PFP-007");
  ASSERT_TRUE(anna);
  const std::int64_t visit = store->visits(anna->id)->front().id;
  StoreWorker w(std::move(*store));
  ClinicModel clinic(&w);
  clinic.sheet.comment = "Knee stays over the foot on the left now.";
  clinic.sheet.pseudonymise = true;
  export_visit(clinic, visit, "PFP-007", true);
  export_visit(clinic, visit, "PFP-007", false);
  pump(w);
  const auto pdf = sheet_path(db_, "PFP-007", visit, report::ReportFormat::kPdf);
  EXPECT_EQ(pdf.parent_path(), dir_.root() / "sheets");
  ASSERT_TRUE(std::filesystem::exists(pdf)) << clinic.notice;
  EXPECT_TRUE(
      std::filesystem::exists(sheet_path(db_, "PFP-007", visit, report::ReportFormat::kCsv)));
  EXPECT_TRUE(
      std::filesystem::exists(sheet_path(db_, "PFP-007", visit, report::ReportFormat::kJson)));
  EXPECT_NE(clinic.notice.find("Written: "), std::string::npos) << clinic.notice;

  const auto text_file = dir_.root() / "sheet.txt";
  const std::string command =
      "pdftotext -layout '" + pdf.string() + "' '" + text_file.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << "pdftotext (poppler-utils) is needed";
  std::ifstream in(text_file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("Knee stays over the foot"), std::string::npos) << text;
  EXPECT_NE(text.find("PFP-007"), std::string::npos);
  EXPECT_EQ(text.find("Anna Berg"), std::string::npos);  // pseudonymised
}

}  // namespace
}  // namespace stance::app
