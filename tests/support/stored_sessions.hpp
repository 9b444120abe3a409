#pragma once
// A real store filled for the tests of the sheet and the dashboard: a patient, sessions on given
// dates, and trials recorded on the simulated plate, encoded as trial files and analysed as `stance
// session record` does (analyze_stored_recording), so every stored result is the real one.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "device/trial_recorder.hpp"
#include "recording/trial_file.hpp"
#include "services/stored_analysis.hpp"
#include "simulated/simulated_driver.hpp"
#include "store/store.hpp"

namespace stance::test_support {

struct PlannedTrial {
  PlannedTrial(Task task_, Limb limb_, Eyes eyes_ = Eyes::kOpen, int attempt_ = 1,
               std::string sim_options_ = "", double seconds_ = 8)
      : task(task_),
        limb(limb_),
        eyes(eyes_),
        attempt(attempt_),
        sim_options(std::move(sim_options_)),
        seconds(seconds_) {}
  Task task;
  Limb limb;
  Eyes eyes;
  int attempt;
  std::string sim_options;  // extra simulator options, e.g. ",touchdown_s=4,touchdown_share=0.5"
  double seconds;           // of a stance trial; a squat of five repetitions takes 31 s
};

class StoredSessions {
 public:
  explicit StoredSessions(const std::filesystem::path& db) {
    auto opened = store::Store::open(db);
    EXPECT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<store::Store>(std::move(*opened));
  }

  store::Store& store() { return *store_; }

  std::int64_t add_patient(const std::string& code, const std::string& name, int birth_year,
                           Limb involved = Limb::kLeft) {
    store::Patient p;
    p.code = code;
    p.name = name;
    p.birth_year = birth_year;
    p.involved_side = involved;
    p.mass_kg = 70;
    auto id = store_->add_patient(p);
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  }

  std::int64_t add_session(std::int64_t patient_id, const std::string& started_utc,
                           const std::string& protocol = "single-leg-stance") {
    store::Session s;
    s.patient_id = patient_id;
    s.started_utc = started_utc;
    s.clinician = "R. Tester";
    s.plate_serial = "SIM-0001";
    s.protocol = protocol;
    auto id = store_->add_session(s);
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  }

  // The visit a session joined (the patient's day).
  std::int64_t visit_of(std::int64_t session_id) {
    auto s = store_->session(session_id);
    EXPECT_TRUE(s) << s.error().message;
    return s ? s->visit_id : 0;
  }

  // Records, analyses and stores one trial; `seed` makes each trial its own.
  void add_trial(std::int64_t session_id, const PlannedTrial& t, int seed) {
    sim::SimulatedDriver driver;
    const bool squat = t.task == Task::kSingleLegSquat;
    const std::string options = "realtime=0,seed=" + std::to_string(seed) +
                                ",limb=" + to_string(t.limb) + (squat ? ",task=squat" : "") +
                                t.sim_options;
    auto plate = driver.open(options);
    ASSERT_TRUE(plate) << plate.error().message;
    RecordRequest request;
    request.seconds = squat ? 31 : t.seconds;
    request.metadata.patient_code = "test";
    request.metadata.task = t.task;
    request.metadata.limb = t.limb;
    request.metadata.eyes = t.eyes;
    request.metadata.attempt = t.attempt;
    auto outcome = record_trial(**plate, request);
    ASSERT_TRUE(outcome) << outcome.error().message;
    const std::vector<std::uint8_t> bytes = encode_trial(outcome->recording);
    auto results = analyze_stored_recording(bytes, "test trial");
    ASSERT_TRUE(results) << results.error().message;
    store::Trial trial;
    trial.session_id = session_id;
    trial.task = t.task;
    trial.limb = t.limb;
    trial.eyes = t.eyes;
    trial.attempt = t.attempt;
    trial.results = *results;
    auto id = store_->add_trial(trial, bytes);
    ASSERT_TRUE(id) << id.error().message;
  }

 private:
  std::unique_ptr<store::Store> store_;
};

}  // namespace stance::test_support
