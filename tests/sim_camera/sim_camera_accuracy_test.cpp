// The knee's FPPA measured on the simulated camera's video (640×480, sensor noise, blur) by the
// product's own marker tracker and knee analysis, against the simulated body's truth (issue 15,
// item 9: per-squat peak FPPA within 1°). Nothing here is tuned to the result: the truth is the
// body's geometry, the measurement is src/vision with its defaults.
//
// Two truths, because a camera 2.5 m away is not an orthographic one. The body's FPPA is the
// angle of its skin markers projected on the frontal plane; a pinhole camera sees each marker
// along its own ray, and in a squat the knee comes some 25 cm nearer the camera than the hip
// and ankle, so the picture's angle differs from the frontal-plane one by up to 1–2° (it shrinks
// as 1/distance; docs/simulator.md). So: (1) at 2.5 m the measurement is compared with the
// picture's own truth, the exact projection of the body's true 3-D markers (what a perfect
// detector would give); (2) with the camera 10 m away (and a 4× longer lens, the same picture
// scale) it is compared with the body's frontal-plane truth.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim_camera_test_util.hpp"

namespace stance::test {
namespace {

struct Case {
  const char* preset;
  const char* limb;
  int seed;
};

std::string options_of(const Case& c, bool far = false) {
  const int reps = kSanitized ? 2 : 5;
  return std::string("task=squat,depth_m=0.12,quiet_before_s=1.5,quiet_after_s=1,reps=") +
         std::to_string(reps) + ",preset=" + c.preset + ",limb=" + c.limb +
         ",seed=" + std::to_string(c.seed) + ",noise=4" +
         (far ? ",cam_dist_m=10,focal_px=3600" : "");
}

// Largest |peak − truth| over the squats; fails when a squat is missing or has no peak.
struct PeakErrors {
  double vs_picture_deg = 0.0;     // src/vision against the picture's truth (perfect detection)
  double vs_body_deg = 0.0;        // src/vision against the body's frontal-plane marker FPPA
  double perspective_deg = 0.0;    // the picture's truth against the body's
  double joints_offset_deg = 0.0;  // the markers' FPPA against the joint centres' (not an error)
};

PeakErrors peak_errors(const Case& c, bool far) {
  const Filmed f = film(options_of(c, far));
  if (!f.camera) return {};
  const Limb limb = std::string(c.limb) == "left" ? Limb::kLeft : Limb::kRight;
  knee::KneeOptions knee;
  knee.limb = limb;
  const knee::KneeTrial trial = knee::analyze_knee(f.markers, knee);
  const std::vector<RepTruth> truth = rep_truth(f.camera->subject());
  EXPECT_EQ(trial.squats.size(), truth.size());
  PeakErrors e;
  for (std::size_t k = 0; k < std::min(truth.size(), trial.squats.size()); ++k) {
    const knee::KneeSquat& q = trial.squats[k];
    const RepTruth& t = truth[k];
    EXPECT_TRUE(q.peak_fppa_deg.has_value()) << "squat " << k + 1;
    if (!q.peak_fppa_deg) continue;
    // The perfect detector's peak over the same frames.
    const double drawn_peak = picture_peak_deg(*f.camera, limb, q.start_s, q.end_s).value_or(-1e9);
    e.vs_picture_deg = std::max(e.vs_picture_deg, std::abs(*q.peak_fppa_deg - drawn_peak));
    e.vs_body_deg = std::max(e.vs_body_deg, std::abs(*q.peak_fppa_deg - t.peak_markers_deg));
    e.perspective_deg = std::max(e.perspective_deg, std::abs(drawn_peak - t.peak_markers_deg));
    e.joints_offset_deg =
        std::max(e.joints_offset_deg, std::abs(t.peak_markers_deg - t.peak_joints_deg));
    std::printf(
        "%s %s seed %d%s squat %zu: body %.2f° (joint centres %.2f°), picture %.2f°, "
        "measured %.2f°\n",
        c.preset, c.limb, c.seed, far ? " (10 m)" : "", k + 1, t.peak_markers_deg,
        t.peak_joints_deg, drawn_peak, *q.peak_fppa_deg);
  }
  return e;
}

class PeakFppa : public ::testing::TestWithParam<Case> {};

void print(const PeakErrors& e) {
  std::printf(
      "worst: against the picture %.2f°, against the body %.2f°, perspective %.2f°, "
      "markers vs joint centres %.2f°\n",
      e.vs_picture_deg, e.vs_body_deg, e.perspective_deg, e.joints_offset_deg);
}

TEST_P(PeakFppa, At2_5mWithinOneDegreeOfThePicturesTruth) {
  const Case c = GetParam();
  SCOPED_TRACE(options_of(c));
  const PeakErrors e = peak_errors(c, false);
  print(e);
  EXPECT_LE(e.vs_picture_deg, 1.0);
}

TEST_P(PeakFppa, FromAFarCameraWithinOneDegreeOfTheBodysTruth) {
  const Case c = GetParam();
  SCOPED_TRACE(options_of(c, true));
  const PeakErrors e = peak_errors(c, true);
  print(e);
  EXPECT_LE(e.vs_body_deg, 1.0);
}

std::vector<Case> cases() {
  if (kSanitized) return {{"pfp", "right", 21}, {"control", "left", 22}};
  return {
      {"control", "right", 11}, {"control", "left", 12}, {"pfp", "right", 13}, {"pfp", "left", 14}};
}

INSTANTIATE_TEST_SUITE_P(SimCamera, PeakFppa, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& p) {
                           return std::string(p.param.preset) + "_" + p.param.limb;
                         });

}  // namespace
}  // namespace stance::test
