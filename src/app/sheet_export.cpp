#include "app/sheet_export.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <system_error>

#include "support/desktop.hpp"

namespace stance::app {

std::filesystem::path sheet_path(const std::filesystem::path& store_file,
                                 const std::string& patient_code, std::int64_t visit_id,
                                 report::ReportFormat format, const std::string& folder) {
  const std::filesystem::path dir =
      folder.empty() ? store_file.parent_path() / "sheets" : std::filesystem::path(folder);
  return dir /
         (patient_code + "-visit-" + std::to_string(visit_id) + "." + report::to_string(format));
}

void draw_sheet_choices(ClinicModel& clinic) {
  ImGui::SetNextItemWidth(520);
  ImGui::InputTextMultiline("Comment for the test sheet", &clinic.sheet.comment, {520, 48});
  ImGui::Checkbox("Pseudonymised: leave out the name and birth year (the code stays)",
                  &clinic.sheet.pseudonymise);
  ImGui::SetNextItemWidth(520);
  ImGui::InputTextWithHint("Sheets folder", "empty: the \"sheets\" folder beside the store",
                           &clinic.sheet.folder);
}

void draw_sheet_outcome(ClinicModel& clinic) {
  if (clinic.notice.empty()) return;
  ImGui::TextWrapped("%s", clinic.notice.c_str());
  if (clinic.last_sheet.empty() || clinic.notice.rfind("Written: ", 0) != 0) return;
  if (ImGui::Button("Open the sheet")) {
    const Status opened = open_with_desktop(clinic.last_sheet);
    if (!opened) clinic.notice = "NOT OPENED: " + opened.error().message;
  }
  ImGui::SameLine();
  if (ImGui::Button("Print")) {
    const auto printed = print_file(clinic.last_sheet);
    clinic.notice =
        printed ? "Sent to the printer: " + *printed : "NOT PRINTED: " + printed.error().message;
  }
}

void export_visit(ClinicModel& clinic, std::int64_t visit_id, const std::string& patient_code,
                  bool pdf) {
  if (!clinic.has_store()) {
    clinic.notice = "Trials are saved as files, not in the store: no sheet can be made here.";
    return;
  }
  using report::ReportFormat;
  std::vector<ReportFormat> formats{ReportFormat::kPdf};
  if (!pdf) formats = {ReportFormat::kCsv, ReportFormat::kJson};
  clinic.notice = "Writing the visit's " + std::string(pdf ? "test sheet" : "CSV and JSON") + "...";
  clinic.run(
      [visit_id, patient_code, formats,
       look = clinic.sheet](store::Store& s) -> Result<std::string> {
        std::string written;
        for (ReportFormat f : formats) {
          const auto path = sheet_path(s.path(), patient_code, visit_id, f, look.folder);
          std::error_code ec;
          std::filesystem::create_directories(path.parent_path(), ec);
          if (ec) {
            return Error{"cannot create " + path.parent_path().string() + ": " + ec.message()};
          }
          report::VisitSheetOptions options;
          options.progress = true;  // the sheet shows the earlier visits as well
          options.clinic = look.clinic;
          options.comment = look.comment;
          options.pseudonymise = look.pseudonymise;
          options.logo_png = look.logo;
          const auto paper = look.letter ? report::Paper::kLetter : report::Paper::kA4;
          // The sheets folder (beside the store, or the one the clinic chose for Stance's
          // sheets) is the dashboard's own: a visit's sheet made again replaces its earlier one
          // (atomically; never a link, folder or device).
          const WriteOptions write{IfExists::kReplace, {}};
          if (Status st = report::write_visit_report(s, visit_id, f, paper, path, options, write);
              !st) {
            return st.error();
          }
          written += (written.empty() ? "" : " and ") + path.string();
        }
        return written;
      },
      [&clinic, pdf,
       pdf_path = sheet_path(clinic.store_path(), patient_code, visit_id, ReportFormat::kPdf,
                             clinic.sheet.folder)](Result<std::string> r) {
        clinic.notice = r ? "Written: " + *r : "NOT WRITTEN: " + r.error().message;
        if (r && pdf) clinic.last_sheet = pdf_path;
      });
}

}  // namespace stance::app
