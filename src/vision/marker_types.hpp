#pragma once
// The tracker's colour types: which colour range each skin marker has in OpenCV's HSV. The
// markers and their frames themselves are the knee analysis's (core/knee/marker_frame.hpp).
#include "core/knee/marker_frame.hpp"

namespace stance::vision {

// The tracker speaks in the knee analysis's marker types.
using knee::index_of;
using knee::kMarkers;
using knee::Marker;
using knee::MarkerFrame;
using knee::PointPx;

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

}  // namespace stance::vision
