#pragma once
// The visit as JSON for research, schema "stance.visit-report/1" (docs/report-formats.md):
// patient, session, every trial with every stored metric, its repetitions and verdict reasons,
// the limb symmetry of each key figure, and the progress when the sheet has it.
#include <string>

#include "report/sheet_data.hpp"

namespace stance::report {

inline constexpr const char* kVisitReportSchema = "stance.visit-report/1";

std::string sheet_json(const SheetData& data);

}  // namespace stance::report
