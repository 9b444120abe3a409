#pragma once
// Plain CSV recordings with SI columns named in a header, in one of three shapes found from the
// header: a six-component wrench, four vertical corner forces, or a COP with its vertical force.
// Formats, axes and rules: docs/importers.md.
#include <cstddef>

#include "recording/csv_table.hpp"
#include "recording/imported_recording.hpp"
#include "support/result.hpp"

namespace stance {

// The header line of a plain CSV: the first line that is neither blank nor a '#' comment
// (0 when there is none).
std::size_t plain_csv_header_line(const CsvText& text);

// True when that header names a t_s column.
bool looks_like_plain_csv(const CsvText& text);

Result<ImportedRecording> import_plain_csv(const CsvText& text, const ImportOptions& options);

}  // namespace stance
