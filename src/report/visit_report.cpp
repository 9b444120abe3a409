#include "report/visit_report.hpp"

#include <algorithm>
#include <cctype>

#include "report/pdf_sheet.hpp"
#include "report/sheet_csv.hpp"
#include "report/sheet_json.hpp"
#include "support/atomic_file.hpp"

namespace stance::report {

const char* to_string(ReportFormat format) {
  switch (format) {
    case ReportFormat::kPdf:
      return "pdf";
    case ReportFormat::kCsv:
      return "csv";
    case ReportFormat::kJson:
      return "json";
  }
  return "pdf";
}

std::optional<ReportFormat> parse_report_format(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (ReportFormat f : {ReportFormat::kPdf, ReportFormat::kCsv, ReportFormat::kJson}) {
    if (lower == to_string(f)) return f;
  }
  return std::nullopt;
}

std::optional<ReportFormat> format_for_path(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  return ext.size() > 1 ? parse_report_format(ext.substr(1)) : std::nullopt;
}

Result<std::string> render_report(const SheetData& data, ReportFormat format, Paper paper) {
  switch (format) {
    case ReportFormat::kCsv:
      return sheet_csv(data);
    case ReportFormat::kJson:
      return sheet_json(data);
    case ReportFormat::kPdf:
      break;
  }
  auto pdf = render_sheet_pdf(data, paper);
  if (!pdf) return pdf.error();
  return std::string(pdf->begin(), pdf->end());
}

Status write_visit_report(const store::Store& store, std::int64_t visit_id, ReportFormat format,
                          Paper paper, const std::filesystem::path& out,
                          const VisitSheetOptions& options, WriteOptions write) {
  for (auto& file : store::store_files(store.path()))
    write.never_replace.push_back(std::move(file));
  if (Status s = check_write_target(out, write); !s) return s;
  const auto sheet = stored_visit_sheet(store, visit_id, options);
  if (!sheet) return sheet.error();
  const auto bytes = render_report(*sheet, format, paper);
  if (!bytes) return bytes.error();
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes->data());
  return write_file_atomically(out, {data, bytes->size()}, write);
}

}  // namespace stance::report
