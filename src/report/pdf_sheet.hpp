#pragma once
// The one-page test sheet as a PDF: cairo for the vector graphics, pango for the text (fonts
// embedded by cairo as subsets). Layout and contents: docs/test-sheet.md.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/result.hpp"
#include "report/sheet_data.hpp"

namespace stance::report {

Result<std::vector<std::uint8_t>> render_sheet_pdf(const SheetData& data, Paper paper);
// Written atomically: an existing sheet is replaced whole or left as it was.
Status write_sheet_pdf(const SheetData& data, Paper paper, const std::filesystem::path& path);

}  // namespace stance::report
