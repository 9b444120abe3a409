#include "simulated/body/newton_euler.hpp"

#include "core/units.hpp"
#include "simulated/body/rotation.hpp"

namespace stance::sim::body {

GroundReaction ground_reaction(const Anthropometry& a, const BodyPose& before, const BodyPose& now,
                               const BodyPose& after, double step_s) {
  using Eigen::Matrix3d;
  using Eigen::Vector3d;
  const Vector3d g(0.0, 0.0, kStandardGravity_m_s2);
  const double h2 = step_s * step_s;
  GroundReaction out;
  for (int i = 0; i < kSegmentCount; ++i) {
    const auto idx = static_cast<std::size_t>(i);
    const SegmentInertia& s = a.segments[idx];
    const SegmentPose& p0 = now.segments[idx];
    const SegmentPose& pm = before.segments[idx];
    const SegmentPose& pp = after.segments[idx];
    const Vector3d acc = (pp.com_m - 2.0 * p0.com_m + pm.com_m) / h2;
    // World-frame rotation vectors of the two half steps: ω ≈ their mean / h, α ≈ difference / h².
    const Vector3d turn_in = rotation_vector(p0.rot * pm.rot.transpose());
    const Vector3d turn_out = rotation_vector(pp.rot * p0.rot.transpose());
    const Vector3d omega = (turn_in + turn_out) / (2.0 * step_s);
    const Vector3d alpha = (turn_out - turn_in) / h2;
    const Matrix3d inertia = p0.rot * s.inertia_kg_m2.asDiagonal() * p0.rot.transpose();
    const Vector3d f = s.mass_kg * (acc + g);
    out.force_n += f;
    out.moment_nm += p0.com_m.cross(f) + inertia * alpha + omega.cross(inertia * omega);
  }
  const double rz = out.force_n.z();
  out.cop_x_m = -out.moment_nm.y() / rz;
  out.cop_y_m = out.moment_nm.x() / rz;
  out.free_moment_nm =
      out.moment_nm.z() - (out.cop_x_m * out.force_n.y() - out.cop_y_m * out.force_n.x());
  out.com_m = now.com_m;
  out.com_velocity_m_s = (after.com_m - before.com_m) / (2.0 * step_s);
  out.com_acceleration_m_s2 = (after.com_m - 2.0 * now.com_m + before.com_m) / h2;
  return out;
}

}  // namespace stance::sim::body
