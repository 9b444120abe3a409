#pragma once
// The set-up view's one search box: the store's patients whose code or name holds what is
// typed, ignoring case also in the accented letters of a European clinic's names ("łucja"
// finds "Łucja Ősz").
#include <string>
#include <vector>

#include "app/clinic_model.hpp"

namespace stance::app {

// UTF-8 text with every letter in lower case (ASCII, Latin-1, Latin Extended-A, Greek and
// Cyrillic); other characters, and bytes that are not UTF-8, are kept as they are.
std::string fold_case(const std::string& text);

// The patient's code or name holds `query` (case ignored); an empty query matches everyone.
bool patient_matches(const store::Patient& patient, const std::string& query);

// The rows that match, in the store's order.
std::vector<const PatientRow*> search_patients(const std::vector<PatientRow>& rows,
                                               const std::string& query);

}  // namespace stance::app
