#include "store/migrations.hpp"

#include <string>

namespace stance::store {
namespace {

// Schema 1: patients, protocols, sessions, trials, their raw recordings (kept apart so history
// queries never read blob pages) and key metrics. Stores made before 0.12 also got the built-in
// protocols here; now Store::open writes them from core/test_protocol.cpp, their one definition.
constexpr const char* kSchema1 = R"sql(
CREATE TABLE patient (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
  name TEXT NOT NULL DEFAULT '',
  birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2200),
  sex TEXT NOT NULL DEFAULT 'unspecified'
      CHECK (sex IN ('unspecified', 'female', 'male', 'other')),
  height_cm REAL CHECK (height_cm IS NULL OR height_cm BETWEEN 40 AND 260),
  mass_kg REAL CHECK (mass_kg IS NULL OR mass_kg BETWEEN 10 AND 350),
  involved_side TEXT NOT NULL DEFAULT 'unspecified'
      CHECK (involved_side IN ('unspecified', 'left', 'right')),
  notes TEXT NOT NULL DEFAULT '',
  created_utc TEXT NOT NULL
);
CREATE TABLE protocol (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  task TEXT NOT NULL CHECK (task IN ('stance', 'squat')),
  seconds REAL NOT NULL CHECK (seconds > 0 AND seconds <= 600),
  repetitions INTEGER NOT NULL DEFAULT 0 CHECK (repetitions BETWEEN 0 AND 20),
  trials_per_side INTEGER NOT NULL CHECK (trials_per_side BETWEEN 1 AND 10),
  eyes TEXT NOT NULL CHECK (eyes IN ('open', 'closed', 'open,closed')),
  description TEXT NOT NULL DEFAULT '',
  builtin INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE session (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  started_utc TEXT NOT NULL,
  clinician TEXT NOT NULL DEFAULT '',
  plate_serial TEXT NOT NULL DEFAULT '',
  protocol TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_by_patient ON session(patient_id, started_utc);
CREATE TABLE trial (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  limb TEXT NOT NULL CHECK (limb IN ('left', 'right')),
  task TEXT NOT NULL CHECK (task IN ('stance', 'squat')),
  eyes TEXT NOT NULL CHECK (eyes IN ('unspecified', 'open', 'closed')),
  attempt INTEGER NOT NULL CHECK (attempt >= 1),
  recorded_utc TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL DEFAULT '',
  software_version TEXT NOT NULL,
  analysed_utc TEXT NOT NULL,
  valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
  verdict TEXT NOT NULL DEFAULT '',
  events_json TEXT NOT NULL DEFAULT '[]',
  analysis_json TEXT NOT NULL DEFAULT '{}',
  UNIQUE (session_id, task, eyes, limb, attempt)
);
CREATE TABLE recording (
  trial_id INTEGER PRIMARY KEY REFERENCES trial(id) ON DELETE CASCADE,
  format TEXT NOT NULL DEFAULT 'stance-trial',
  size INTEGER NOT NULL,
  crc32c INTEGER NOT NULL,
  bytes BLOB NOT NULL
);
CREATE TABLE metric (
  trial_id INTEGER NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  PRIMARY KEY (trial_id, key)
) WITHOUT ROWID;
)sql";

// Schema 2: what re-analysis replaced, so every result ever shown stays traceable.
constexpr const char* kSchema2 = R"sql(
CREATE TABLE analysis_history (
  id INTEGER PRIMARY KEY,
  trial_id INTEGER NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
  software_version TEXT NOT NULL,
  analysed_utc TEXT NOT NULL,
  replaced_utc TEXT NOT NULL,
  valid INTEGER NOT NULL,
  verdict TEXT NOT NULL,
  analysis_json TEXT NOT NULL
);
CREATE INDEX analysis_history_by_trial ON analysis_history(trial_id);
)sql";

// Schema 3: video keeping (docs/store.md, "Videos"). The clinic's switch, each patient's
// recorded consent, and the video files kept beside the store for a trial (never in it: a
// store stays small, and a pseudonymised export never holds a picture).
constexpr const char* kSchema3 = R"sql(
CREATE TABLE clinic_setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE video_consent (
  patient_id INTEGER PRIMARY KEY REFERENCES patient(id) ON DELETE CASCADE,
  recorded_utc TEXT NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE trial_video (
  trial_id INTEGER PRIMARY KEY REFERENCES trial(id) ON DELETE CASCADE,
  file TEXT NOT NULL UNIQUE,
  frames INTEGER NOT NULL CHECK (frames > 0),
  seconds REAL NOT NULL CHECK (seconds >= 0)
);
)sql";

// Schema 4: visits (issue 16). A visit is everything one patient does on one day, whatever the
// protocols and however many times the dashboard was restarted: each session (one protocol run)
// belongs to the visit of its patient and local calendar day (the visit keeps its first session's
// start, the history's order). Existing sessions are grouped so.
constexpr const char* kSchema4 = R"sql(
CREATE TABLE visit (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
  local_date TEXT NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  started_utc TEXT NOT NULL,
  UNIQUE (patient_id, local_date)
);
ALTER TABLE session ADD COLUMN visit_id INTEGER REFERENCES visit(id) ON DELETE CASCADE;
INSERT INTO visit (patient_id, local_date, started_utc)
  SELECT patient_id, date(started_utc, 'localtime'), min(started_utc) FROM session
  WHERE date(started_utc, 'localtime') IS NOT NULL
  GROUP BY patient_id, date(started_utc, 'localtime') ORDER BY min(started_utc), min(id);
UPDATE session SET visit_id = (SELECT visit.id FROM visit WHERE visit.patient_id =
  session.patient_id AND visit.local_date = date(session.started_utc, 'localtime'));
CREATE INDEX session_by_visit ON session(visit_id);
)sql";

constexpr Migration kMigrations[] = {{1, kSchema1}, {2, kSchema2}, {3, kSchema3}, {4, kSchema4}};

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int current_schema_version() {
  return kMigrations[std::size(kMigrations) - 1].version;
}

Status migrate(const Db& db) {
  for (const Migration& m : migrations()) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    // Read inside the write lock: another process may have migrated meanwhile.
    const auto version = db.query_integer("PRAGMA user_version");
    if (!version) return version.error();
    if (*version >= m.version) continue;
    if (*version != m.version - 1) {
      return Error{"the store's schema " + std::to_string(*version) + " cannot be upgraded"};
    }
    if (Status s = db.exec(m.sql); !s) return s;
    // PRAGMA takes no bound values; the number is this build's constant, not input.
    if (Status s = db.exec("PRAGMA user_version = " + std::to_string(m.version)); !s) return s;
    if (Status s = tx->commit(); !s) return s;
  }
  return {};
}

}  // namespace stance::store
