// Video keeping: the clinic's switch, each patient's recorded consent, and the trial videos kept
// as files beside the store (docs/store.md, "Videos").
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "store/rows.hpp"
#include "store/sql_time.hpp"
#include "store/store.hpp"

namespace stance::store {
namespace {

constexpr const char* kVideoKeeping = "video_keeping";

// Removes the files; the error lists the ones that could not be removed.
Status remove_video_files(const std::filesystem::path& folder,
                          const std::vector<TrialVideo>& videos) {
  std::string failed;
  for (const TrialVideo& v : videos) {
    std::error_code ec;
    std::filesystem::remove(folder / v.file, ec);
    if (ec)
      failed +=
          (failed.empty() ? "" : ", ") + (folder / v.file).string() + " (" + ec.message() + ")";
  }
  if (failed.empty()) return {};
  return Error{"could not delete the kept video(s) " + failed + ": delete them by hand"};
}

}  // namespace

Status Store::set_video_keeping(bool on) {
  return set_clinic_setting(db_, kVideoKeeping, on ? "on" : "off");
}

Result<bool> Store::video_keeping() const {
  const auto value = clinic_setting(db_, kVideoKeeping);
  if (!value) return value.error();
  return *value == std::optional<std::string>("on");
}

Status Store::record_video_consent(std::int64_t patient_id, const std::string& recorded_by) {
  if (const auto p = patient_by_id(patient_id); !p) return p.error();
  auto s = db_.prepare(
      "INSERT INTO video_consent (patient_id, recorded_utc, recorded_by) "
      "VALUES (?1, " STANCE_SQL_UTC_NOW ", ?2) ON CONFLICT (patient_id) DO NOTHING");
  if (!s) return s.error();
  s->bind(1, patient_id).bind(2, recorded_by);
  return s->run();
}

Status Store::withdraw_video_consent(std::int64_t patient_id) {
  const auto kept = videos(patient_id);
  if (!kept) return kept.error();
  {
    auto tx = Transaction::begin(db_);
    if (!tx) return tx.error();
    auto s = db_.prepare("DELETE FROM video_consent WHERE patient_id = ?1");
    if (!s) return s.error();
    s->bind(1, patient_id);
    if (Status st = s->run(); !st) return st;
    auto v = db_.prepare(
        "DELETE FROM trial_video WHERE trial_id IN (SELECT t.id FROM trial t "
        "JOIN session s ON s.id = t.session_id WHERE s.patient_id = ?1)");
    if (!v) return v.error();
    v->bind(1, patient_id);
    if (Status st = v->run(); !st) return st;
    if (Status st = tx->commit(); !st) return st;
  }
  return remove_video_files(video_folder(), *kept);
}

Result<std::optional<std::string>> Store::video_consent(std::int64_t patient_id) const {
  auto s = db_.prepare("SELECT recorded_utc FROM video_consent WHERE patient_id = ?1");
  if (!s) return s.error();
  s->bind(1, patient_id);
  const auto row = s->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(s->text(0));
}

Result<bool> Store::keeps_video_of(std::int64_t patient_id) const {
  const auto on = video_keeping();
  if (!on || !*on) return on;
  const auto consent = video_consent(patient_id);
  if (!consent) return consent.error();
  return consent->has_value();
}

std::filesystem::path Store::video_folder() const {
  return path_.string() + ".videos";
}

Result<std::filesystem::path> Store::new_video_path(std::int64_t trial_id) const {
  const std::filesystem::path folder = video_folder();
  if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
    return Error{"cannot make the video folder " + folder.string() + ": " + std::strerror(errno) +
                 " (check the disk and the folder's permissions)"};
  }
  struct stat st {};
  if (::lstat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Error{folder.string() + " is not a folder: move it away so videos can be kept"};
  }
  if ((st.st_mode & 077) != 0 && ::chmod(folder.c_str(), 0700) != 0) {
    return Error{"cannot make " + folder.string() + " owner-only: " + std::strerror(errno)};
  }
  const std::filesystem::path file = folder / ("trial-" + std::to_string(trial_id) + ".avi");
  std::error_code ec;
  if (std::filesystem::symlink_status(file, ec).type() != std::filesystem::file_type::not_found) {
    return Error{file.string() + " is there already and is not replaced: move it away"};
  }
  return file;
}

Status Store::add_trial_video(const TrialVideo& video) {
  auto s = db_.prepare(
      "INSERT INTO trial_video (trial_id, file, frames, seconds) VALUES (?1, ?2, ?3, ?4)");
  if (!s) return s.error();
  s->bind(1, video.trial_id).bind(2, video.file).bind(3, video.frames).bind(4, video.seconds);
  return s->run();
}

Result<std::vector<TrialVideo>> Store::videos(std::int64_t patient_id) const {
  auto s = db_.prepare(
      "SELECT v.trial_id, v.file, v.frames, v.seconds FROM trial_video v "
      "JOIN trial t ON t.id = v.trial_id JOIN session s ON s.id = t.session_id "
      "WHERE s.patient_id = ?1 ORDER BY v.trial_id");
  if (!s) return s.error();
  s->bind(1, patient_id);
  return all_rows(*s, [](const Statement& r) {
    return TrialVideo{r.integer(0), r.text(1), r.integer(2), r.real(3)};
  });
}

Status Store::delete_patient(std::int64_t patient_id) {
  if (const auto p = patient_by_id(patient_id); !p) return p.error();
  const auto kept = videos(patient_id);
  if (!kept) return kept.error();
  {
    auto tx = Transaction::begin(db_);
    if (!tx) return tx.error();
    // Sessions, trials, recordings, metrics, history, consent and video rows go by cascade.
    auto s = db_.prepare("DELETE FROM patient WHERE id = ?1");
    if (!s) return s.error();
    s->bind(1, patient_id);
    if (Status st = s->run(); !st) return st;
    if (Status st = tx->commit(); !st) return st;
  }
  return remove_video_files(video_folder(), *kept);
}

}  // namespace stance::store
