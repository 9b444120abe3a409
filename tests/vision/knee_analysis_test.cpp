// The per-squat and per-trial figures on hand-made marker frames (no pictures): each figure
// against its definition.
#include "core/knee/knee_analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace stance::knee {
namespace {

// A right leg whose knee sits `fppa_deg` medial: hip above the ankle, the knee at mid-height
// pushed toward +x by h·tan(FPPA/2) (each segment turns by half the angle).
MarkerFrame frame(double t_s, double fppa_deg, double hip_drop_px) {
  MarkerFrame f;
  f.t_s = t_s;
  const double h = 150.0 - hip_drop_px / 2.0;  // half the hip–ankle height
  const double dx = h * std::tan(fppa_deg / 2.0 * std::numbers::pi / 180.0);
  f.at(Marker::kAnkle) = PointPx{300.0, 400.0};
  f.at(Marker::kKnee) = PointPx{300.0 + dx, 400.0 - h};
  f.at(Marker::kHip) = PointPx{300.0, 400.0 - 2.0 * h};
  return f;
}

KneeOptions right() {
  KneeOptions o;
  o.limb = Limb::kRight;
  return o;
}

TEST(KneeAnalysis, FiguresOfOneSquatFromThePlate) {
  // 10 frames/s: standing at 3° for 1 s, then a squat from 1.0 to 3.0 s whose FPPA rises to
  // 15° at 2.0 s (the hip lowest) and falls, then standing.
  std::vector<MarkerFrame> frames;
  for (int i = 0; i <= 40; ++i) {
    const double t = i / 10.0;
    const double p = (t > 1.0 && t < 3.0) ? std::sin(std::numbers::pi * (t - 1.0) / 2.0) : 0.0;
    frames.push_back(frame(t, 3.0 + 12.0 * p, 60.0 * p));
  }
  frames[25].at(Marker::kKnee).reset();                           // lost in one frame of the squat
  const std::vector<TimeInterval> plate{{1.0, 3.0}, {5.0, 6.0}};  // the second after the video
  const KneeTrial t = analyze_knee(frames, right(), &plate);
  ASSERT_EQ(t.squats.size(), 1u);
  const KneeSquat& q = t.squats[0];
  EXPECT_EQ(q.frames, 21);
  EXPECT_EQ(q.fppa_frames, 20);
  EXPECT_NEAR(*q.peak_fppa_deg, 15.0, 1e-9);
  EXPECT_NEAR(*q.bottom_fppa_deg, 15.0, 1e-9);
  EXPECT_NEAR(q.bottom_s, 2.0, 1e-9);
  EXPECT_NEAR(*q.range_deg, 12.0, 1e-9);
  EXPECT_TRUE(q.complete);
  EXPECT_NEAR(*t.standing_fppa_deg, 3.0, 1e-9);
  EXPECT_NEAR(*t.mean_peak_fppa_deg, 15.0, 1e-9);
  EXPECT_EQ(t.squats_in_mean, 1);
  EXPECT_FALSE(t.frames[25].fppa_deg);
  EXPECT_EQ(t.notes.size(), 2u);  // a plate squat outside the video; a frame without FPPA
}

TEST(KneeAnalysis, MeanOfSquatsOneToFourOnly) {
  std::vector<MarkerFrame> frames;
  std::vector<TimeInterval> plate;
  const double peaks[] = {10.0, 12.0, 14.0, 16.0, 30.0};
  for (int k = 0; k < 5; ++k) plate.push_back({1.0 + 3.0 * k, 3.0 + 3.0 * k});
  for (int i = 0; i <= 170; ++i) {
    const double t = i / 10.0;
    double fppa = 2.0, drop = 0.0;
    for (int k = 0; k < 5; ++k) {
      if (t > plate[k].start_s && t < plate[k].end_s) {
        const double p = std::sin(std::numbers::pi * (t - plate[k].start_s) / 2.0);
        fppa += (peaks[k] - 2.0) * p;
        drop = 60.0 * p;
      }
    }
    frames.push_back(frame(t, fppa, drop));
  }
  const KneeTrial t = analyze_knee(frames, right(), &plate);
  ASSERT_EQ(t.squats.size(), 5u);
  EXPECT_NEAR(*t.mean_peak_fppa_deg, 13.0, 1e-9);  // (10 + 12 + 14 + 16) / 4, not the 30
  EXPECT_EQ(t.squats_in_mean, 4);
  // The same frames without the plate: the hip finds the same five squats.
  const KneeTrial by_hip = analyze_knee(frames, right());
  ASSERT_EQ(by_hip.squats.size(), 5u);
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_NEAR(by_hip.squats[k].start_s, plate[k].start_s, 0.35);
    EXPECT_NEAR(by_hip.squats[k].end_s, plate[k].end_s, 0.35);
    EXPECT_NEAR(*by_hip.squats[k].peak_fppa_deg, peaks[k], 1e-9);
  }
}

TEST(KneeAnalysis, SwayAndAShallowDipAreNotSquats) {
  std::vector<MarkerFrame> frames;
  for (int i = 0; i <= 100; ++i) {
    const double t = i / 10.0;
    // Hip–ankle 300 px: the minimum depth is 24 px. Sway of ±3 px and a 15-px dip.
    const double dip =
        (t > 4.0 && t < 6.0) ? 15.0 * std::sin(std::numbers::pi * (t - 4.0) / 2.0) : 0.0;
    frames.push_back(frame(t, 4.0, 3.0 + 3.0 * std::sin(7.0 * t) + dip));
  }
  const KneeTrial t = analyze_knee(frames, right());
  EXPECT_TRUE(t.squats.empty());
  EXPECT_NEAR(*t.standing_fppa_deg, 4.0, 1e-9);  // no squat: every frame is standing
}

TEST(KneeAnalysis, PlateSquatIntervals) {
  SquatAnalysis plate;
  SquatRep a, b;
  a.start_s = 1.5;
  a.end_s = 3.5;
  b.start_s = 4.25;
  b.end_s = 6.0;
  plate.reps = {a, b};
  const auto iv = squat_intervals(plate);
  ASSERT_EQ(iv.size(), 2u);
  EXPECT_EQ(iv[1].start_s, 4.25);
  EXPECT_EQ(iv[1].end_s, 6.0);
}

}  // namespace
}  // namespace stance::knee
