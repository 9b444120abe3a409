// The simulated camera's faults seen by the product: a hand over the knee marker, the knee
// marker falling off, a change of light, the camera unplugged, and a camera that is not square
// to the patient (issue 15, items 7, 9 and 10).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim_camera_test_util.hpp"

namespace stance::test {
namespace {

using knee::Marker;

std::string person(int reps = kSanitized ? 2 : 3) {
  return "task=squat,seed=7,depth_m=0.12,preset=pfp,quiet_before_s=1.5,quiet_after_s=1,reps=" +
         std::to_string(reps);
}

knee::KneeTrial knee_of(const Filmed& f, Limb limb = Limb::kRight) {
  knee::KneeOptions o;
  o.limb = limb;
  return knee::analyze_knee(f.markers, o);
}

TEST(SimCameraFaults, AHandOverTheKneeGivesFramesWithNoAngle) {
  // The hand covers the knee for 0.4 s around the bottom of squat 1 (12 frames at 30 Hz).
  const auto probe = sim::SimulatedCamera::open("realtime=0," + person());
  ASSERT_TRUE(probe.ok());
  const double bottom_s = (*probe)->subject().truth().reps[0].bottom_s;
  const Filmed f = film(
      person() + ",occlude=knee,occlude_dur_s=0.4,occlude_s=" + std::to_string(bottom_s - 0.2));
  const auto frames = knee::knee_frames(f.markers, Limb::kRight);
  int covered = 0, covered_with_angle = 0, open_without_angle = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const bool is_covered = !f.drawn[i].markers[1];
    covered += is_covered ? 1 : 0;
    if (is_covered && (frames[i].knee || frames[i].fppa_deg)) ++covered_with_angle;
    if (!is_covered && !frames[i].fppa_deg) ++open_without_angle;
  }
  std::printf("covered %d frames; with an angle %d; uncovered without an angle %d\n", covered,
              covered_with_angle, open_without_angle);
  EXPECT_EQ(covered, 12);
  EXPECT_EQ(covered_with_angle, 0);  // never guessed
  EXPECT_EQ(open_without_angle, 0);  // the track is back as soon as the hand goes
  const knee::KneeTrial trial = knee_of(f);
  ASSERT_GE(trial.squats.size(), 1u);
  EXPECT_EQ(trial.squats[0].frames - trial.squats[0].fppa_frames, 12);
}

TEST(SimCameraFaults, AKneeMarkerThatFellOffIsNotTakenBack) {
  const auto probe = sim::SimulatedCamera::open("realtime=0," + person());
  ASSERT_TRUE(probe.ok());
  const auto& reps = (*probe)->subject().truth().reps;
  const double fall_s = reps[0].end_s + 0.3;  // between squats 1 and 2
  const Filmed f = film(person() + ",falloff=knee,falloff_s=" + std::to_string(fall_s));
  int after = 0, after_with_angle = 0, before_without = 0;
  const auto frames = knee::knee_frames(f.markers, Limb::kRight);
  for (const knee::KneeFrame& k : frames) {
    if (k.t_s >= fall_s) {
      ++after;
      after_with_angle += k.fppa_deg ? 1 : 0;
    } else {
      before_without += k.fppa_deg ? 0 : 1;
    }
  }
  EXPECT_GT(after, 0);
  EXPECT_EQ(after_with_angle, 0);
  EXPECT_EQ(before_without, 0);
  const knee::KneeTrial trial = knee_of(f);
  ASSERT_EQ(trial.squats.size(), reps.size());
  EXPECT_TRUE(trial.squats[0].peak_fppa_deg.has_value());
  for (std::size_t k = 1; k < trial.squats.size(); ++k) {
    EXPECT_FALSE(trial.squats[k].peak_fppa_deg.has_value()) << "squat " << k + 1;
  }
}

TEST(SimCameraFaults, AChangeOfLightKeepsThePeaksWithinOneDegree) {
  const Filmed f = film(person() + ",gain=1.2,light_s=3,light_gain=0.5");
  const knee::KneeTrial trial = knee_of(f);
  ASSERT_EQ(trial.squats.size(), f.camera->subject().truth().reps.size());
  for (const knee::KneeSquat& q : trial.squats) {
    ASSERT_TRUE(q.peak_fppa_deg.has_value());
    const auto picture = picture_peak_deg(*f.camera, Limb::kRight, q.start_s, q.end_s);
    ASSERT_TRUE(picture.has_value());
    EXPECT_NEAR(*q.peak_fppa_deg, *picture, 1.0);
  }
  for (const auto& m : f.markers) EXPECT_TRUE(m.all_found()) << m.t_s;
}

TEST(SimCameraFaults, AnUnpluggedCameraEndsWithItsReason) {
  const Filmed f = film(person(1) + ",cam_unplug_s=2");
  EXPECT_EQ(f.markers.size(), 60u);
  EXPECT_EQ(f.camera->end(), camera::CameraEnd::kDisconnected);
  EXPECT_NE(f.camera->end_reason().find("after 60 frames (2.0 s): unplugged"), std::string::npos)
      << f.camera->end_reason();
}

// The peak error of every squat, measured − truth (markers' frontal FPPA).
std::vector<double> peak_errors(const std::string& options, Limb limb) {
  const Filmed f = film(options);
  const knee::KneeTrial trial = knee_of(f, limb);
  const std::vector<RepTruth> truth = rep_truth(f.camera->subject());
  std::vector<double> out;
  EXPECT_EQ(trial.squats.size(), truth.size());
  for (std::size_t k = 0; k < std::min(truth.size(), trial.squats.size()); ++k) {
    EXPECT_TRUE(trial.squats[k].peak_fppa_deg.has_value());
    if (trial.squats[k].peak_fppa_deg) {
      out.push_back(*trial.squats[k].peak_fppa_deg - truth[k].peak_markers_deg);
    }
  }
  return out;
}

// Filmed from 10° to the side of the stance leg, the flexed knee (ahead of the hip–ankle line)
// is seen shifted sideways: toward the picture's medial side when the camera stands on the
// limb's lateral side, so the FPPA reads more valgus than it is, and less from the medial side.
// The size is measured and written in docs/simulator.md; for 71° of knee flexion the issue's
// rule of thumb (10° at 60° shows about 11°) gives some degrees.
TEST(SimCameraRotation, ACameraOffToTheSideShowsFppaThatIsNotThere) {
  for (const auto& [limb, name, lateral_orbit] :
       {std::tuple{Limb::kRight, "right", 10.0}, std::tuple{Limb::kLeft, "left", -10.0}}) {
    if (kSanitized && limb == Limb::kLeft) continue;  // small under the sanitizers
    const std::string base = person(kSanitized ? 1 : 2) + ",limb=" + name + ",orbit_deg=";
    const auto lateral = peak_errors(base + std::to_string(lateral_orbit), limb);
    const auto medial = peak_errors(base + std::to_string(-lateral_orbit), limb);
    for (double e : lateral) {
      std::printf("%s limb, camera 10° lateral: peak error %+.2f°\n", name, e);
      EXPECT_GT(e, 2.0);
    }
    for (double e : medial) {
      std::printf("%s limb, camera 10° medial: peak error %+.2f°\n", name, e);
      EXPECT_LT(e, -2.0);
    }
  }
}

// Turning the camera at its place (10° of yaw) only moves the leg in the picture; the angles in
// the picture change by the perspective of the off-axis view (horizontal scale 1/cos 10° =
// 1.5% larger than vertical there: about 0.3° on a 17° FPPA).
TEST(SimCameraRotation, ACameraTurnedAtItsPlaceChangesTheFppaLittle) {
  for (double e : peak_errors(person(kSanitized ? 1 : 2) + ",yaw_deg=10", Limb::kRight)) {
    std::printf("camera yawed 10°: peak error %+.2f°\n", e);
    EXPECT_LE(std::abs(e), 1.0);
  }
}

}  // namespace
}  // namespace stance::test
