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
// The same in two parts, so a table of many sessions (`stance table`) has one header: the header
// line, and one line per trial of `data`.
std::string csv_header();
std::string csv_rows(const SheetData& data);
// The column of a COP descriptor: its name and unit, e.g. "mean_velocity_mm_per_s",
// "length_over_area_per_mm", "range_ratio" (the clinical preset's units; cm are converted).
std::string descriptor_column(const std::string& name, const std::string& unit);

// The trial's metrics as stored, or its key figures for a sheet made straight from recordings.
std::vector<store::Metric> exported_metrics(const SheetTrial& t);

}  // namespace stance::report
