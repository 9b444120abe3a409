#include "app/patient_form.hpp"

#include <cstdlib>

namespace stance::app {
namespace {

// A whole number or a decimal, all of the text; none otherwise.
bool parse_number(const std::string& text, double& out) {
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

}  // namespace

void PatientForm::load(const store::Patient& stored) {
  patient = stored;
  birth_year = stored.birth_year.value_or(0);
  mass_kg = stored.mass_kg.value_or(0.0);
  height_cm = stored.height_cm.value_or(0.0);
  editing = false;
  saving = false;
}

void PatientForm::start_new(const std::string& code) {
  load(store::Patient{});
  patient.code = code;
  editing = true;
  failed = false;
  outcome.clear();
}

store::Patient PatientForm::to_patient() const {
  store::Patient p = patient;
  p.birth_year = birth_year != 0 ? std::optional<int>(birth_year) : std::nullopt;
  p.mass_kg = mass_kg != 0.0 ? std::optional<double>(mass_kg) : std::nullopt;
  p.height_cm = height_cm != 0.0 ? std::optional<double>(height_cm) : std::nullopt;
  return p;
}

Status PatientForm::set(const std::string& field, const std::string& value) {
  double number = 0.0;
  const bool numeric = parse_number(value, number);
  if (field == "code") {
    if (!is_new()) return Error{"a stored patient's code is kept; edit the other fields"};
    patient.code = value;
  } else if (field == "name") {
    patient.name = value;
  } else if (field == "notes") {
    patient.notes = value;
  } else if (field == "sex") {
    if (!store::parse_sex(value, patient.sex)) {
      return Error{"sex is female, male, other or unspecified, not '" + value + "'"};
    }
  } else if (field == "involved") {
    if (!parse_limb(value, patient.involved_side)) {
      return Error{"the involved side is left, right or unspecified, not '" + value + "'"};
    }
  } else if (field == "birth_year" || field == "mass" || field == "height") {
    if (!numeric) return Error{field + " takes a number, not '" + value + "'"};
    if (field == "birth_year") birth_year = static_cast<int>(number);
    if (field == "mass") mass_kg = number;
    if (field == "height") height_cm = number;
  } else {
    return Error{"no patient field '" + field +
                 "': code, name, birth_year, sex, mass, height, involved or notes"};
  }
  editing = true;
  return {};
}

}  // namespace stance::app
