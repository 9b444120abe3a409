#pragma once
// The visit as the dashboard runs it, without any drawing (so it is tested without a window):
// the patient and protocol chosen, the current step, its trial planned on the live source, each
// finished trial saved at once, redo and next, and the session summary per side.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/live_source.hpp"
#include "app/task_queue.hpp"
#include "core/symmetry.hpp"
#include "core/test_protocol.hpp"
#include "services/plate_verification.hpp"

namespace stance::app {

enum class Screen : std::uint8_t { kSetup, kTest, kResults, kHistory, kDevice };

struct StepResult {
  int step_index = 0;
  TrialCondition step;
  std::shared_ptr<const live::CompletedTrial> trial;
  std::string saved_to;     // where it was saved (a file, or the store's trial), or empty
  std::string save_error;   // why it was not
  bool saving = false;      // being saved on the saving thread
  bool superseded = false;  // redone: kept, but left out of the summary
};

// Who is tested, by whom, with what: what a sink is told when a session begins.
struct SessionStart {
  std::string patient_code;
  Limb involved = Limb::kUnspecified;
  TestProtocol protocol;
  std::string clinician;
  // For a patient not in the store yet (both optional; a known patient's record is kept).
  std::string new_patient_name;
  int new_patient_birth_year = 0;  // 0: not given
  // The patient consents (today, to this clinician) to the videos of their trials being kept;
  // only offered when the clinic keeps videos and a camera films.
  bool keep_video = false;
};

// Where finished trials go, told when a session begins and then given each trial as it ends.
class TrialSink {
 public:
  virtual ~TrialSink() = default;
  virtual Status begin_session(const SessionStart& start) = 0;
  // Returns where the trial went, for the person at the plate.
  virtual Result<std::string> save(const live::CompletedTrial& trial, const TrialCondition& step,
                                   int step_index) = 0;
  // The store's visit the trials went into (0: none yet, or not a store).
  virtual std::int64_t stored_visit() const { return 0; }
};

// Trial files in <dir>/<patient>/<session start>/NN-task-limb-eyes-tN.stance (atomic writes).
class TrialFileSink : public TrialSink {
 public:
  explicit TrialFileSink(std::filesystem::path dir) : dir_(std::move(dir)) {}
  Status begin_session(const SessionStart& start) override;
  Result<std::string> save(const live::CompletedTrial& trial, const TrialCondition& step,
                           int step_index) override;

 private:
  std::filesystem::path dir_, folder_;
  std::string patient_;
};

class SessionModel {
 public:
  SessionModel(LiveSource& source, TrialSink& sink);

  // Set-up (edited by the set-up view).
  std::string patient_code;        // never pre-filled: the clinician chooses or adds the patient
  std::string clinician;           // who runs the session: kept with it, printed on the test sheet
  std::string new_patient_name;    // used only when the code is not in the store yet
  int new_patient_birth_year = 0;  // likewise; 0: not given
  Limb involved = Limb::kLeft;
  std::vector<TestProtocol> protocols = builtin_test_protocols();
  int protocol_index = 0;
  bool auto_start = true;
  // The patient consented to keeping the videos (offered when the clinic keeps them).
  bool keep_video = false;
  Screen screen = Screen::kSetup;

  // The clinic's interval between known-mass checks (the store's, once it has answered).
  int mass_check_interval_days = kDefaultMassCheckIntervalDays;
  // The plate in use: verified, or why not (its last known-mass check, docs/calibration.md).
  PlateVerification plate_trust() const;

  // "Begin session": on a plate that needs its known-mass check it asks first
  // (asking_plate_check()); the clinician runs the check (the device view) or records anyway.
  Status request_begin();
  bool asking_plate_check() const { return asking_plate_check_; }
  void run_plate_check();  // closes the question and shows the device view
  Status record_anyway();  // closes the question and begins; every trial is marked
  // Plans the first step and shows the test screen. On a plate that needs its check every
  // trial's recording carries "plate not verified" with the reason.
  Status begin_session();
  // Once per frame: takes finished trials and hands them to the saving thread (so the UI never
  // waits on the disk), and takes the outcome of earlier saves.
  void poll();
  bool saving() const { return saves_pending_ > 0; }
  Status redo();  // the current step again (the earlier attempt is kept, superseded)
  Status next();  // the next step, or the results when all are done
  void start_now();
  void stop();

  bool active() const { return !steps_.empty(); }
  bool finished() const { return active() && current_ >= steps_.size(); }
  const TrialCondition* step() const;
  int step_index() const { return static_cast<int>(current_); }
  int step_count() const { return static_cast<int>(steps_.size()); }
  const TestProtocol& protocol() const {
    return protocols[static_cast<std::size_t>(protocol_index)];
  }
  const StepResult* current_result() const;  // the current step's latest trial, if it ended
  const std::vector<StepResult>& results() const { return results_; }
  int saved_count() const;
  std::int64_t stored_visit() const { return sink_.stored_visit(); }
  const std::string& message() const { return message_; }

  // Per key figure: each side's mean over its valid trials with these eyes, and the symmetry
  // (docs/symmetry.md).
  std::map<std::string, MetricSessionSummary> summary(Eyes eyes = Eyes::kOpen) const;

 private:
  Status plan_current();

  LiveSource& source_;
  TrialSink& sink_;
  std::vector<TrialCondition> steps_;
  std::size_t current_ = 0;
  std::vector<StepResult> results_;
  std::string message_;
  int generation_ = 0;  // one per begun session: a late save's outcome finds its own session
  int saves_pending_ = 0;
  bool asking_plate_check_ = false;
  // Last: destroyed first, finishing every save already handed over while the sink still exists.
  TaskQueue saves_;
};

}  // namespace stance::app
