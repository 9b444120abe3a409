#pragma once
// The session as CSV for research: one row per trial, stable column names that carry their
// units (docs/report-formats.md). Pseudonymised sheets leave the name and birth year empty.
#include <string>
#include <vector>

#include "report/sheet_data.hpp"

namespace stance::report {

// The header's column names, in order; they never change within a schema version.
const std::vector<std::string>& csv_columns();
std::string sheet_csv(const SheetData& data);

// The trial's metrics as stored, or its key figures for a sheet made straight from recordings.
std::vector<store::Metric> exported_metrics(const SheetTrial& t);

}  // namespace stance::report
