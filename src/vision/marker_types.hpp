#pragma once
// Plain types of the marker video: the three skin markers, their colours, where they were found
// in each frame. Image coordinates in pixels, x to the picture's right, y down (OpenCV's).
#include <array>
#include <cstdint>
#include <optional>

namespace stance::vision {

enum class Marker : std::uint8_t { kHip = 0, kKnee = 1, kAnkle = 2 };
inline constexpr std::array<Marker, 3> kMarkers{Marker::kHip, Marker::kKnee, Marker::kAnkle};
inline constexpr std::size_t index_of(Marker m) {
  return static_cast<std::size_t>(m);
}
const char* to_string(Marker m);

struct PointPx {
  double x_px = 0.0;
  double y_px = 0.0;
};

// A colour range in OpenCV's 8-bit HSV: hue 0–179 (degrees / 2), saturation and value 0–255.
// hue_lo > hue_hi wraps through red (e.g. 170..10).
struct HsvRange {
  int hue_lo = 0, hue_hi = 179;
  int sat_lo = 0, sat_hi = 255;
  int val_lo = 0, val_hi = 255;
};

// Defaults: saturated magenta (hip, ASIS), green (knee, mid-patella), blue (ankle, malleoli
// midpoint), bright enough for a room lit from the front; value from 60 so a darker room or a
// shadow still passes (docs/camera.md).
struct MarkerColours {
  HsvRange hip{140, 170, 90, 255, 60, 255};
  HsvRange knee{45, 85, 90, 255, 60, 255};
  HsvRange ankle{100, 130, 90, 255, 60, 255};
  const HsvRange& of(Marker m) const;
  HsvRange& of(Marker m);
};

// One frame's markers; a marker not found is empty (LOST): never guessed.
struct MarkerFrame {
  double t_s = 0.0;
  std::array<std::optional<PointPx>, 3> markers;
  const std::optional<PointPx>& at(Marker m) const { return markers[index_of(m)]; }
  std::optional<PointPx>& at(Marker m) { return markers[index_of(m)]; }
  bool all_found() const { return markers[0] && markers[1] && markers[2]; }
};

}  // namespace stance::vision
