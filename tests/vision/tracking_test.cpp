// The tracker and the knee analysis on videos made by the tests (synthetic_squat.hpp): every
// figure is compared with the scene's designed angles.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "vision/colour_threshold.hpp"
#include "vision_test_util.hpp"

namespace stance::test {
namespace {

using knee::KneeTrial;
using knee::Marker;

knee::KneeOptions options(Limb limb) {
  knee::KneeOptions o;
  o.limb = limb;
  return o;
}

double distance(const knee::PointPx& a, const knee::PointPx& b) {
  return std::hypot(a.x_px - b.x_px, a.y_px - b.y_px);
}

// Every found marker within max_px of the truth; returns the largest error.
double largest_position_error(const SyntheticSquat& scene,
                              const std::vector<knee::MarkerFrame>& frames) {
  double worst = 0.0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const TruthFrame t = scene.truth(static_cast<int>(i));
    const knee::PointPx truth[3] = {t.hip, t.knee, t.ankle};
    for (Marker m : vision::kMarkers) {
      if (const auto& p = frames[i].at(m))
        worst = std::max(worst, distance(*p, truth[index_of(m)]));
    }
  }
  return worst;
}

void expect_five_squats_within_a_degree(const SyntheticSquat& scene, const KneeTrial& trial,
                                        const char* what) {
  ASSERT_EQ(trial.squats.size(), 5u) << what;
  const auto designed = scene.squat_intervals();
  double worst_time = 0.0;
  for (std::size_t k = 0; k < 5; ++k) {
    worst_time = std::max({worst_time, std::abs(trial.squats[k].start_s - designed[k].start_s),
                           std::abs(trial.squats[k].end_s - designed[k].end_s)});
  }
  EXPECT_LT(worst_time, 0.35) << what;  // the hip leaves standing height a few frames late
  const SquatErrors e = compare_squats(scene, trial);
  EXPECT_LT(e.peak_deg, 1.0) << what;
  EXPECT_LT(e.bottom_deg, 1.0) << what;
  EXPECT_LT(e.range_deg, 1.5) << what;
  EXPECT_LE(e.bottom_s, 2.5 / scene.options().fps) << what;
  double mean_truth = 0.0;
  for (std::size_t k = 0; k < 4; ++k) {
    mean_truth += squat_truth(scene, trial.squats[k].start_s, trial.squats[k].end_s).peak_fppa_deg;
  }
  mean_truth /= 4.0;
  ASSERT_TRUE(trial.mean_peak_fppa_deg);
  EXPECT_EQ(trial.squats_in_mean, 4);
  EXPECT_NEAR(*trial.mean_peak_fppa_deg, mean_truth, 1.0) << what;
  ASSERT_TRUE(trial.standing_fppa_deg);
  EXPECT_NEAR(*trial.standing_fppa_deg, scene.options().standing_fppa_deg, 1.0) << what;
  std::printf(
      "[ %s ] worst |peak error| %.2f°, |bottom error| %.2f°, |range error| %.2f°, bottom frame "
      "within %.0f ms, "
      "standing %.2f° (truth %.2f°), squat timing within %.2f s\n",
      what, e.peak_deg, e.bottom_deg, e.range_deg, 1000.0 * e.bottom_s, *trial.standing_fppa_deg,
      scene.options().standing_fppa_deg, worst_time);
}

TEST(Tracking, RightLimbPlainBackgroundEveryFigureWithinADegree) {
  const SyntheticSquat scene(SceneOptions{});
  const auto frames = track_scene(scene);
  for (const auto& f : frames) ASSERT_TRUE(f.all_found()) << f.t_s;
  EXPECT_LT(largest_position_error(scene, frames), 1.0);
  const KneeTrial trial = knee::analyze_knee(frames, options(Limb::kRight));
  EXPECT_EQ(trial.squats_from, knee::SquatSource::kHipMarker);
  expect_five_squats_within_a_degree(scene, trial, "right, plain");
}

TEST(Tracking, LeftLimbTexturedBackgroundSameSign) {
  SceneOptions o;
  o.limb = Limb::kLeft;
  o.ankle_x_px = 350.0;
  o.tilt_deg = -4.0;
  o.textured = true;
  o.seed = 2;
  const SyntheticSquat scene(o);
  const auto frames = track_scene(scene);
  const KneeTrial trial = knee::analyze_knee(frames, options(Limb::kLeft));
  expect_five_squats_within_a_degree(scene, trial, "left, textured");
  // Valgus is positive for the left limb too; the same video read as a right limb is varus.
  EXPECT_GT(*trial.squats[2].peak_fppa_deg, 14.0);
  const KneeTrial wrong = knee::analyze_knee(frames, options(Limb::kRight));
  EXPECT_LT(*wrong.squats[2].bottom_fppa_deg, -14.0);
}

// The smallest markers of the set-up (7 px radius) in a noisier, blurrier picture, and the
// largest (10 px).
TEST(Tracking, SmallMarkersHeavyNoiseAndLargeMarkers) {
  for (const double radius : {7.0, 10.0}) {
    SceneOptions o;
    o.marker_radius_px = radius;
    o.textured = true;
    o.noise_sd = radius < 8.0 ? 10.0 : 6.0;
    o.blur_sigma = radius < 8.0 ? 1.2 : 0.8;
    o.seed = 5;
    const SyntheticSquat scene(o);
    const auto frames = track_scene(scene);
    for (const auto& f : frames) ASSERT_TRUE(f.all_found()) << "radius " << radius << " " << f.t_s;
    EXPECT_LT(largest_position_error(scene, frames), 1.0) << radius;
    const KneeTrial trial = knee::analyze_knee(frames, options(Limb::kRight));
    expect_five_squats_within_a_degree(scene, trial,
                                       radius < 8.0 ? "7 px, noise 10, blur 1.2" : "10 px");
  }
}

TEST(Tracking, OccludedKneeGivesNoAngleAndTheTrackComesBack) {
  SceneOptions o;
  o.occlude_knee = std::pair{150, 162};  // 0.4 s of squat 2, near its bottom
  const SyntheticSquat scene(o);
  const auto frames = track_scene(scene);
  const KneeTrial trial = knee::analyze_knee(frames, options(Limb::kRight));
  for (int i = 0; i < scene.frame_count(); ++i) {
    const bool hidden = i >= 150 && i < 162;
    EXPECT_EQ(trial.frames[i].fppa_deg.has_value(), !hidden) << "frame " << i;
    EXPECT_EQ(trial.frames[i].knee.has_value(), !hidden) << "frame " << i;
  }
  EXPECT_LT(largest_position_error(scene, frames), 1.0);
  ASSERT_EQ(trial.squats.size(), 5u);
  EXPECT_EQ(trial.squats[1].fppa_frames, trial.squats[1].frames - 12);
  // The figures of the other squats are untouched.
  for (std::size_t k : {0u, 2u, 3u, 4u}) {
    const auto& q = trial.squats[k];
    EXPECT_NEAR(*q.peak_fppa_deg, squat_truth(scene, q.start_s, q.end_s).peak_fppa_deg, 1.0);
  }
}

TEST(Tracking, SimilarColoursInTheBackgroundDoNotStealTheTrack) {
  SceneOptions o;
  o.textured = true;
  o.seed = 3;
  // A green ball level with the knee, a magenta bag beside the hip, a blue bottle by the foot,
  // all there from the first frame.
  o.distractors = {
      {420, 250, 9, kGreen}, {190, 110, 10, kMagenta}, {200, 420, 8, kBlue}, {230, 200, 9, kGreen}};
  const SyntheticSquat scene(o);
  const auto frames = track_scene(scene);
  for (const auto& f : frames) ASSERT_TRUE(f.all_found()) << f.t_s;
  const double worst = largest_position_error(scene, frames);
  EXPECT_LT(worst, 1.0);
  const KneeTrial trial = knee::analyze_knee(frames, options(Limb::kRight));
  expect_five_squats_within_a_degree(scene, trial, "distractors");
  std::printf("[ distractors ] worst marker position error %.2f px\n", worst);
}

// While a hand covers the knee, a green ball 73 px below where the knee was last seen, where a
// knee could be (between hip and ankle, in line with them): only the gate keeps it out.
TEST(Tracking, SimilarColourNearAnOccludedKneeIsNotTaken) {
  SceneOptions o;
  o.occlude_knee = std::pair{150, 162};
  const SyntheticSquat probe(o);
  const TruthFrame last_seen = probe.truth(149);
  o.distractors = {{last_seen.knee.x_px + 20.0, last_seen.knee.y_px + 70.0, 8.5, kGreen}};
  const SyntheticSquat scene(o);
  double nearest = 1e9;  // the knee's closest approach to the ball while covered
  for (int i = 150; i < 162; ++i) {
    nearest = std::min(
        nearest, distance(scene.truth(i).knee, {o.distractors[0].x_px, o.distractors[0].y_px}));
  }
  ASSERT_GT(nearest, 62.0);  // beyond the largest gate (60 px): the scene tests the gate
  const auto frames = track_scene(scene);
  for (int i = 150; i < 162; ++i) EXPECT_FALSE(frames[i].at(Marker::kKnee)) << "frame " << i;
  EXPECT_LT(largest_position_error(scene, frames), 1.0);  // no frame took the ball
  for (int i = 162; i < scene.frame_count(); ++i) ASSERT_TRUE(frames[i].all_found()) << i;
  // Without the gate's limit the ball is taken: the test can fail.
  vision::TrackerOptions loose;
  loose.max_gate_px = 200.0;
  loose.gate_growth_px = 20.0;
  EXPECT_GT(largest_position_error(scene, track_scene(scene, loose)), 30.0);
}

TEST(Tracking, MarkerFallingOffIsLostForGoodNotReplacedByItselfOnTheFloor) {
  SceneOptions o;
  o.knee_falls_at = 190;  // during the pause after squat 2
  o.distractors = {{420, 250, 9, kGreen}};
  const SyntheticSquat scene(o);
  const auto frames = track_scene(scene);
  const KneeTrial trial = knee::analyze_knee(frames, options(Limb::kRight));
  for (int i = 0; i < scene.frame_count(); ++i) {
    EXPECT_EQ(trial.frames[i].fppa_deg.has_value(), i < 190) << "frame " << i;
  }
  ASSERT_EQ(trial.squats.size(), 5u);  // the hip still shows every squat
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& q = trial.squats[k];
    EXPECT_NEAR(*q.peak_fppa_deg, squat_truth(scene, q.start_s, q.end_s).peak_fppa_deg, 1.0);
  }
  for (std::size_t k = 2; k < 5; ++k) EXPECT_FALSE(trial.squats[k].peak_fppa_deg);
  EXPECT_EQ(trial.squats_in_mean, 2);
}

// A slow host drops frames while the patient moves: the hip is next seen 65 px from where it
// was, beyond the largest gate, while the knee and ankle stayed within theirs. It is lost (never
// guessed) for reacquire_after_s, then found again as part of the whole leg.
TEST(Tracking, AMarkerThatMovedBeyondTheGateIsFoundAgainWithTheLeg) {
  const SyntheticSquat before(SceneOptions{});
  SceneOptions o;
  o.thigh_px = 100.0;  // the hip 65 px lower; knee and ankle where they were
  const SyntheticSquat after(o);
  constexpr int kJump = 30;  // frame 30 (1 s), standing
  const auto hip_of = [](const knee::MarkerFrame& f) { return f.at(Marker::kHip); };
  for (const double reacquire_after_s : {1.0, 1e9}) {
    vision::TrackerOptions options;
    options.reacquire_after_s = reacquire_after_s;
    vision::MarkerTracker tracker(options);
    std::vector<knee::MarkerFrame> frames;
    for (int i = 0; i < 2 * kJump + 10; ++i) {
      const SyntheticSquat& scene = i < kJump ? before : after;
      frames.push_back(tracker.track(scene.render(i), scene.truth(i).t_s));
    }
    ASSERT_GT(distance(before.truth(kJump - 1).hip, after.truth(kJump).hip), 62.0);
    for (int i = 0; i < kJump; ++i) ASSERT_TRUE(frames[i].all_found()) << i;
    for (int i = kJump; i < 2 * kJump + 10; ++i) {
      ASSERT_TRUE(frames[i].at(Marker::kKnee) && frames[i].at(Marker::kAnkle)) << i;
    }
    if (reacquire_after_s > 100.0) {  // without it the hip never comes back: the test can fail
      EXPECT_FALSE(hip_of(frames.back()));
      continue;
    }
    // Lost for a second of frames after it was last seen (frame kJump - 1), then back, right
    // (the frame a second on is either: its time is a sum of rounded frame intervals).
    const int second_on = kJump - 1 + 30;
    for (int i = kJump; i < second_on; ++i) EXPECT_FALSE(hip_of(frames[i])) << "frame " << i;
    for (int i = second_on + 1; i < 2 * kJump + 10; ++i) {
      ASSERT_TRUE(hip_of(frames[i])) << "frame " << i;
      EXPECT_LT(distance(*hip_of(frames[i]), after.truth(i).hip), 1.0) << "frame " << i;
    }
  }
}

TEST(Tracking, LightingChangeMidTrial) {
  for (double gain : {0.5, 1.4}) {
    SceneOptions o;
    o.light = std::pair{120, gain};
    o.textured = true;
    const SyntheticSquat scene(o);
    const auto frames = track_scene(scene);
    for (const auto& f : frames) ASSERT_TRUE(f.all_found()) << "gain " << gain << " t " << f.t_s;
    const KneeTrial trial = knee::analyze_knee(frames, options(Limb::kRight));
    expect_five_squats_within_a_degree(scene, trial,
                                       gain < 1.0 ? "lamp off (x0.5)" : "lamp on (x1.4)");
  }
}

TEST(Tracking, SquatsFromThePlate) {
  const SyntheticSquat scene(SceneOptions{});
  const auto frames = track_scene(scene);
  const auto plate = scene.squat_intervals();
  const KneeTrial trial = knee::analyze_knee(frames, options(Limb::kRight), &plate);
  EXPECT_EQ(trial.squats_from, knee::SquatSource::kPlate);
  ASSERT_EQ(trial.squats.size(), 5u);
  EXPECT_DOUBLE_EQ(trial.squats[3].start_s, plate[3].start_s);
  const SquatErrors e = compare_squats(scene, trial);
  EXPECT_LT(e.peak_deg, 1.0);
  EXPECT_LT(e.bottom_deg, 1.0);
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_NEAR(*trial.squats[k].peak_fppa_deg, scene.options().peak_fppa_deg[k], 1.6);
  }
}

// The video stops at the bottom of squat 4 and no plate says where the squats are: squat 4 is
// reported as not wholly on video and left out of the mean.
TEST(Tracking, VideoEndingMidSquatWithoutAPlate) {
  const SyntheticSquat scene(SceneOptions{});
  auto frames = track_scene(scene);
  const auto designed = scene.squat_intervals();
  frames.resize(static_cast<std::size_t>((designed[3].start_s + 1.2) * 30.0));
  const KneeTrial trial = knee::analyze_knee(frames, options(Limb::kRight));
  ASSERT_EQ(trial.squats.size(), 4u);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_TRUE(trial.squats[k].complete);
  EXPECT_FALSE(trial.squats[3].complete);
  EXPECT_EQ(trial.squats_in_mean, 3);
}

TEST(Tracking, NoMarkersNoAngles) {
  vision::MarkerTracker tracker;
  const cv::Mat grey(480, 640, CV_8UC3, cv::Scalar(100, 100, 100));
  const auto f = tracker.track(grey, 0.0);
  EXPECT_FALSE(f.at(Marker::kHip) || f.at(Marker::kKnee) || f.at(Marker::kAnkle));
}

TEST(LearnColour, FromAClickOnEachMarker) {
  SceneOptions o;
  o.textured = true;
  const SyntheticSquat scene(o);
  const cv::Mat img = scene.render(0);
  const TruthFrame t = scene.truth(0);
  vision::TrackerOptions learnt;
  for (Marker m : vision::kMarkers) {
    const knee::PointPx p = m == Marker::kHip ? t.hip : (m == Marker::kKnee ? t.knee : t.ankle);
    const auto range = vision::learn_colour(img, static_cast<int>(std::lround(p.x_px)),
                                            static_cast<int>(std::lround(p.y_px)));
    ASSERT_TRUE(range) << range.error().message;
    learnt.colours.of(m) = *range;
  }
  // Magenta at hue 150, green 60, blue 115 (OpenCV units): each range holds only its own.
  auto holds = [](const vision::HsvRange& r, int h) {
    return r.hue_lo <= r.hue_hi ? (h >= r.hue_lo && h <= r.hue_hi)
                                : (h >= r.hue_lo || h <= r.hue_hi);
  };
  EXPECT_TRUE(holds(learnt.colours.hip, 150));
  EXPECT_FALSE(holds(learnt.colours.hip, 115));
  EXPECT_TRUE(holds(learnt.colours.knee, 60));
  EXPECT_TRUE(holds(learnt.colours.ankle, 115));
  EXPECT_FALSE(holds(learnt.colours.ankle, 150));
  // The learnt colours track the scene as well as the defaults.
  const auto frames = track_scene(scene, learnt);
  for (const auto& f : frames) ASSERT_TRUE(f.all_found()) << f.t_s;
  EXPECT_LT(largest_position_error(scene, frames), 1.0);
  // A click on the grey background is refused.
  EXPECT_FALSE(vision::learn_colour(img, 600, 460));
  EXPECT_FALSE(vision::learn_colour(img, 1, 1));
}

}  // namespace
}  // namespace stance::test
