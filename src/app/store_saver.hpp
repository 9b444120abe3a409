#pragma once
// Saves the dashboard's trials into the clinic's store (docs/store.md) as they end: the patient
// by code (created when new with its code, involved side, and the name and birth year if given),
// one store session per dashboard session, each trial with its raw recording and its results in one
// transaction. With video keeping (the clinic's switch and the patient's consent, recorded when
// the session begins with keep_video), each trial's pictures become a video file beside the
// store (docs/store.md, "Videos").
#include <atomic>
#include <string>

#include "app/session_model.hpp"
#include "store/store.hpp"

namespace stance::app {

class StoreSink : public TrialSink {
 public:
  explicit StoreSink(store::Store& store) : store_(store) {}
  Status begin_session(const SessionStart& start) override;
  Result<std::string> save(const live::CompletedTrial& trial, const TrialCondition& step,
                           int step_index) override;
  std::int64_t stored_visit() const override { return visit_id_.load(); }

 private:
  Status record_consent(const SessionStart& start);
  Status keep_video(std::int64_t trial_id, const knee::KeptVideo& video);

  store::Store& store_;
  std::string clinician_, patient_, protocol_;
  std::int64_t patient_id_ = 0;
  // Opened with the first trial, on the saving thread; read by the UI thread (the sheet buttons).
  std::int64_t session_id_ = 0;            // the saving thread's only
  std::atomic<std::int64_t> visit_id_{0};  // read by the UI thread
};

}  // namespace stance::app
