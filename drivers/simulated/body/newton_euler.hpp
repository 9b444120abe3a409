#pragma once
// The ground reaction of a body whose motion is known: Newton-Euler summed over the segments.
//   R   = Σ mᵢ (aᵢ + g ẑ)                                   (force of the ground on the body)
//   M_O = Σ [ rᵢ × mᵢ (aᵢ + g ẑ) + Iᵢ αᵢ + ωᵢ × Iᵢ ωᵢ ]       (its moment about the origin)
// with segment accelerations from central differences of three poses h apart.
#include <Eigen/Core>

#include "simulated/body/anthropometry.hpp"
#include "simulated/body/body_pose.hpp"

namespace stance::sim::body {

struct GroundReaction {
  Eigen::Vector3d force_n = Eigen::Vector3d::Zero();    // on the body, limb frame
  Eigen::Vector3d moment_nm = Eigen::Vector3d::Zero();  // about the origin (plate surface)
  // Centre of pressure on the surface z = 0 and free moment about the vertical through it:
  // M_O = p × R + T ẑ, so x = -M_y / R_z, y = M_x / R_z, T = M_z - (x R_y - y R_x).
  double cop_x_m = 0.0, cop_y_m = 0.0, free_moment_nm = 0.0;
  Eigen::Vector3d com_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d com_velocity_m_s = Eigen::Vector3d::Zero();
  Eigen::Vector3d com_acceleration_m_s2 = Eigen::Vector3d::Zero();
};

GroundReaction ground_reaction(const Anthropometry& a, const BodyPose& before, const BodyPose& now,
                               const BodyPose& after, double step_s);

}  // namespace stance::sim::body
