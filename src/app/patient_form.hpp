#pragma once
// The set-up view's patient form: the chosen patient's record, or a new patient's, as typed.
// The store checks it when it is saved (store::validate_patient), so the form shows the
// store's own words; the scripted mode fills it field by field.
#include <string>

#include "store/model.hpp"
#include "support/result.hpp"

namespace stance::app {

struct PatientForm {
  store::Patient patient;  // id 0: a new patient, not in the store yet
  // The optional numbers as the form shows them: 0 is "not given".
  int birth_year = 0;
  double mass_kg = 0.0;
  double height_cm = 0.0;
  bool editing = false;  // the form is open
  bool saving = false;   // on the store worker
  bool failed = false;   // the last save was refused
  std::string outcome;   // the last save's outcome, for the clinician

  void load(const store::Patient& stored);  // the record as stored, closed
  void start_new(const std::string& code);  // an empty record with this code, open
  bool is_new() const { return patient.id == 0; }
  store::Patient to_patient() const;
  // One field from text (the scripted mode's `edit_patient FIELD VALUE`): code (a new
  // patient's only), name, birth_year, sex, mass, height, involved, notes.
  Status set(const std::string& field, const std::string& value);
};

}  // namespace stance::app
