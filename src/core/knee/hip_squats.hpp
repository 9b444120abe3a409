#pragma once
// Squats from the hip marker's vertical path when there is no plate: the hip goes down (image y
// grows) and comes back. Hysteresis (enter at half the minimum depth below standing, leave at
// 0.3 of it) so noise, a double bounce at the bottom or a pause never split or invent a squat;
// a dip shallower than min_depth_fraction of the leg's length in the picture, or shorter than
// min_duration_s, is not a squat. Start and end are the last/first frames at standing height
// (within onset_fraction of the minimum depth). Frames where the hip is lost are skipped.
#include <vector>

#include "core/knee/knee_types.hpp"

namespace stance::knee {

struct HipSquatOptions {
  double min_depth_fraction = 0.08;  // of the hip–ankle distance: ~7 cm for a 0.9 m leg
  double min_duration_s = 0.6;
  double onset_fraction = 0.25;
  double standing_percentile = 0.05;  // standing hip height: this percentile of hip y
};

struct HipSquat {
  double start_s = 0.0, bottom_s = 0.0, end_s = 0.0;
  double depth_px = 0.0;  // hip's drop below standing height
  bool complete = true;   // came back up before the video ended
};

std::vector<HipSquat> segment_squats_by_hip(const std::vector<KneeFrame>& frames,
                                            const HipSquatOptions& options = {});

}  // namespace stance::knee
