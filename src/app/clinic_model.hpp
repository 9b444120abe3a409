#pragma once
// What the dashboard shows of the clinic's store, loaded on the store worker so the UI never
// waits on the disk: the patients for the set-up view, and one patient's visits, trials and
// progress (docs/progress.md) for the history view. Without a store (trials saved as files)
// there is nothing to load and the views say so.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/patient_form.hpp"
#include "app/protocol_form.hpp"
#include "app/store_worker.hpp"
#include "core/calibration_check.hpp"  // kDefaultMassCheckIntervalDays
#include "store/progress.hpp"

namespace stance::app {

struct PatientRow {
  store::Patient patient;
  int visits = 0;
  std::string last_visit_utc;
  std::optional<std::string> video_consent_utc;  // when the consent to keep videos was recorded
};

// One day of the patient's: every session (protocol run) of it and all their trials.
struct Visit {
  store::Visit visit;
  std::vector<store::Session> sessions;
  std::vector<store::Trial> trials;  // with their results and metrics, session by session
  int valid_trials() const;
  std::string protocols() const;  // the protocols done, each once: "single-leg-squat, …"
  // The test conditions (task and eyes) done with at least one valid trial.
  std::vector<std::pair<Task, Eyes>> conditions() const;
};

struct PatientHistory {
  store::Patient patient;
  std::vector<Visit> visits;  // oldest first
  std::vector<store::MetricProgress> progress;
};

class ClinicModel {
 public:
  explicit ClinicModel(StoreWorker* worker) : worker_(worker) {}

  bool has_store() const { return worker_ != nullptr; }
  std::string store_path() const;

  // Reloads the patient list (and the protocols, handed to `on_protocols` on the UI thread).
  void refresh(std::function<void(std::vector<store::Protocol>)> on_protocols = {});
  const std::vector<PatientRow>& patients() const { return patients_; }
  const PatientRow* find_patient(const std::string& code) const;

  // Saves a patient through the worker: added when its id is 0, else updated (the store checks
  // it). `then` gets the record as stored, or the store's message; the list is reloaded.
  void save_patient(store::Patient patient, std::function<void(Result<store::Patient>)> then);
  // Adds a clinic's protocol (checked by the store); `then` gets the store's protocols with it.
  void add_protocol(store::Protocol protocol,
                    std::function<void(Result<std::vector<store::Protocol>>)> then);

  // The set-up view's search (a patient's code or name) and its forms.
  std::string search;
  PatientForm patient_form;
  ProtocolForm protocol_form;

  // The clinic's video keeping (store::Store::set_video_keeping), as last loaded.
  bool video_keeping() const { return video_keeping_; }
  void set_video_keeping(bool on);
  // The clinic's interval between a plate's known-mass checks (days), as last loaded.
  int mass_check_interval_days() const { return mass_check_interval_days_; }

  // Loads a patient's history; the view shows `history()` once it has arrived.
  void open_patient(const std::string& code);
  const std::optional<PatientHistory>& history() const { return history_; }
  const std::string& open_code() const { return open_code_; }
  bool loading() const { return pending_ > 0; }
  const std::string& error() const { return error_; }

  // A stored trial's recording, decoded, handed to `then` on the UI thread.
  void load_recording(std::int64_t trial_id, std::function<void(Result<Recording>)> then);
  // Any other job on the worker (e.g. writing a test sheet); `then` runs on the UI thread.
  void run(std::function<Result<std::string>(store::Store&)> job,
           std::function<void(Result<std::string>)> then);

  // The clinic's header and paper for the sheets it writes (from the dashboard settings), and
  // what the clinician sets for the next sheet.
  struct SheetLook {
    std::string clinic;  // empty: "Stance clinic"
    std::string logo;    // PNG path, or empty
    bool letter = false;
    std::string comment;        // printed in the sheet's comment box
    bool pseudonymise = false;  // leave out the name and birth year
    std::string folder;         // where sheets go; empty: "sheets" beside the store
  } sheet;
  std::filesystem::path last_sheet;  // the PDF written last, for "Open" and "Print"

  std::string notice;  // the last action's outcome, for the history view
  std::string chart;   // the metric the history view charts (its progress_title)

  // The visits the history view compares (visit ids, at most two, in the order ticked).
  std::vector<std::int64_t> compared;
  void toggle_compared(std::int64_t visit_id);

 private:
  void post(StoreWorker::Job job);

  StoreWorker* worker_;
  std::vector<PatientRow> patients_;
  bool video_keeping_ = false;
  int mass_check_interval_days_ = kDefaultMassCheckIntervalDays;
  std::optional<PatientHistory> history_;
  std::string open_code_, error_;
  int pending_ = 0;
};

// The mean of a key figure (core/key_figures.hpp key) for one side at the patient's latest visit
// other than `this_visit` that measured it, or none.
const store::VisitPoint* last_visit_point(const PatientHistory& h, Task task, Eyes eyes,
                                          const std::string& key_figure, Limb limb,
                                          std::int64_t this_visit);

// A patient's whole history from the store, with progress over the visits (worker thread).
Result<PatientHistory> load_patient_history(const store::Store& store, const std::string& code);

}  // namespace stance::app
