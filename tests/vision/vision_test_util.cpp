#include "vision_test_util.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace stance::test {

std::vector<knee::MarkerFrame> track_scene(const SyntheticSquat& scene,
                                           const vision::TrackerOptions& options) {
  vision::MarkerTracker tracker(options);
  std::vector<knee::MarkerFrame> frames;
  for (int i = 0; i < scene.frame_count(); ++i) {
    frames.push_back(tracker.track(scene.render(i), scene.truth(i).t_s));
  }
  return frames;
}

SquatTruth squat_truth(const SyntheticSquat& scene, double start_s, double end_s) {
  SquatTruth t;
  double lo = 1e9, hi = -1e9, lowest_hip = -1e9;
  for (int i = 0; i < scene.frame_count(); ++i) {
    const TruthFrame f = scene.truth(i);
    if (f.t_s < start_s || f.t_s > end_s) continue;
    lo = std::min(lo, f.fppa_deg);
    hi = std::max(hi, f.fppa_deg);
    if (f.hip.y_px > lowest_hip) {
      lowest_hip = f.hip.y_px;
      t.bottom_fppa_deg = f.fppa_deg;
      t.bottom_s = f.t_s;
    }
  }
  t.peak_fppa_deg = hi;
  t.range_deg = hi - lo;
  return t;
}

SquatErrors compare_squats(const SyntheticSquat& scene, const knee::KneeTrial& trial) {
  SquatErrors e;
  for (const knee::KneeSquat& q : trial.squats) {
    const SquatTruth t = squat_truth(scene, q.start_s, q.end_s);
    EXPECT_TRUE(q.peak_fppa_deg && q.bottom_fppa_deg && q.range_deg) << "squat " << q.index;
    if (!q.peak_fppa_deg || !q.bottom_fppa_deg || !q.range_deg) continue;
    e.peak_deg = std::max(e.peak_deg, std::abs(*q.peak_fppa_deg - t.peak_fppa_deg));
    const int bottom_frame = static_cast<int>(std::lround(q.bottom_s * scene.options().fps));
    e.bottom_deg =
        std::max(e.bottom_deg, std::abs(*q.bottom_fppa_deg - scene.truth(bottom_frame).fppa_deg));
    e.bottom_s = std::max(e.bottom_s, std::abs(q.bottom_s - t.bottom_s));
    e.range_deg = std::max(e.range_deg, std::abs(*q.range_deg - t.range_deg));
  }
  return e;
}

}  // namespace stance::test
