#include "simulated/camera/pinhole.hpp"

#include <cmath>

namespace stance::sim {

std::optional<ImagePoint> PinholeCamera::project(const Eigen::Vector3d& plate_m) const {
  const Eigen::Vector3d c = to_camera(plate_m);
  if (c.z() < 0.01) return std::nullopt;
  return ImagePoint{focal_px * c.x() / c.z() + cu_px, focal_px * c.y() / c.z() + cv_px, c.z()};
}

PinholeCamera place_camera(const CameraPlacement& p) {
  // Before the orbit the camera stands on the +y side (the patient faces it) and looks back
  // along −y: its right is the patient's left (−x), so the patient's right leg is on the
  // picture's left; its down is −z.
  const double so = std::sin(p.orbit_rad), co = std::cos(p.orbit_rad);
  const Eigen::Vector3d offset(p.lateral_m, p.distance_m, 0.0);
  // The orbit turns the camera's place and axes about the vertical through the target.
  const Eigen::Vector3d place(co * offset.x() + so * offset.y(), -so * offset.x() + co * offset.y(),
                              0.0);
  Eigen::Vector3d forward(-so, -co, 0.0);
  Eigen::Vector3d right(-co, so, 0.0);
  Eigen::Vector3d down(0.0, 0.0, -1.0);
  // Then the camera is turned at its place: yaw (forward toward right), pitch (forward toward
  // down), roll (right toward down: clockwise as seen from behind the camera).
  const auto turn = [](Eigen::Vector3d& a, Eigen::Vector3d& b, double angle) {
    const Eigen::Vector3d a0 = a;
    a = std::cos(angle) * a0 + std::sin(angle) * b;
    b = std::cos(angle) * b - std::sin(angle) * a0;
  };
  turn(forward, right, p.yaw_rad);
  turn(forward, down, p.pitch_rad);
  turn(right, down, p.roll_rad);

  PinholeCamera cam;
  cam.rot.row(0) = right.transpose();
  cam.rot.row(1) = down.transpose();
  cam.rot.row(2) = forward.transpose();
  cam.centre_m = p.target_m + place + Eigen::Vector3d(0.0, 0.0, p.height_m - p.target_m.z());
  cam.focal_px = p.focal_px;
  cam.cu_px = 0.5 * (p.width_px - 1);
  cam.cv_px = 0.5 * (p.height_px - 1);
  return cam;
}

}  // namespace stance::sim
