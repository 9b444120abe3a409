#pragma once
// The one-page test sheet as a PDF: cairo for the vector graphics, pango for the text (fonts
// embedded by cairo as subsets). Layout and contents: docs/test-sheet.md.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "report/sheet_data.hpp"
#include "support/atomic_file.hpp"
#include "support/result.hpp"

namespace stance::report {

Result<std::vector<std::uint8_t>> render_sheet_pdf(const SheetData& data, Paper paper);
// Written atomically; an existing file is refused unless `options` allow replacing it.
Status write_sheet_pdf(const SheetData& data, Paper paper, const std::filesystem::path& path,
                       const WriteOptions& options = {});

}  // namespace stance::report
