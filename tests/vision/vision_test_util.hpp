#pragma once
// Runs the tracker over a synthetic scene and compares with its truth.
#include <vector>

#include "synthetic_squat.hpp"
#include "vision/knee_analysis.hpp"
#include "vision/marker_tracker.hpp"

namespace stance::test {

std::vector<vision::MarkerFrame> track_scene(const SyntheticSquat& scene,
                                             const vision::TrackerOptions& options = {});

// The designed figures of squat k (1-based) over the frames inside [start_s, end_s].
struct SquatTruth {
  double peak_fppa_deg = 0.0, bottom_fppa_deg = 0.0, range_deg = 0.0;
};
SquatTruth squat_truth(const SyntheticSquat& scene, double start_s, double end_s);

// Largest |peak − truth| and |bottom − truth| over the squats; fails the test if a figure is
// missing.
struct SquatErrors {
  double peak_deg = 0.0, bottom_deg = 0.0, range_deg = 0.0;
};
SquatErrors compare_squats(const SyntheticSquat& scene, const vision::KneeTrial& trial);

}  // namespace stance::test
