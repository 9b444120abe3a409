#include "synthetic_squat.hpp"

#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>

namespace stance::test {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr int kShift = 4;  // sub-pixel drawing: coordinates in 1/16 px

cv::Point fixed(double x, double y) {
  return {static_cast<int>(std::lround(x * (1 << kShift))),
          static_cast<int>(std::lround(y * (1 << kShift)))};
}

}  // namespace

SyntheticSquat::SyntheticSquat(SceneOptions options) : o_(std::move(options)) {
  if (o_.noise_sd > 0.0) {
    cv::RNG rng(o_.seed * 7919u);
    for (int k = 0; k < 7; ++k) {  // drawn once: the normal generator is the slow part
      cv::Mat noise(480, 640, CV_16SC3);
      rng.fill(noise, cv::RNG::NORMAL, 0.0, o_.noise_sd);
      noise_.push_back(noise);
    }
  }
  background_ = cv::Mat(480, 640, CV_8UC3, cv::Scalar(105, 110, 112));
  if (o_.textured) {
    cv::RNG rng(o_.seed + 100);
    for (int i = 0; i < 60; ++i) {  // greyish tiles, a shelf, posters of non-marker colours
      const cv::Point a(rng.uniform(0, 640), rng.uniform(0, 480));
      const cv::Point b = a + cv::Point(rng.uniform(20, 160), rng.uniform(20, 120));
      const int g = rng.uniform(40, 200);
      cv::rectangle(background_, a, b, cv::Scalar(g, g + rng.uniform(-15, 15), g + 10), cv::FILLED);
    }
    cv::rectangle(background_, {20, 40}, {110, 150}, cv::Scalar(30, 140, 240),
                  cv::FILLED);  // orange
    cv::rectangle(background_, {520, 300}, {600, 380}, cv::Scalar(40, 220, 230),
                  cv::FILLED);                                                    // yellow
    cv::circle(background_, {560, 80}, 30, cv::Scalar(30, 30, 210), cv::FILLED);  // red
    cv::Mat stripes(480, 640, CV_8UC3);
    for (int y = 0; y < 480; ++y) {
      for (int x = 0; x < 640; ++x) {
        const auto v = static_cast<uchar>(12.0 * (1.0 + std::sin(0.15 * x + 0.05 * y)));
        stripes.at<cv::Vec3b>(y, x) = {v, v, v};
      }
    }
    background_ += stripes;
  }
}

int SyntheticSquat::frame_count() const {
  const double n = static_cast<double>(o_.peak_fppa_deg.size());
  const double total =
      o_.stand_before_s + n * o_.squat_s + (n - 1.0) * o_.pause_s + o_.stand_after_s;
  return static_cast<int>(std::floor(total * o_.fps));
}

std::vector<TimeInterval> SyntheticSquat::squat_intervals() const {
  std::vector<TimeInterval> out;
  for (std::size_t k = 0; k < o_.peak_fppa_deg.size(); ++k) {
    const double start = o_.stand_before_s + static_cast<double>(k) * (o_.squat_s + o_.pause_s);
    out.push_back({start, start + o_.squat_s});
  }
  return out;
}

TruthFrame SyntheticSquat::truth(int frame) const {
  TruthFrame t;
  t.t_s = frame / o_.fps;
  double peak = o_.standing_fppa_deg;
  const auto intervals = squat_intervals();
  for (std::size_t k = 0; k < intervals.size(); ++k) {
    if (t.t_s > intervals[k].start_s && t.t_s < intervals[k].end_s) {
      const double s = std::sin(std::numbers::pi * (t.t_s - intervals[k].start_s) / o_.squat_s);
      t.depth = s * s;
      t.squat = static_cast<int>(k) + 1;
      peak = o_.peak_fppa_deg[k];
    }
  }
  t.fppa_deg = o_.standing_fppa_deg + (peak - o_.standing_fppa_deg) * t.depth +
               o_.wobble_deg * t.depth * std::sin(2.0 * std::numbers::pi * o_.wobble_hz * t.t_s);
  // The limb's medial side: +x for the right leg, −x for the left.
  const double side = o_.limb == Limb::kLeft ? -1.0 : 1.0;
  const double beta = (side * t.fppa_deg / 2.0 + o_.tilt_deg) * kDeg;    // thigh, hip → knee
  const double gamma = (-side * t.fppa_deg / 2.0 + o_.tilt_deg) * kDeg;  // shank, knee → ankle
  const double thigh = o_.thigh_px * (1.0 - 0.3 * t.depth);
  const double shank = o_.shank_px * (1.0 - 0.1 * t.depth);
  t.ankle = {o_.ankle_x_px, o_.ankle_y_px};
  t.knee = {t.ankle.x_px - shank * std::sin(gamma), t.ankle.y_px - shank * std::cos(gamma)};
  t.hip = {t.knee.x_px - thigh * std::sin(beta), t.knee.y_px - thigh * std::cos(beta)};
  return t;
}

cv::Mat SyntheticSquat::render(int frame) const {
  const TruthFrame t = truth(frame);
  cv::Mat img = background_.clone();
  const cv::Scalar skin(150, 175, 215), shorts(70, 60, 50);
  auto p = [](const knee::PointPx& q) { return fixed(q.x_px, q.y_px); };
  cv::line(img, p(t.knee), p(t.ankle), skin, 30, cv::LINE_AA, kShift);
  cv::line(img, p(t.hip), p(t.knee), skin, 38, cv::LINE_AA, kShift);
  cv::rectangle(img,
                cv::Point(static_cast<int>(t.hip.x_px) - 45, static_cast<int>(t.hip.y_px) - 60),
                cv::Point(static_cast<int>(t.hip.x_px) + 45, static_cast<int>(t.hip.y_px) - 12),
                shorts, cv::FILLED);
  cv::ellipse(img, cv::Point(static_cast<int>(t.ankle.x_px), static_cast<int>(t.ankle.y_px) + 22),
              cv::Size(40, 10), 0, 0, 360, cv::Scalar(60, 60, 60), cv::FILLED);  // shoe
  for (const Distractor& d : o_.distractors) {
    cv::circle(img, fixed(d.x_px, d.y_px), static_cast<int>(d.radius_px * (1 << kShift)), d.bgr,
               cv::FILLED, cv::LINE_AA, kShift);
  }
  const int r = static_cast<int>(o_.marker_radius_px * (1 << kShift));
  cv::circle(img, p(t.hip), r, kMagenta, cv::FILLED, cv::LINE_AA, kShift);
  cv::circle(img, p(t.ankle), r, kBlue, cv::FILLED, cv::LINE_AA, kShift);
  const bool fallen = o_.knee_falls_at && frame >= *o_.knee_falls_at;
  if (fallen) {  // lying on the floor beside the shoe
    cv::circle(img, fixed(t.ankle.x_px + 45.0, t.ankle.y_px + 30.0), r, kGreen, cv::FILLED,
               cv::LINE_AA, kShift);
  } else {
    cv::circle(img, p(t.knee), r, kGreen, cv::FILLED, cv::LINE_AA, kShift);
  }
  if (o_.occlude_knee && frame >= o_.occlude_knee->first && frame < o_.occlude_knee->second) {
    cv::rectangle(img,
                  cv::Point(static_cast<int>(t.knee.x_px) - 20, static_cast<int>(t.knee.y_px) - 16),
                  cv::Point(static_cast<int>(t.knee.x_px) + 20, static_cast<int>(t.knee.y_px) + 16),
                  skin - cv::Scalar(20, 20, 20), cv::FILLED);  // a hand
  }
  if (o_.light && frame >= o_.light->first) img.convertTo(img, -1, o_.light->second, 0.0);
  if (o_.blur_sigma > 0.0) cv::GaussianBlur(img, img, cv::Size(5, 5), o_.blur_sigma);
  if (!noise_.empty()) {  // sensor noise, a different field from frame to frame
    cv::Mat wide;
    img.convertTo(wide, CV_16SC3);
    wide += noise_[static_cast<std::size_t>(frame) % noise_.size()];
    wide.convertTo(img, CV_8UC3);  // saturates
  }
  return img;
}

}  // namespace stance::test
