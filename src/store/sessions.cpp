// Sessions: one visit of one patient.
#include "store/rows.hpp"
#include "store/sql_time.hpp"
#include "store/store.hpp"

namespace stance::store {
namespace {

constexpr const char* kSessionColumns =
    "SELECT id, patient_id, started_utc, clinician, plate_serial, protocol, notes FROM session ";

Session session_from(const Statement& s) {
  return Session{s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)};
}

}  // namespace

Result<std::int64_t> insert_session_row(const Db& db, const Session& session) {
  auto s = db.prepare(
      "INSERT INTO session (patient_id, clinician, plate_serial, protocol, notes, started_utc) "
      "VALUES (?1, ?2, ?3, ?4, ?5, " STANCE_SQL_OR_NOW("?6") ")");
  if (!s) return s.error();
  s->bind(1, session.patient_id).bind(2, session.clinician).bind(3, session.plate_serial);
  s->bind(4, session.protocol).bind(5, session.notes).bind(6, session.started_utc);
  if (Status st = s->run(); !st) return st.error();
  return db.last_insert_id();
}

Result<std::int64_t> Store::add_session(const Session& session) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  if (!patient_by_id(session.patient_id)) {
    return Error{"no patient with id " + std::to_string(session.patient_id)};
  }
  const auto id = insert_session_row(db_, session);
  if (!id) return id.error();
  if (Status st = tx->commit(); !st) return st.error();
  return id;
}

Status Store::remove_session_if_empty(std::int64_t id) {
  auto s = db_.prepare(
      "DELETE FROM session WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM trial WHERE session_id = "
      "?1)");
  if (!s) return s.error();
  s->bind(1, id);
  return s->run();
}

Result<Session> Store::session(std::int64_t id) const {
  auto s = db_.prepare(std::string(kSessionColumns) + "WHERE id = ?1");
  if (!s) return s.error();
  s->bind(1, id);
  const auto row = s->step();
  if (!row) return row.error();
  if (!*row) return Error{"no session " + std::to_string(id) + "; see `stance session list`"};
  return session_from(*s);
}

Result<std::vector<Session>> Store::sessions(std::int64_t patient_id) const {
  auto s =
      db_.prepare(std::string(kSessionColumns) + "WHERE patient_id = ?1 ORDER BY started_utc, id");
  if (!s) return s.error();
  s->bind(1, patient_id);
  return all_rows(*s, session_from);
}

}  // namespace stance::store
