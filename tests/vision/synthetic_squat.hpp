#pragma once
// Videos the tests make themselves: a leg with three coloured skin markers doing single-leg
// squats of known frontal-plane projection angle, drawn with OpenCV at 640×480, with noise,
// blur and the faults a clinic sees (occlusion, a marker falling off, a lamp, a similar colour
// in the background).
//
// The truth is built from angles, not from the code under test: the shank leaves the fixed
// ankle at γ from the vertical and the thigh at β, so the knee bulges toward +x by β − γ; the
// scene sets β − γ = ±θ(t) (+ for the right limb, whose medial side is the picture's right).
#include <opencv2/core.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "core/recording.hpp"
#include "core/squat/squat_analysis.hpp"
#include "vision/marker_types.hpp"

namespace stance::test {

struct Distractor {
  double x_px = 0.0, y_px = 0.0, radius_px = 9.0;
  cv::Scalar bgr;
};

struct SceneOptions {
  Limb limb = Limb::kRight;
  double fps = 30.0;
  double ankle_x_px = 300.0, ankle_y_px = 420.0;
  double thigh_px = 165.0, shank_px = 170.0;  // standing; the thigh foreshortens by 30% at depth
  double tilt_deg = 3.0;                      // the whole leg leans a little
  double standing_fppa_deg = 2.0;
  std::vector<double> peak_fppa_deg{8.0, 12.0, 16.0, 10.0, 14.0};
  double wobble_deg = 1.5, wobble_hz = 3.0;  // the knee's oscillation, grows with depth
  double stand_before_s = 1.5, squat_s = 2.4, pause_s = 0.8, stand_after_s = 1.0;
  bool textured = false;
  double noise_sd = 6.0, blur_sigma = 0.8;
  double marker_radius_px = 8.0;
  std::optional<std::pair<int, int>> occlude_knee;  // frames [first, last): a hand over it
  std::optional<int> knee_falls_at;                 // from this frame it lies on the floor
  std::vector<Distractor> distractors;
  std::optional<std::pair<int, double>> light;  // from this frame, brightness × gain
  unsigned seed = 1;
};

struct TruthFrame {
  double t_s = 0.0;
  knee::PointPx hip, knee, ankle;
  double fppa_deg = 0.0;  // the designed angle (sign of the clinical convention)
  double depth = 0.0;     // 0 standing … 1 bottom
  int squat = 0;          // 1-based during a squat, 0 standing
};

inline const cv::Scalar kMagenta{200, 40, 200}, kGreen{40, 190, 40}, kBlue{200, 60, 30};

class SyntheticSquat {
 public:
  explicit SyntheticSquat(SceneOptions options);
  int frame_count() const;
  TruthFrame truth(int frame) const;
  cv::Mat render(int frame) const;
  std::vector<TimeInterval> squat_intervals() const;  // designed [start, end]
  const SceneOptions& options() const { return o_; }

 private:
  SceneOptions o_;
  cv::Mat background_;
  std::vector<cv::Mat> noise_;
};

}  // namespace stance::test
