#include "vision/colour_threshold.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <string>

namespace stance::vision {

void to_hsv(const cv::Mat& bgr, cv::Mat& hsv) {
  cv::cvtColor(bgr, hsv, cv::COLOR_BGR2HSV);
}

void threshold(const cv::Mat& hsv, const HsvRange& r, cv::Mat& mask) {
  if (r.hue_lo <= r.hue_hi) {
    cv::inRange(hsv, cv::Scalar(r.hue_lo, r.sat_lo, r.val_lo),
                cv::Scalar(r.hue_hi, r.sat_hi, r.val_hi), mask);
    return;
  }
  cv::Mat upper;
  cv::inRange(hsv, cv::Scalar(r.hue_lo, r.sat_lo, r.val_lo), cv::Scalar(179, r.sat_hi, r.val_hi),
              mask);
  cv::inRange(hsv, cv::Scalar(0, r.sat_lo, r.val_lo), cv::Scalar(r.hue_hi, r.sat_hi, r.val_hi),
              upper);
  cv::bitwise_or(mask, upper, mask);
}

namespace {

constexpr double kHueToRad = std::numbers::pi / 90.0;  // OpenCV hue 0..180 is 0..360°

// Signed distance between two OpenCV hues, in hue units, in (-90, 90].
double hue_difference(double a, double b) {
  double d = std::fmod(a - b, 180.0);
  if (d > 90.0) d -= 180.0;
  if (d <= -90.0) d += 180.0;
  return d;
}

}  // namespace

Result<HsvRange> learn_colour(const cv::Mat& bgr, int x_px, int y_px, const LearnOptions& o) {
  if (bgr.empty() || bgr.type() != CV_8UC3) return Error{"learn_colour needs an 8-bit BGR frame"};
  const int r = o.patch_radius_px;
  if (x_px - r < 0 || y_px - r < 0 || x_px + r >= bgr.cols || y_px + r >= bgr.rows) {
    return Error{"the clicked point (" + std::to_string(x_px) + ", " + std::to_string(y_px) +
                 ") is too close to the edge of the frame, or outside it"};
  }
  cv::Mat hsv;
  to_hsv(bgr(cv::Rect(x_px - r, y_px - r, 2 * r + 1, 2 * r + 1)), hsv);
  double sx = 0.0, sy = 0.0;
  int min_s = 255, min_v = 255;
  for (int y = 0; y < hsv.rows; ++y) {
    for (int x = 0; x < hsv.cols; ++x) {
      const cv::Vec3b p = hsv.at<cv::Vec3b>(y, x);
      sx += std::cos(p[0] * kHueToRad);
      sy += std::sin(p[0] * kHueToRad);
      min_s = std::min<int>(min_s, p[1]);
      min_v = std::min<int>(min_v, p[2]);
    }
  }
  if (min_s < o.min_saturation || min_v < o.min_value) {
    return Error{"the clicked patch is not a bright saturated colour (saturation " +
                 std::to_string(min_s) + ", value " + std::to_string(min_v) +
                 "): click the middle of the marker"};
  }
  double mean_hue = std::atan2(sy, sx) / kHueToRad;
  if (mean_hue < 0.0) mean_hue += 180.0;
  double spread = 0.0;
  for (int y = 0; y < hsv.rows; ++y) {
    for (int x = 0; x < hsv.cols; ++x) {
      spread = std::max(spread, std::abs(hue_difference(hsv.at<cv::Vec3b>(y, x)[0], mean_hue)));
    }
  }
  if (spread > 20.0)
    return Error{"the clicked patch holds several colours: click the marker's middle"};
  const double half = spread + o.hue_margin;
  HsvRange range;
  auto wrap = [](double h) {
    return static_cast<int>(std::lround(std::fmod(h + 180.0, 180.0))) % 180;
  };
  range.hue_lo = wrap(mean_hue - half);
  range.hue_hi = wrap(mean_hue + half);
  range.sat_lo = min_s / 2;
  range.val_lo = min_v / 2;
  return range;
}

}  // namespace stance::vision
