#pragma once
// The dashboard's "Test sheet" and "Export" buttons: a stored visit's one-page PDF (with its
// progress over the earlier visits) or its CSV and JSON, written on the store worker into the
// "sheets" folder beside the clinic's store; the view then says where the files went.
#include <cstdint>
#include <filesystem>
#include <string>

#include "app/clinic_model.hpp"
#include "report/visit_report.hpp"

namespace stance::app {

// <folder>/<patient code>-visit-<id>.<pdf|csv|json>; `folder` empty: <store folder>/sheets.
std::filesystem::path sheet_path(const std::filesystem::path& store_file,
                                 const std::string& patient_code, std::int64_t visit_id,
                                 report::ReportFormat format, const std::string& folder = "");

// The clinician's comment for the next sheet, whether to leave out the name and birth year, and
// the folder sheets go to.
void draw_sheet_choices(ClinicModel& clinic);
// The last outcome line, and "Open" (the desktop's viewer) and "Print" (lp) for the sheet just
// written.
void draw_sheet_outcome(ClinicModel& clinic);

// Writes the visit's PDF sheet (pdf = true) or its CSV and JSON; the outcome goes to
// clinic.notice once written.
void export_visit(ClinicModel& clinic, std::int64_t visit_id, const std::string& patient_code,
                  bool pdf);

}  // namespace stance::app
