// Sessions (one run of one protocol) and the visits they make up (a patient's day).
#include "store/rows.hpp"
#include "store/sql_time.hpp"
#include "store/store.hpp"

namespace stance::store {
namespace {

constexpr const char* kSessionColumns =
    "SELECT id, patient_id, started_utc, clinician, plate_serial, protocol, notes, "
    "COALESCE(visit_id, 0) FROM session ";

Session session_from(const Statement& s) {
  return Session{s.integer(0), s.integer(1), s.text(2), s.text(3),
                 s.text(4),    s.text(5),    s.text(6), s.integer(7)};
}

constexpr const char* kVisitColumns = "SELECT id, patient_id, local_date, started_utc FROM visit ";

Visit visit_from(const Statement& s) {
  return Visit{s.integer(0), s.integer(1), s.text(2), s.text(3)};
}

// Puts a just-inserted session into its patient's visit of the session's local day, making the
// visit if it is the day's first session; a session earlier than the visit's start moves it.
Status join_visit(const Db& db, std::int64_t session_id) {
  auto make = db.prepare(
      "INSERT INTO visit (patient_id, local_date, started_utc) SELECT patient_id, "
      "date(started_utc, 'localtime'), started_utc FROM session WHERE id = ?1 "
      "ON CONFLICT (patient_id, local_date) DO UPDATE SET started_utc = "
      "min(visit.started_utc, excluded.started_utc)");
  if (!make) return make.error();
  make->bind(1, session_id);
  if (Status st = make->run(); !st) {
    return Error{"session " + std::to_string(session_id) +
                 " has no readable start time, so it belongs to no visit: " + st.error().message};
  }
  auto link = db.prepare(
      "UPDATE session SET visit_id = (SELECT visit.id FROM visit WHERE visit.patient_id = "
      "session.patient_id AND visit.local_date = date(session.started_utc, 'localtime')) "
      "WHERE id = ?1");
  if (!link) return link.error();
  link->bind(1, session_id);
  return link->run();
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
  const std::int64_t id = db.last_insert_id();
  if (Status st = join_visit(db, id); !st) return st.error();
  return id;
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
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto visit = db_.prepare("SELECT COALESCE(visit_id, 0) FROM session WHERE id = ?1");
  if (!visit) return visit.error();
  visit->bind(1, id);
  const auto found = visit->step();
  if (!found) return found.error();
  const std::int64_t visit_id = *found ? visit->integer(0) : 0;
  auto s = db_.prepare(
      "DELETE FROM session WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM trial WHERE session_id = "
      "?1)");
  if (!s) return s.error();
  s->bind(1, id);
  if (Status st = s->run(); !st) return st;
  // The visit goes with its last session: a day with nothing recorded is no visit.
  auto empty = db_.prepare(
      "DELETE FROM visit WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM session WHERE visit_id = "
      "?1)");
  if (!empty) return empty.error();
  empty->bind(1, visit_id);
  if (Status st = empty->run(); !st) return st;
  return tx->commit();
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

Result<Visit> Store::visit(std::int64_t id) const {
  auto s = db_.prepare(std::string(kVisitColumns) + "WHERE id = ?1");
  if (!s) return s.error();
  s->bind(1, id);
  const auto row = s->step();
  if (!row) return row.error();
  if (!*row) {
    return Error{"no visit " + std::to_string(id) + "; `stance visit list PATIENT` shows them"};
  }
  return visit_from(*s);
}

Result<std::vector<Visit>> Store::visits(std::int64_t patient_id) const {
  auto s =
      db_.prepare(std::string(kVisitColumns) + "WHERE patient_id = ?1 ORDER BY started_utc, id");
  if (!s) return s.error();
  s->bind(1, patient_id);
  return all_rows(*s, visit_from);
}

Result<std::vector<Session>> Store::visit_sessions(std::int64_t visit_id) const {
  auto s =
      db_.prepare(std::string(kSessionColumns) + "WHERE visit_id = ?1 ORDER BY started_utc, id");
  if (!s) return s.error();
  s->bind(1, visit_id);
  return all_rows(*s, session_from);
}

}  // namespace stance::store
