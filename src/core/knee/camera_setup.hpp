#pragma once
// Set-up advice for the camera, from one picture of the patient standing on the tested leg
// (docs/camera.md, "Setting up the camera"): every marker seen, the leg large enough and inside
// the picture, thigh and shank in proportion, the standing angle near straight. A rotated limb
// or camera shows little in a straight leg (it shows once the knee bends: 10° of rotation at 60°
// of knee flexion adds about 11° of FPPA), so this advice cannot prove the set-up right; it
// catches the set-ups that are plainly wrong.
#include <optional>
#include <string>
#include <vector>

#include "core/knee/marker_frame.hpp"

namespace stance::knee {

struct SetupLimits {
  double min_leg_fraction = 0.35;   // hip-to-ankle height over the picture's height
  double edge_fraction = 0.03;      // a marker this close to the top or bottom edge
  double min_segment_ratio = 0.7;   // thigh (hip-knee) over shank (knee-ankle) length...
  double max_segment_ratio = 1.45;  // ...outside these: markers misplaced or camera tilted
  double max_standing_fppa_deg = 8.0;
};

// One line per problem, each saying what to do; empty when nothing is wrong.
std::vector<std::string> camera_setup_advice(const MarkerFrame& standing,
                                             std::optional<double> standing_fppa_deg, int width_px,
                                             int height_px, const SetupLimits& limits = {});

}  // namespace stance::knee
