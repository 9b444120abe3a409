#pragma once
// Runs the tracker over a synthetic scene and compares with its truth.
#include <vector>

#include "core/knee/knee_analysis.hpp"
#include "synthetic_squat.hpp"
#include "vision/marker_tracker.hpp"

namespace stance::test {

std::vector<knee::MarkerFrame> track_scene(const SyntheticSquat& scene,
                                           const vision::TrackerOptions& options = {});

// The designed figures of squat k (1-based) over the frames inside [start_s, end_s].
struct SquatTruth {
  double peak_fppa_deg = 0.0, bottom_fppa_deg = 0.0, range_deg = 0.0;
  double bottom_s = 0.0;  // the hip's lowest frame
};
SquatTruth squat_truth(const SyntheticSquat& scene, double start_s, double end_s);

// Largest |peak − truth|, |range − truth|, |bottom − truth at the frame chosen as the bottom|
// and |bottom time − the hip's truly lowest frame| over the squats (near the bottom the hip is
// still, so a frame either side is as low; the knee's wobble changes FPPA by up to 1° a frame);
// fails the test if a figure is missing.
struct SquatErrors {
  double peak_deg = 0.0, bottom_deg = 0.0, range_deg = 0.0, bottom_s = 0.0;
};
SquatErrors compare_squats(const SyntheticSquat& scene, const knee::KneeTrial& trial);

}  // namespace stance::test
