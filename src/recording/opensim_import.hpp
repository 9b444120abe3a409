#pragma once
// OpenSim .mot-style ground reaction tables (comma separated): header lines ending `endheader`,
// then `time` and per plate k `ground_force{k}_v{x,y,z}` (N, y vertical),
// `ground_force{k}_p{x,y,z}` (COP, m) and `ground_torque{k}_{x,y,z}` (N·m). One plate is imported,
// chosen by the caller. Rows with zero force are an unloaded plate (flight), not lost samples.
// Details: docs/importers.md.
#include <cstddef>

#include "recording/csv_table.hpp"
#include "recording/imported_recording.hpp"
#include "support/result.hpp"

namespace stance {

// The `endheader` line among the first lines (0 when there is none).
std::size_t opensim_endheader_line(const CsvText& text);

bool looks_like_opensim(const CsvText& text);

Result<ImportedRecording> import_opensim(const CsvText& text, const ImportOptions& options);

}  // namespace stance
