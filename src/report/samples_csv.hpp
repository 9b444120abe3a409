#pragma once
// One trial's samples as CSV for research (`stance samples`, docs/report-formats.md): per sample
// its time, the forces, the centre of pressure and what was wrong with it, and the knee's FPPA
// when a camera filmed the markers. Undefined values are empty cells, never 0.
#include <string>
#include <vector>

#include "core/force_samples.hpp"
#include "core/knee/knee_types.hpp"

namespace stance::report {

// `fppa`: the camera's frames with their FPPA (knee::knee_frames), or null without a camera (no
// fppa_deg column then).
std::string samples_csv(const ForceSamples& samples, const std::vector<knee::KneeFrame>* fppa);

}  // namespace stance::report
