#include "core/knee/fppa.hpp"

#include <cmath>
#include <numbers>

namespace stance::knee {

std::optional<double> fppa_deg(PointPx hip, PointPx knee, PointPx ankle, Limb limb) {
  if (limb != Limb::kLeft && limb != Limb::kRight) return std::nullopt;
  const double ux = knee.x_px - hip.x_px, uy = knee.y_px - hip.y_px;
  const double vx = ankle.x_px - knee.x_px, vy = ankle.y_px - knee.y_px;
  if ((ux == 0.0 && uy == 0.0) || (vx == 0.0 && vy == 0.0)) return std::nullopt;
  const double turn_deg =
      std::atan2(ux * vy - uy * vx, ux * vx + uy * vy) * 180.0 / std::numbers::pi;
  return limb == Limb::kRight ? turn_deg : -turn_deg;
}

std::optional<double> fppa_deg(const MarkerFrame& f, Limb limb) {
  if (!f.all_found()) return std::nullopt;
  return fppa_deg(*f.at(Marker::kHip), *f.at(Marker::kKnee), *f.at(Marker::kAnkle), limb);
}

}  // namespace stance::knee
