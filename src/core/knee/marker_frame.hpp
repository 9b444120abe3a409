#pragma once
// The three skin markers of the knee test and where a camera saw them in one frame: plain types
// the trial file keeps and the knee analysis reads (the tracker that finds them is src/vision).
// Image coordinates in pixels, x to the picture's right, y down (OpenCV's).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stance::knee {

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

// One frame's markers; a marker not found is empty (LOST): never guessed.
struct MarkerFrame {
  double t_s = 0.0;
  std::array<std::optional<PointPx>, 3> markers;
  const std::optional<PointPx>& at(Marker m) const { return markers[index_of(m)]; }
  std::optional<PointPx>& at(Marker m) { return markers[index_of(m)]; }
  bool all_found() const { return markers[0] && markers[1] && markers[2]; }
};

// The markers of a whole trial as the camera filmed them beside the plate: the trial file keeps
// this (chunk KNEE, docs/recording-format.md), never the pictures.
struct MarkerTrack {
  std::string camera;  // its address: a /dev/video node, a file, "sim-camera:…"
  double rate_hz = 0.0;
  int width_px = 0, height_px = 0;
  // Frame times are on the trial's time axis: seconds from the plate's first kept sample.
  std::vector<MarkerFrame> frames;
  bool interrupted = false;  // the camera stopped before the plate (unplugged, file ended)
  std::string end_reason;    // why, when interrupted
};

}  // namespace stance::knee
