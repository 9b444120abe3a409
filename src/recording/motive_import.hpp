#pragma once
// OptiTrack Motive's CSV export of a force plate: `key,value,` metadata lines, then the header
// `MocapFrame, MocapTime, DeviceFrame, Fx, Fy, Fz, Mx, My, Mz, Cx, Cy, Cz` in N, N·m and m.
// All-zero load rows are dropped frames (kMissing). Details: docs/importers.md.
#include "recording/csv_table.hpp"
#include "recording/imported_recording.hpp"
#include "support/result.hpp"

namespace stance {

// The first line starts with "Format Version".
bool looks_like_motive(const CsvText& text);

Result<ImportedRecording> import_motive(const CsvText& text, const ImportOptions& options);

}  // namespace stance
