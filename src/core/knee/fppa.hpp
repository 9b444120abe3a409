#pragma once
// The knee's frontal-plane projection angle (FPPA) in the picture, degrees (docs/metrics.md,
// "Frontal-plane projection angle").
//
// The angle between the thigh line (hip → knee) and the shank line (knee → ankle): 0° when the
// three markers are in line, positive when the knee lies MEDIAL of the hip–ankle line (valgus)
// of the tested limb, negative when lateral (varus). The patient faces the camera, so the
// patient's right leg is on the picture's left and its medial side is toward the picture's right
// (+x); for the left leg medial is toward the picture's left (−x). In image coordinates
// (x right, y down), with u = knee − hip and v = ankle − knee, the signed turn from u to v is
// atan2(u × v, u · v), positive when the knee bulges toward +x; FPPA is that for the right
// limb and its negative for the left.
#include <optional>

#include "core/knee/marker_frame.hpp"
#include "core/recording.hpp"

namespace stance::knee {

// Limb must be left or right (the sign depends on it); kUnspecified gives nullopt.
std::optional<double> fppa_deg(PointPx hip, PointPx knee, PointPx ankle, Limb limb);
// Nullopt when a marker is lost in the frame, or the limb is unspecified.
std::optional<double> fppa_deg(const MarkerFrame& frame, Limb limb);

}  // namespace stance::knee
