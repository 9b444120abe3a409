#pragma once
// The test sheet of a stored visit (issues 7 and 16): every session (protocol run) one patient did
// that day on one sheet. SheetData built from the store, ready for the PDF, CSV and JSON writers.
// The figures are the stored results; the plots, repetitions and reasons come from reading the
// stored recordings again with the same analysis. docs/test-sheet.md.
#include <cstdint>
#include <filesystem>
#include <string>

#include "report/sheet_data.hpp"
#include "store/store.hpp"
#include "support/result.hpp"

namespace stance::report {

struct VisitSheetOptions {
  bool pseudonymise = false;       // leave out the name and birth year, keep the patient code
  bool progress = false;           // add the key figures of every visit up to this one
  std::string clinic;              // printed in the header; empty: "Stance clinic"
  std::filesystem::path logo_png;  // drawn in the header when given (PNG)
  std::string comment;             // the clinician's, printed in the comment box
};

// Errors name the visit and say what to do, e.g. an unknown id.
Result<SheetData> stored_visit_sheet(const store::Store& store, std::int64_t visit_id,
                                     const VisitSheetOptions& options);

}  // namespace stance::report
