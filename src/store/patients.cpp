// Patients: validation with errors a clinician can act on, and their rows.

#include <chrono>
#include <sstream>

#include "store/rows.hpp"
#include "store/sql_time.hpp"
#include "store/store.hpp"

namespace stance::store {
namespace {

// Plausible ranges, wide enough for children and for very tall or heavy adults.
constexpr int kMinBirthYear = 1900;
constexpr double kMinHeightCm = 40, kMaxHeightCm = 260;
constexpr double kMinMassKg = 10, kMaxMassKg = 350;
constexpr std::size_t kMaxCodeLength = 32;

int current_year() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<int>(std::chrono::year_month_day(today).year());
}

// "17" or "17.5", not std::to_string's "17.000000".
std::string number_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

bool code_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

constexpr const char* kPatientColumns =
    "SELECT id, code, name, birth_year, sex, height_cm, mass_kg, involved_side, notes, "
    "created_utc FROM patient ";

Patient patient_from(const Statement& s) {
  Patient p;
  p.id = s.integer(0);
  p.code = s.text(1);
  p.name = s.text(2);
  if (const auto y = s.optional_integer(3)) p.birth_year = static_cast<int>(*y);
  parse_sex(s.text(4), p.sex);
  p.height_cm = s.optional_real(5);
  p.mass_kg = s.optional_real(6);
  parse_limb(s.text(7), p.involved_side);
  p.notes = s.text(8);
  p.created_utc = s.text(9);
  return p;
}

void bind_fields(Statement& s, const Patient& p) {
  s.bind(1, p.code).bind(2, p.name);
  if (p.birth_year) {
    s.bind(3, *p.birth_year);
  } else {
    s.bind_null(3);
  }
  s.bind(4, to_string(p.sex)).bind(5, p.height_cm).bind(6, p.mass_kg);
  s.bind(7, to_string(p.involved_side)).bind(8, p.notes);
}

Result<Patient> one_patient(Statement& s, const std::string& unknown_message) {
  const auto row = s.step();
  if (!row) return row.error();
  if (!*row) return Error{unknown_message};
  return patient_from(s);
}

}  // namespace

const char* to_string(Sex sex) {
  switch (sex) {
    case Sex::kFemale:
      return "female";
    case Sex::kMale:
      return "male";
    case Sex::kOther:
      return "other";
    case Sex::kUnspecified:
      break;
  }
  return "unspecified";
}

bool parse_sex(const std::string& text, Sex& out) {
  for (const Sex s : {Sex::kUnspecified, Sex::kFemale, Sex::kMale, Sex::kOther}) {
    if (text == to_string(s)) {
      out = s;
      return true;
    }
  }
  return false;
}

Status validate_patient(const Patient& p) {
  if (p.code.empty() || p.code.size() > kMaxCodeLength) {
    return Error{"the patient code must be 1 to 32 characters"};
  }
  for (const char c : p.code) {
    if (!code_character(c)) {
      return Error{"the patient code '" + p.code +
                   "' may hold only letters, digits, '-', '_' and '.' (a pseudonym, not a name)"};
    }
  }
  const int year = current_year();
  if (p.birth_year && (*p.birth_year < kMinBirthYear || *p.birth_year > year)) {
    return Error{"birth year " + std::to_string(*p.birth_year) + " is impossible (" +
                 std::to_string(kMinBirthYear) + " to " + std::to_string(year) + ")"};
  }
  if (p.height_cm && !(*p.height_cm >= kMinHeightCm && *p.height_cm <= kMaxHeightCm)) {
    return Error{"height " + number_text(*p.height_cm) + " cm is impossible (40 to 260 cm)"};
  }
  if (p.mass_kg && !(*p.mass_kg >= kMinMassKg && *p.mass_kg <= kMaxMassKg)) {
    return Error{"mass " + number_text(*p.mass_kg) + " kg is impossible (10 to 350 kg)"};
  }
  return {};
}

Result<std::int64_t> insert_patient_row(const Db& db, const Patient& patient) {
  if (Status s = validate_patient(patient); !s) return s.error();
  auto exists = db.prepare("SELECT 1 FROM patient WHERE code = ?1");
  if (!exists) return exists.error();
  exists->bind(1, patient.code);
  const auto found = exists->step();
  if (!found) return found.error();
  if (*found) {
    return Error{"a patient with the code '" + patient.code +
                 "' already exists; choose another code or use `stance patient edit`"};
  }
  auto insert = db.prepare(
      "INSERT INTO patient (code, name, birth_year, sex, height_cm, mass_kg, involved_side, "
      "notes, created_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " STANCE_SQL_OR_NOW("?9") ")");
  if (!insert) return insert.error();
  bind_fields(*insert, patient);
  insert->bind(9, patient.created_utc);
  if (Status s = insert->run(); !s) return s.error();
  return db.last_insert_id();
}

Result<std::int64_t> Store::add_patient(const Patient& patient) {
  if (Status s = validate_patient(patient); !s) return s.error();
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  const auto id = insert_patient_row(db_, patient);
  if (!id) return id.error();
  if (Status s = tx->commit(); !s) return s.error();
  return id;
}

Status Store::update_patient(const Patient& patient) {
  if (Status s = validate_patient(patient); !s) return s;
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto clash = db_.prepare("SELECT 1 FROM patient WHERE code = ?1 AND id <> ?2");
  if (!clash) return clash.error();
  clash->bind(1, patient.code).bind(2, patient.id);
  const auto found = clash->step();
  if (!found) return found.error();
  if (*found) return Error{"another patient already has the code '" + patient.code + "'"};
  auto update = db_.prepare(
      "UPDATE patient SET code = ?1, name = ?2, birth_year = ?3, sex = ?4, height_cm = ?5, "
      "mass_kg = ?6, involved_side = ?7, notes = ?8 WHERE id = ?9");
  if (!update) return update.error();
  bind_fields(*update, patient);
  update->bind(9, patient.id);
  if (Status s = update->run(); !s) return s;
  if (db_.changes() != 1) return Error{"no patient with id " + std::to_string(patient.id)};
  return tx->commit();
}

Result<Patient> Store::patient(const std::string& code) const {
  auto s = db_.prepare(std::string(kPatientColumns) + "WHERE code = ?1");
  if (!s) return s.error();
  s->bind(1, code);
  return one_patient(*s, "no patient with the code '" + code + "'; see `stance patient list`");
}

Result<Patient> Store::patient_by_id(std::int64_t id) const {
  auto s = db_.prepare(std::string(kPatientColumns) + "WHERE id = ?1");
  if (!s) return s.error();
  s->bind(1, id);
  return one_patient(*s, "no patient with id " + std::to_string(id));
}

Result<std::vector<Patient>> Store::patients() const {
  auto s = db_.prepare(std::string(kPatientColumns) + "ORDER BY code");
  if (!s) return s.error();
  return all_rows(*s, patient_from);
}

}  // namespace stance::store
