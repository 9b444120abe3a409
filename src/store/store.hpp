#pragma once
// The clinic's history: one SQLite file (WAL, foreign keys, owner-only), a schema version with
// migrations, every write in one transaction, prepared statements only. docs/store.md.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "store/model.hpp"
#include "store/sqlite_db.hpp"
#include "support/atomic_file.hpp"
#include "support/result.hpp"

namespace stance::store {

enum class OpenMode {
  kReadWrite,  // creates the file (mode 0600) when missing and upgrades the schema
  kReadOnly,   // an existing store, never written (e.g. a file to import)
  kFillEmpty,  // an empty file the caller just made for a new store (write_store_file's)
};

class Store {
 public:
  // A store whose schema is newer than this build's is refused and left untouched: it is only
  // ever opened read-only to read its version.
  static Result<Store> open(const std::filesystem::path& path,
                            OpenMode mode = OpenMode::kReadWrite);

  const std::filesystem::path& path() const { return path_; }
  const Db& db() const { return db_; }

  // Patients. Errors name the patient and say what to do (unknown code, duplicate code,
  // impossible height, mass or birth year).
  Result<std::int64_t> add_patient(const Patient& patient);
  Status update_patient(const Patient& patient);  // by id; the code may change if still unique
  Result<Patient> patient(const std::string& code) const;
  Result<Patient> patient_by_id(std::int64_t id) const;
  Result<std::vector<Patient>> patients() const;

  // Protocols (the built-in ones written on opening, from core/test_protocol.cpp).
  Result<std::vector<Protocol>> protocols() const;
  Result<Protocol> protocol(const std::string& name) const;
  Result<std::int64_t> add_protocol(const Protocol& protocol);

  // Sessions, oldest first. A new session joins its patient's visit of its local day (made
  // when it is the day's first): a visit is everything one patient does on one day.
  Result<std::int64_t> add_session(const Session& session);
  // Takes back a session that got no trial (its first trial failed); one with trials stays.
  Status remove_session_if_empty(std::int64_t id);
  Result<Session> session(std::int64_t id) const;
  Result<std::vector<Session>> sessions(std::int64_t patient_id) const;

  // Visits, oldest first, and a visit's sessions in the order they began.
  Result<Visit> visit(std::int64_t id) const;
  Result<std::vector<Visit>> visits(std::int64_t patient_id) const;
  Result<std::vector<Session>> visit_sessions(std::int64_t visit_id) const;

  // A trial with its raw recording (a Stance trial file's bytes) and its results, committed
  // together in one transaction: either all of it is saved or nothing.
  Result<std::int64_t> add_trial(const Trial& trial, std::span<const std::uint8_t> recording);
  Result<std::vector<Trial>> trials(std::int64_t session_id) const;
  Result<Trial> trial(std::int64_t id) const;
  Result<std::vector<Metric>> metrics(std::int64_t trial_id) const;
  // The recording's bytes, checked against the checksum saved with them.
  Result<std::vector<std::uint8_t>> recording(std::int64_t trial_id) const;
  // Replaces a trial's results; the replaced ones go to analysis_history with their version.
  Status replace_results(std::int64_t trial_id, const TrialResults& results);
  Result<std::vector<std::int64_t>> trial_ids(std::int64_t patient_id) const;  // 0: all patients
  Result<int> analysis_history_count(std::int64_t trial_id) const;

  // Every stored metric of a patient, by session date; `metric` empty: all of them.
  Result<std::vector<HistoryRow>> history(std::int64_t patient_id,
                                          const std::string& metric = "") const;

  // Video keeping (store/videos.cpp, docs/store.md "Videos"): off unless the clinic switches it
  // on, and then only for patients whose consent is recorded. The videos are files in
  // video_folder() (owner-only), deleted with their patient or when consent is withdrawn.
  Status set_video_keeping(bool on);
  Result<bool> video_keeping() const;
  Status record_video_consent(std::int64_t patient_id, const std::string& recorded_by);
  // Withdraws the consent and deletes the patient's kept videos.
  Status withdraw_video_consent(std::int64_t patient_id);
  // When the patient's consent was recorded (ISO 8601 UTC); nullopt: none.
  Result<std::optional<std::string>> video_consent(std::int64_t patient_id) const;
  // Keeping on and the patient consented: a video of this patient's trials may be kept.
  Result<bool> keeps_video_of(std::int64_t patient_id) const;
  std::filesystem::path video_folder() const;
  // Where a trial's video goes: the folder made owner-only if new; a file that is there
  // already is refused (nothing is replaced).
  Result<std::filesystem::path> new_video_path(std::int64_t trial_id) const;
  Status add_trial_video(const TrialVideo& video);
  Result<std::vector<TrialVideo>> videos(std::int64_t patient_id) const;

  // The clinic's interval between a plate's known-mass checks (store/clinic_settings.cpp): 1 to
  // 365 days, kDefaultMassCheckIntervalDays when never set; a plate checked longer ago is not
  // verified (docs/calibration.md).
  Status set_mass_check_interval_days(int days);
  Result<int> mass_check_interval_days() const;

  // Deletes a patient and everything recorded of them (sessions, trials, recordings, results,
  // consent), then their kept video files.
  Status delete_patient(std::int64_t patient_id);

  // A consistent copy of the whole store while it may be in use (SQLite's online backup), to a
  // file created owner-only, whole or not at all (write_store_file). An existing `out` is
  // refused unless `options` allow replacing it; this store's own files never are.
  Status backup_to(const std::filesystem::path& out, WriteOptions options = {}) const;

 private:
  Store(Db db, std::filesystem::path path) : db_(std::move(db)), path_(std::move(path)) {}
  Db db_;
  std::filesystem::path path_;
};

// Checks a patient's fields; the error says which field and the allowed range.
Status validate_patient(const Patient& patient);

// A store's files: the database and its -wal, -shm and -journal files (which may not exist).
std::vector<std::filesystem::path> store_files(const std::filesystem::path& path);
// Removes a store file and its -wal, -shm and -journal files.
void remove_store_files(const std::filesystem::path& path);

// Creates `path` empty with mode 0600, failing if it exists (so nothing is overwritten).
Status create_owner_only_file(const std::filesystem::path& path);

}  // namespace stance::store
