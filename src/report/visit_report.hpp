#pragma once
// One call for a stored visit's test sheet as a file (issue 7): what `stance report` and the
// dashboard's "Test sheet" button use. Never prints; errors say what went wrong and what to do.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "report/visit_sheet.hpp"
#include "support/atomic_file.hpp"
#include "support/result.hpp"

namespace stance::report {

enum class ReportFormat : std::uint8_t { kPdf, kCsv, kJson };

const char* to_string(ReportFormat format);  // "pdf", "csv", "json"
std::optional<ReportFormat> parse_report_format(const std::string& text);
// From the file's extension (.pdf, .csv, .json, any case); none for another one.
std::optional<ReportFormat> format_for_path(const std::filesystem::path& path);

// The file's bytes: the one-page PDF, or the CSV or JSON text.
Result<std::string> render_report(const SheetData& data, ReportFormat format, Paper paper);

// Builds the visit's sheet (stored_visit_sheet) and writes it atomically to `out`. The store's
// own files are never replaced; another existing file only when `write` allows it. `paper`
// matters for the PDF only.
Status write_visit_report(const store::Store& store, std::int64_t visit_id, ReportFormat format,
                          Paper paper, const std::filesystem::path& out,
                          const VisitSheetOptions& options, WriteOptions write = {});

}  // namespace stance::report
