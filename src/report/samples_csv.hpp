#pragma once
// One trial's samples as CSV for research (`stance samples`, docs/report-formats.md): per sample
// its time, the forces, the centre of pressure and what was wrong with it, and the knee's FPPA
// when a camera filmed the markers. Undefined values are empty cells, never 0.
#include <functional>
#include <string_view>
#include <vector>

#include "core/force_samples.hpp"
#include "core/knee/knee_types.hpp"
#include "support/result.hpp"

namespace stance::report {

// Where the text goes, piece by piece; an error stops the writing.
using TextSink = std::function<Status(std::string_view)>;

// Writes the CSV to `sink` in pieces of about a megabyte, so an hour at 1000 Hz is never held
// whole in memory. `fppa`: the camera's frames with their FPPA (knee::knee_frames), or null
// without a camera (no fppa_deg column then).
Status write_samples_csv(const ForceSamples& samples, const std::vector<knee::KneeFrame>* fppa,
                         const TextSink& sink);

}  // namespace stance::report
