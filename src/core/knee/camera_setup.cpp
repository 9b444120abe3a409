#include "core/knee/camera_setup.hpp"

#include <cmath>
#include <cstdio>

namespace stance::knee {
namespace {

std::string format(const char* pattern, double a, double b = 0.0) {
  char text[320];
  std::snprintf(text, sizeof text, pattern, a, b);
  return text;
}

double distance(PointPx a, PointPx b) {
  return std::hypot(a.x_px - b.x_px, a.y_px - b.y_px);
}

}  // namespace

std::vector<std::string> camera_setup_advice(const MarkerFrame& standing,
                                             std::optional<double> standing_fppa_deg, int width_px,
                                             int height_px, const SetupLimits& limits) {
  std::vector<std::string> advice;
  for (Marker m : kMarkers) {
    if (!standing.at(m)) {
      advice.push_back(std::string("The ") + to_string(m) +
                       " marker is not seen: check that it is on the skin, faces the camera and "
                       "is inside the picture.");
    }
  }
  if (!standing.all_found() || width_px <= 0 || height_px <= 0) return advice;
  const PointPx hip = *standing.at(Marker::kHip);
  const PointPx knee = *standing.at(Marker::kKnee);
  const PointPx ankle = *standing.at(Marker::kAnkle);
  const double h = height_px;
  const double leg = (ankle.y_px - hip.y_px) / h;
  if (leg < limits.min_leg_fraction) {
    advice.push_back(format(
        "The leg fills only %.0f%% of the picture's height: move the camera closer (2-3 m in "
        "front of the patient).",
        100.0 * leg));
  }
  const double edge = limits.edge_fraction * h;
  if (hip.y_px < edge || ankle.y_px > h - edge) {
    advice.push_back(
        "A marker is at the picture's edge: it is lost when the patient squats. Move the camera "
        "back, or set it at knee height.");
  }
  const double shank = distance(knee, ankle);
  const double ratio = shank > 0 ? distance(hip, knee) / shank : 0.0;
  if (ratio < limits.min_segment_ratio || ratio > limits.max_segment_ratio) {
    advice.push_back(format(
        "Thigh and shank look unequal (thigh %.2f x shank): check the markers' places (front of "
        "the hip bone, middle of the kneecap, between the ankle bones) and that the camera is at "
        "knee height, not tilted.",
        ratio));
  }
  if (standing_fppa_deg && std::abs(*standing_fppa_deg) > limits.max_standing_fppa_deg) {
    advice.push_back(format(
        "Standing, the knee already shows %.0f degrees of FPPA: check that the foot points at "
        "the camera and the camera faces the knee square-on (a turned limb or camera adds FPPA "
        "that is not there once the knee bends).",
        *standing_fppa_deg));
  }
  return advice;
}

}  // namespace stance::knee
