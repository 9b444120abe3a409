#include "store/transfer.hpp"

#include <system_error>

#include "store/rows.hpp"

namespace stance::store {
namespace {

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
    const auto sid = insert_session_row(to, session);
    if (!sid) return sid.error();
    const auto trials = from.trials(old_session);
    if (!trials) return trials.error();
    for (Trial trial : *trials) {
      const auto bytes = from.recording(trial.id);
      if (!bytes) return bytes.error();
      const auto metrics = from.metrics(trial.id);
      if (!metrics) return metrics.error();
      trial.results.metrics = *metrics;
      trial.session_id = *sid;
      if (const auto tid = insert_trial_rows(to, trial, *bytes); !tid) return tid.error();
    }
  }
  return pid;
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

Status export_patient(const Store& from, const std::string& code,
                      const std::filesystem::path& out) {
  std::error_code ec;
  if (std::filesystem::exists(out, ec)) {
    return Error{out.string() + " already exists; an export never overwrites a file"};
  }
  if (const auto patient = from.patient(code); !patient) return patient.error();
  Status result;
  {
    auto target = Store::open(out);
    if (!target) return target.error();
    if (const auto id = copy_patient(from, code, *target); !id) result = id.error();
  }  // closed here: the log is checkpointed into the one file
  if (!result) remove_store_files(out);
  return result;
}

Result<std::vector<std::string>> import_patients(const std::filesystem::path& file, Store& to) {
  auto from = Store::open(file, OpenMode::kReadOnly);
  if (!from) return from.error();
  const auto patients = from->patients();
  if (!patients) return patients.error();
  if (patients->empty()) return Error{file.string() + " holds no patient"};
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
