// Trials: the raw recording with its checksum, the results and the metric rows, always together.
#include "store/crc32c.hpp"
#include "store/rows.hpp"
#include "store/sql_time.hpp"
#include "store/store.hpp"

namespace stance::store {
namespace {

constexpr const char* kTrialColumns =
    "SELECT id, session_id, limb, task, eyes, attempt, recorded_utc, recorded_by, "
    "software_version, analysed_utc, valid, verdict, events_json, analysis_json FROM trial ";

Trial trial_from(const Statement& s) {
  Trial t;
  t.id = s.integer(0);
  t.session_id = s.integer(1);
  parse_limb(s.text(2), t.limb);
  parse_task(s.text(3), t.task);
  parse_eyes(s.text(4), t.eyes);
  t.attempt = static_cast<int>(s.integer(5));
  t.recorded_utc = s.text(6);
  t.recorded_by = s.text(7);
  t.results.software_version = s.text(8);
  t.results.analysed_utc = s.text(9);
  t.results.valid = s.integer(10) != 0;
  t.results.verdict = s.text(11);
  t.results.events_json = s.text(12);
  t.results.analysis_json = s.text(13);
  return t;
}

Status check_trial(const Trial& t) {
  if (t.limb == Limb::kUnspecified) return Error{"a stored trial needs its limb (left or right)"};
  if (t.task == Task::kUnspecified) return Error{"a stored trial needs its task (stance or squat)"};
  if (t.attempt < 1) return Error{"a trial's attempt number starts at 1"};
  if (t.results.software_version.empty()) return Error{"results need the software version"};
  return {};
}

Status insert_metrics(const Db& db, std::int64_t trial_id, const std::vector<Metric>& metrics) {
  auto s = db.prepare("INSERT INTO metric (trial_id, key, value, unit) VALUES (?1, ?2, ?3, ?4)");
  if (!s) return s.error();
  for (const Metric& m : metrics) {
    s->reset();
    s->bind(1, trial_id).bind(2, m.key).bind(3, m.value).bind(4, m.unit);
    if (Status st = s->run(); !st) return Error{"metric " + m.key + ": " + st.error().message};
  }
  return {};
}

HistoryRow history_row_from(const Statement& s) {
  HistoryRow h;
  h.visit_id = s.integer(0);
  h.visit_utc = s.text(1);
  h.session_id = s.integer(2);
  h.trial_id = s.integer(3);
  parse_limb(s.text(4), h.limb);
  parse_task(s.text(5), h.task);
  parse_eyes(s.text(6), h.eyes);
  h.attempt = static_cast<int>(s.integer(7));
  h.valid = s.integer(8) != 0;
  h.key = s.text(9);
  h.value = s.real(10);
  h.unit = s.text(11);
  return h;
}

}  // namespace

Result<std::int64_t> insert_trial_rows(const Db& db, const Trial& t,
                                       std::span<const std::uint8_t> recording) {
  if (Status s = check_trial(t); !s) return s.error();
  if (recording.empty()) return Error{"a stored trial needs its recording"};
  auto s = db.prepare(
      "INSERT INTO trial (session_id, limb, task, eyes, attempt, recorded_utc, recorded_by, "
      "software_version, analysed_utc, valid, verdict, events_json, analysis_json) VALUES "
      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " STANCE_SQL_OR_NOW("?9") ", ?10, ?11, ?12, ?13)");
  if (!s) return s.error();
  const TrialResults& r = t.results;
  s->bind(1, t.session_id).bind(2, to_string(t.limb)).bind(3, to_string(t.task));
  s->bind(4, to_string(t.eyes)).bind(5, t.attempt).bind(6, t.recorded_utc).bind(7, t.recorded_by);
  s->bind(8, r.software_version).bind(9, r.analysed_utc).bind(10, r.valid ? 1 : 0);
  s->bind(11, r.verdict).bind(12, r.events_json).bind(13, r.analysis_json);
  if (Status st = s->run(); !st) {
    return Error{"trial " + std::string(to_string(t.task)) + " " + to_string(t.limb) + " attempt " +
                 std::to_string(t.attempt) + ": " + st.error().message};
  }
  const std::int64_t id = db.last_insert_id();
  auto rec =
      db.prepare("INSERT INTO recording (trial_id, size, crc32c, bytes) VALUES (?1, ?2, ?3, ?4)");
  if (!rec) return rec.error();
  rec->bind(1, id).bind(2, static_cast<std::int64_t>(recording.size()));
  rec->bind(3, static_cast<std::int64_t>(crc32c(recording))).bind_blob(4, recording);
  if (Status st = rec->run(); !st) return st.error();
  if (Status st = insert_metrics(db, id, r.metrics); !st) return st.error();
  return id;
}

Result<std::int64_t> Store::add_trial(const Trial& t, std::span<const std::uint8_t> recording) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  if (!session(t.session_id)) return Error{"no session " + std::to_string(t.session_id)};
  const auto id = insert_trial_rows(db_, t, recording);
  if (!id) return id.error();
  if (Status st = tx->commit(); !st) return st.error();
  return id;
}

Result<std::vector<Metric>> Store::metrics(std::int64_t trial_id) const {
  auto s = db_.prepare("SELECT key, value, unit FROM metric WHERE trial_id = ?1 ORDER BY key");
  if (!s) return s.error();
  s->bind(1, trial_id);
  return all_rows(*s, [](const Statement& row) {
    return Metric{row.text(0), row.real(1), row.text(2)};
  });
}

Result<std::vector<Trial>> Store::trials(std::int64_t session_id) const {
  auto s = db_.prepare(std::string(kTrialColumns) +
                       "WHERE session_id = ?1 ORDER BY task, eyes DESC, attempt, limb");
  if (!s) return s.error();
  s->bind(1, session_id);
  return all_rows(*s, trial_from);
}

Result<Trial> Store::trial(std::int64_t id) const {
  auto s = db_.prepare(std::string(kTrialColumns) + "WHERE id = ?1");
  if (!s) return s.error();
  s->bind(1, id);
  const auto row = s->step();
  if (!row) return row.error();
  if (!*row) return Error{"no trial " + std::to_string(id)};
  return trial_from(*s);
}

Result<std::vector<std::uint8_t>> Store::recording(std::int64_t trial_id) const {
  auto s = db_.prepare("SELECT size, crc32c, bytes FROM recording WHERE trial_id = ?1");
  if (!s) return s.error();
  s->bind(1, trial_id);
  const auto row = s->step();
  if (!row) return row.error();
  if (!*row) return Error{"trial " + std::to_string(trial_id) + " has no recording"};
  std::vector<std::uint8_t> bytes = s->blob(2);
  if (static_cast<std::int64_t>(bytes.size()) != s->integer(0) ||
      static_cast<std::int64_t>(crc32c(bytes)) != s->integer(1)) {
    return Error{"the recording of trial " + std::to_string(trial_id) +
                 " is damaged (checksum mismatch); restore the store from a backup"};
  }
  return bytes;
}

Status Store::replace_results(std::int64_t trial_id, const TrialResults& r) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto keep = db_.prepare(
      "INSERT INTO analysis_history (trial_id, software_version, analysed_utc, replaced_utc, "
      "valid, verdict, analysis_json) SELECT id, software_version, "
      "analysed_utc, " STANCE_SQL_UTC_NOW
      ", valid, verdict, analysis_json FROM trial WHERE id = ?1");
  if (!keep) return keep.error();
  keep->bind(1, trial_id);
  if (Status s = keep->run(); !s) return s;
  if (db_.changes() != 1) return Error{"no trial " + std::to_string(trial_id)};
  auto update =
      db_.prepare("UPDATE trial SET software_version = ?1, analysed_utc = " STANCE_SQL_OR_NOW(
          "?2") ", valid = ?3, verdict = ?4, events_json = ?5, analysis_json = ?6 WHERE id = ?7");
  if (!update) return update.error();
  update->bind(1, r.software_version).bind(2, r.analysed_utc).bind(3, r.valid ? 1 : 0);
  update->bind(4, r.verdict).bind(5, r.events_json).bind(6, r.analysis_json).bind(7, trial_id);
  if (Status s = update->run(); !s) return s;
  auto clear = db_.prepare("DELETE FROM metric WHERE trial_id = ?1");
  if (!clear) return clear.error();
  clear->bind(1, trial_id);
  if (Status s = clear->run(); !s) return s;
  if (Status s = insert_metrics(db_, trial_id, r.metrics); !s) return s;
  return tx->commit();
}

Result<std::vector<std::int64_t>> Store::trial_ids(std::int64_t patient_id) const {
  auto s = patient_id == 0
               ? db_.prepare("SELECT id FROM trial ORDER BY id")
               : db_.prepare(
                     "SELECT trial.id FROM trial JOIN session ON session.id = trial.session_id "
                     "WHERE session.patient_id = ?1 ORDER BY trial.id");
  if (!s) return s.error();
  if (patient_id != 0) s->bind(1, patient_id);
  return all_rows(*s, [](const Statement& row) { return row.integer(0); });
}

Result<int> Store::analysis_history_count(std::int64_t trial_id) const {
  auto s = db_.prepare("SELECT count(*) FROM analysis_history WHERE trial_id = ?1");
  if (!s) return s.error();
  s->bind(1, trial_id);
  const auto row = s->step();
  if (!row) return row.error();
  return static_cast<int>(s->integer(0));
}

Result<std::vector<HistoryRow>> Store::history(std::int64_t patient_id,
                                               const std::string& metric) const {
  auto s = db_.prepare(
      "SELECT visit.id, visit.started_utc, session.id, trial.id, trial.limb, trial.task, "
      "trial.eyes, trial.attempt, trial.valid, metric.key, metric.value, metric.unit "
      "FROM visit JOIN session ON session.visit_id = visit.id "
      "JOIN trial ON trial.session_id = session.id "
      "JOIN metric ON metric.trial_id = trial.id "
      "WHERE visit.patient_id = ?1 AND (?2 = '' OR metric.key = ?2) "
      "ORDER BY visit.started_utc, visit.id, session.started_utc, session.id");
  if (!s) return s.error();
  s->bind(1, patient_id).bind(2, metric);
  return all_rows(*s, history_row_from);
}

}  // namespace stance::store
