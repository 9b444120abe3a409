#pragma once
// Elementary rotations and the rotation vector of a small relative rotation.
#include <Eigen/Core>
#include <Eigen/Geometry>
#include <cmath>

namespace stance::sim::body {

inline Eigen::Matrix3d rot_x(double a_rad) {
  const double c = std::cos(a_rad), s = std::sin(a_rad);
  Eigen::Matrix3d r;
  r << 1.0, 0.0, 0.0, 0.0, c, -s, 0.0, s, c;
  return r;
}
inline Eigen::Matrix3d rot_y(double a_rad) {
  const double c = std::cos(a_rad), s = std::sin(a_rad);
  Eigen::Matrix3d r;
  r << c, 0.0, s, 0.0, 1.0, 0.0, -s, 0.0, c;
  return r;
}
inline Eigen::Matrix3d rot_z(double a_rad) {
  const double c = std::cos(a_rad), s = std::sin(a_rad);
  Eigen::Matrix3d r;
  r << c, -s, 0.0, s, c, 0.0, 0.0, 0.0, 1.0;
  return r;
}

// Rotation vector (axis · angle, rad) of a rotation matrix whose angle is below 90°: from its
// skew part, sin θ · axis, corrected by θ / sin θ (accurate for the tiny angles of one time step).
inline Eigen::Vector3d rotation_vector(const Eigen::Matrix3d& r) {
  const Eigen::Vector3d s(r(2, 1) - r(1, 2), r(0, 2) - r(2, 0), r(1, 0) - r(0, 1));
  const Eigen::Vector3d sin_axis = 0.5 * s;
  const double sin_angle = sin_axis.norm();
  if (sin_angle < 1e-300) return Eigen::Vector3d::Zero();
  return sin_axis * (std::asin(std::min(1.0, sin_angle)) / sin_angle);
}

}  // namespace stance::sim::body
