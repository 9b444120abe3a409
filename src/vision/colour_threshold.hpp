#pragma once
// Colour thresholds in HSV, and a colour learnt from a clicked pixel.
#include <opencv2/core.hpp>

#include "support/result.hpp"
#include "vision/marker_types.hpp"

namespace stance::vision {

// The frame (8-bit BGR) in OpenCV's 8-bit HSV, into `hsv` (reused between frames).
void to_hsv(const cv::Mat& bgr, cv::Mat& hsv);

// 255 where the HSV pixel lies in the range (hue wrapping through red when hue_lo > hue_hi).
void threshold(const cv::Mat& hsv, const HsvRange& range, cv::Mat& mask);

struct LearnOptions {
  int patch_radius_px = 3;  // the (2r+1)² patch around the click
  int hue_margin = 8;       // added either side of the patch's hue spread (OpenCV units, 2°)
  int min_saturation = 70;  // a patch less saturated than this is not a colour marker
  int min_value = 50;       // nor one this dark
};

// The HSV range of a marker from a small patch around (x_px, y_px) of an 8-bit BGR frame: the
// patch's circular-mean hue ± its largest deviation plus a margin; saturation and value from
// half of the patch's lowest up to 255, so shading and a dimmer room still pass. Errors: the
// click outside the frame, or a patch that is grey, dark or of several hues.
Result<HsvRange> learn_colour(const cv::Mat& bgr, int x_px, int y_px,
                              const LearnOptions& options = {});

}  // namespace stance::vision
