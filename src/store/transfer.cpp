#include "store/transfer.hpp"

#include <system_error>

#include "recording/trial_file.hpp"
#include "store/rows.hpp"
#include "store/store_file.hpp"

namespace stance::store {
namespace {

// The definition of a protocol a session used, when the target does not know it by that name
// (a clinic's own protocol travels with the record that used it).
Status copy_protocol(const Store& from, const std::string& name, const Db& to) {
  if (name.empty()) return {};
  auto known = to.prepare("SELECT 1 FROM protocol WHERE name = ?1");
  if (!known) return known.error();
  known->bind(1, name);
  const auto row = known->step();
  if (!row) return row.error();
  if (*row) return {};
  const auto protocol = from.protocol(name);
  if (!protocol) return {};  // recorded under a protocol the source no longer defines
  const auto id = insert_protocol_row(to, *protocol);
  return id ? Status{} : Status{id.error()};
}

// The earlier analyses of a trial (re-analysis keeps them with their software version).
Status copy_analysis_history(const Db& from, std::int64_t from_trial, const Db& to,
                             std::int64_t to_trial) {
  auto read = from.prepare(
      "SELECT software_version, analysed_utc, replaced_utc, valid, verdict, analysis_json "
      "FROM analysis_history WHERE trial_id = ?1 ORDER BY id");
  if (!read) return read.error();
  read->bind(1, from_trial);
  auto write = to.prepare(
      "INSERT INTO analysis_history (trial_id, software_version, analysed_utc, replaced_utc, "
      "valid, verdict, analysis_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!write) return write.error();
  for (;;) {
    const auto row = read->step();
    if (!row) return row.error();
    if (!*row) return {};
    write->reset();
    write->bind(1, to_trial).bind(2, read->text(0)).bind(3, read->text(1)).bind(4, read->text(2));
    write->bind(5, read->integer(3)).bind(6, read->text(4)).bind(7, read->text(5));
    if (Status s = write->run(); !s) return s;
  }
}

// Everything of one patient into `to`; the caller holds the transaction.
Result<std::int64_t> copy_rows(const Store& from, const Patient& patient, const Db& to) {
  Patient p = patient;
  p.id = 0;
  const auto pid = insert_patient_row(to, p);
  if (!pid) return pid.error();
  const auto sessions = from.sessions(patient.id);
  if (!sessions) return sessions.error();
  for (Session session : *sessions) {
    const std::int64_t old_session = session.id;
    session.patient_id = *pid;
    if (Status s = copy_protocol(from, session.protocol, to); !s) return s.error();
    const auto sid = insert_session_row(to, session);
    if (!sid) return sid.error();
    const auto trials = from.trials(old_session);
    if (!trials) return trials.error();
    for (Trial trial : *trials) {
      const auto bytes = from.recording(trial.id);
      if (!bytes) return bytes.error();
      // A checksum only says the bytes are as written: every recording must also decode, or a
      // damaged or hostile bundle would poison the store's reports and re-analyses later.
      const auto decoded =
          decode_trial(*bytes, "the recording of trial " + std::to_string(trial.id) + " (session " +
                                   std::to_string(old_session) + ")");
      if (!decoded) return decoded.error();
      const auto metrics = from.metrics(trial.id);
      if (!metrics) return metrics.error();
      trial.results.metrics = *metrics;
      trial.session_id = *sid;
      const std::int64_t old_trial = trial.id;
      const auto tid = insert_trial_rows(to, trial, *bytes);
      if (!tid) return tid.error();
      if (Status s = copy_analysis_history(from.db(), old_trial, to, *tid); !s) return s.error();
    }
  }
  return pid;
}

// A bundle's values are checked as its recordings are: SQLite keeps whatever a column is given
// ('abc' in a REAL column, `garbage"<>` as a date), so a hand-edited or hostile bundle would put
// into the store figures and dates that reports and the history then show as if measured.
// ISO 8601 UTC as Stance writes it (2026-11-25T14:19:10Z, fractions of a second allowed).
constexpr const char* kNotUtcDate =
    "(%1 NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z' "
    "OR length(%1) > 30 OR julianday(substr(%1, 1, 19)) IS NULL)";

struct DateColumn {
  const char* table;
  const char* column;
  bool may_be_empty;
};
constexpr DateColumn kDateColumns[] = {
    {"patient", "created_utc", false},
    {"session", "started_utc", false},
    {"trial", "recorded_utc", true},
    {"trial", "analysed_utc", false},
    {"analysis_history", "analysed_utc", false},
    {"analysis_history", "replaced_utc", false},
};

std::string with_column(std::string sql, const std::string& column) {
  for (auto at = sql.find("%1"); at != std::string::npos; at = sql.find("%1", at)) {
    sql.replace(at, 2, column);
  }
  return sql;
}

Status check_bundle_values(const Db& from) {
  // Figures are finite numbers a measurement can give; SQLite stores no NaN.
  auto metric = from.prepare(
      "SELECT trial_id, key, quote(value) FROM metric WHERE typeof(value) NOT IN ('real', "
      "'integer') OR abs(value) > 1e12 LIMIT 1");
  if (!metric) return metric.error();
  const auto bad_metric = metric->step();
  if (!bad_metric) return bad_metric.error();
  if (*bad_metric) {
    return Error{"trial " + std::to_string(metric->integer(0)) + " holds " + metric->text(1) +
                 " = " + metric->text(2) + ", which no measurement gives"};
  }
  for (const DateColumn& d : kDateColumns) {
    const std::string column = d.column;
    std::string where = with_column(kNotUtcDate, column);
    if (d.may_be_empty) where = "(" + column + " <> '' AND " + where + ")";
    auto date =
        from.prepare("SELECT id, " + column + " FROM " + d.table + " WHERE " + where + " LIMIT 1");
    if (!date) return date.error();
    const auto bad_date = date->step();
    if (!bad_date) return bad_date.error();
    if (*bad_date) {
      return Error{std::string(d.table) + " " + std::to_string(date->integer(0)) + " has " +
                   column + " '" + date->text(1) + "', not a date (e.g. 2026-11-25T14:19:10Z)"};
    }
  }
  return {};
}

}  // namespace

Result<std::int64_t> copy_patient(const Store& from, const std::string& code, Store& to) {
  const auto patient = from.patient(code);
  if (!patient) return patient.error();
  auto tx = Transaction::begin(to.db());
  if (!tx) return tx.error();
  const auto id = copy_rows(from, *patient, to.db());
  if (!id) return id.error();
  if (Status s = tx->commit(); !s) return s.error();
  return id;
}

Status export_patient(const Store& from, const std::string& code, const std::filesystem::path& out,
                      WriteOptions options) {
  if (const auto patient = from.patient(code); !patient) return patient.error();
  for (auto& file : store_files(from.path())) options.never_replace.push_back(std::move(file));
  return write_store_file(out, "export", options, [&](const std::filesystem::path& temporary) {
    auto target = Store::open(temporary, OpenMode::kFillEmpty);
    if (!target) return Status{target.error()};
    const auto id = copy_patient(from, code, *target);
    return id ? Status{} : Status{id.error()};
  });  // the store is closed before it is checked: its log is checkpointed into the one file
}

Result<std::vector<std::string>> import_patients(const std::filesystem::path& file, Store& to) {
  auto from = Store::open(file, OpenMode::kReadOnly);
  if (!from) return from.error();
  const auto patients = from->patients();
  if (!patients) return patients.error();
  if (patients->empty()) return Error{file.string() + " holds no patient"};
  if (Status s = check_bundle_values(from->db()); !s) {
    return Error{file.string() + " was refused, nothing was imported: " + s.error().message};
  }
  auto tx = Transaction::begin(to.db());
  if (!tx) return tx.error();
  std::vector<std::string> codes;
  for (const Patient& p : *patients) {
    if (const auto id = copy_rows(*from, p, to.db()); !id) {
      return Error{"import of " + p.code + " refused, nothing was imported: " + id.error().message};
    }
    codes.push_back(p.code);
  }
  if (Status s = tx->commit(); !s) return s.error();
  return codes;
}

}  // namespace stance::store
