#include "simulated/body/body_pose.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "simulated/body/rotation.hpp"

namespace stance::sim::body {
namespace {

using Eigen::Matrix3d;
using Eigen::Vector3d;

constexpr double kMaxKneeRotation_rad = 1.3;
constexpr int kFppaIterations = 6;
constexpr int kFppaIterationsFromNeighbour = 3;
constexpr double kFppaStep_rad = 1e-7;
constexpr double kMarkerHeight_m = 0.02;  // heel and toe markers above the sole

// Frame with long axis z along `axis` and x as close as possible to `lateral`.
Matrix3d frame_from_axis(const Vector3d& axis, const Vector3d& lateral) {
  const Vector3d z = axis.normalized();
  const Vector3d x = (lateral - lateral.dot(z) * z).normalized();
  Matrix3d r;
  r.col(0) = x;
  r.col(1) = z.cross(x);
  r.col(2) = z;
  return r;
}

// The knee lies on the circle of points at shank length from the ankle and thigh length from
// the hip; its position on that circle is the knee's frontal-plane degree of freedom.
struct KneeCircle {
  Vector3d centre, forward, medial;
  double radius = 0.0;
  Vector3d at(double rotation_rad) const {
    return centre + radius * (std::cos(rotation_rad) * forward + std::sin(rotation_rad) * medial);
  }
};

KneeCircle knee_circle(const Vector3d& ankle, const Vector3d& hip, const Vector3d& sagittal_knee,
                       double shank_m, double thigh_m) {
  const Vector3d axis = hip - ankle;
  const double d = axis.norm();
  const Vector3d e = axis / d;
  const double along = (shank_m * shank_m - thigh_m * thigh_m + d * d) / (2.0 * d);
  KneeCircle c;
  c.centre = ankle + along * e;
  c.radius = std::sqrt(std::max(0.0, shank_m * shank_m - along * along));
  const Vector3d off = sagittal_knee - c.centre;
  c.forward = (off - off.dot(e) * e).normalized();
  c.medial = e.cross(c.forward);  // for a right leg with the knee forward: toward -x
  return c;
}

// The rotation on the circle that gives the wanted FPPA (Newton; 0 when no FPPA is wanted).
double solve_knee_rotation(const KneeCircle& c, const Vector3d& hip, const Vector3d& ankle,
                           double fppa_rad, const double* start) {
  if (fppa_rad == 0.0 || c.radius <= 0.0) return 0.0;
  double rot = 0.0;
  int iterations = kFppaIterations;
  if (start != nullptr) {
    rot = *start;
    iterations = kFppaIterationsFromNeighbour;
  } else {
    const Vector3d k0 = c.at(0.0);
    const double above = hip.z() - k0.z();
    const double below = k0.z() - ankle.z();
    rot = fppa_rad / (c.radius * (1.0 / above + 1.0 / below));
  }
  for (int i = 0; i < iterations; ++i) {
    const double g = frontal_projection_angle(hip, c.at(rot), ankle) - fppa_rad;
    const double slope =
        (frontal_projection_angle(hip, c.at(rot + kFppaStep_rad), ankle) - fppa_rad - g) /
        kFppaStep_rad;
    if (slope <= 0.0) break;
    rot = std::clamp(rot - g / slope, -kMaxKneeRotation_rad, kMaxKneeRotation_rad);
  }
  return rot;
}

}  // namespace

double frontal_projection_angle(const Vector3d& hip, const Vector3d& knee, const Vector3d& ankle) {
  const double ux = knee.x() - hip.x(), uz = knee.z() - hip.z();
  const double vx = ankle.x() - knee.x(), vz = ankle.z() - knee.z();
  return std::atan2(ux * vz - uz * vx, ux * vx + uz * vz);
}

BodyPose make_pose(const Anthropometry& a, const PoseAngles& q, const double* knee_rotation_start) {
  const SegmentInertia& foot = a[SegmentId::kStanceFoot];
  const SegmentInertia& shank = a[SegmentId::kStanceShank];
  const SegmentInertia& thigh = a[SegmentId::kStanceThigh];
  const SegmentInertia& pelvis = a[SegmentId::kPelvis];
  const SegmentInertia& upper = a[SegmentId::kUpperBody];
  BodyPose p;
  auto& seg = p.segments;
  const auto at = [&seg](SegmentId id) -> SegmentPose& {
    return seg[static_cast<std::size_t>(index_of(id))];
  };

  // Stance foot, flat on the plate.
  const Vector3d ankle(0.0, 0.0, a.ankle_height_m);
  const double foot_ahead = foot.com_from_proximal_m - a.heel_to_ankle_m;
  at(SegmentId::kStanceFoot) = {{0.0, foot_ahead, a.ankle_height_m / 2.0},
                                rot_x(-std::numbers::pi / 2.0)};

  // Sagittal leg: the shank leans forward by the ankle angle, the thigh back by the knee angle;
  // then the whole leg tilts laterally about the ankle.
  const double shank_rad = q.ankle_flex_rad;
  const double thigh_rad = q.ankle_flex_rad - q.knee_flex_rad;
  // The lateral tilt β that puts the COM above the ankle: a tilt maps a leg point (0, y, z) to
  // (z·sin β, y, z·cos β); the pelvis, upper body and free leg hang at a constant ML offset c_x
  // from the stance hip (medial), so Σ m x = sin β·(Σ_leg m z + m_group z_hip) + m_group c_x = 0.
  const double w_hip = a.hip_width_m;
  const double group_ml_moment =
      -0.5 * w_hip * (pelvis.mass_kg + upper.mass_kg) -
      w_hip * (a[SegmentId::kFreeThigh].mass_kg + a[SegmentId::kFreeShank].mass_kg +
               a[SegmentId::kFreeFoot].mass_kg);
  const double knee_z = shank.length_m * std::cos(shank_rad);
  const double hip_z = knee_z + thigh.length_m * std::cos(thigh_rad);
  const double group_mass = a.mass_kg - foot.mass_kg - shank.mass_kg - thigh.mass_kg;
  const double height_moment =
      shank.mass_kg * knee_z * (1.0 - shank.com_from_proximal_m / shank.length_m) +
      thigh.mass_kg * (hip_z + thigh.com_from_proximal_m / thigh.length_m * (knee_z - hip_z)) +
      group_mass * hip_z;
  p.leg_tilt_rad = std::asin(std::clamp(-group_ml_moment / height_moment, -1.0, 1.0));
  const Matrix3d tilt = rot_y(p.leg_tilt_rad);
  const Vector3d sagittal_knee =
      ankle + tilt * Vector3d(0.0, std::sin(shank_rad), std::cos(shank_rad)) * shank.length_m;
  const Vector3d hip = sagittal_knee + tilt *
                                           Vector3d(0.0, std::sin(thigh_rad), std::cos(thigh_rad)) *
                                           thigh.length_m;
  const KneeCircle circle = knee_circle(ankle, hip, sagittal_knee, shank.length_m, thigh.length_m);
  p.knee_rotation_rad = solve_knee_rotation(circle, hip, ankle, q.fppa_rad, knee_rotation_start);
  const Vector3d knee = circle.at(p.knee_rotation_rad);
  const Vector3d lateral = (knee - circle.centre).cross(hip - ankle).normalized();
  at(SegmentId::kStanceShank) = {knee + shank.com_from_proximal_m / shank.length_m * (ankle - knee),
                                 frame_from_axis(knee - ankle, lateral)};
  at(SegmentId::kStanceThigh) = {hip + thigh.com_from_proximal_m / thigh.length_m * (knee - hip),
                                 frame_from_axis(hip - knee, lateral)};

  // Pelvis, upper body and free leg, relative to the stance hip, after the pelvic drop and
  // before the flexion at the stance hip that keeps the COM at the wanted AP place.
  const Matrix3d drop = rot_y(-q.pelvic_drop_rad);
  const Matrix3d lean = rot_y(q.trunk_lean_rad);
  const double w = a.hip_width_m;
  const Vector3d mid_hip(-w / 2.0, 0.0, 0.0);
  const Vector3d free_hip(-w, 0.0, 0.0);
  const double fh = q.free_hip_flex_rad;
  const double fs = q.free_hip_flex_rad - q.free_knee_flex_rad;
  const Vector3d thigh_dir(0.0, std::sin(fh), -std::cos(fh));
  const Vector3d shank_dir(0.0, std::sin(fs), -std::cos(fs));
  const Vector3d foot_dir(0.0, std::cos(fs), std::sin(fs));
  const Vector3d free_knee = free_hip + thigh.length_m * thigh_dir;
  const Vector3d free_ankle = free_knee + shank.length_m * shank_dir;
  std::array<Vector3d, 5> local{
      drop * (mid_hip + Vector3d(0.0, 0.0, pelvis.com_from_proximal_m)),
      drop * (mid_hip + Vector3d(0.0, 0.0, a.pelvis_height_m) +
              lean * Vector3d(0.0, 0.0, upper.com_from_proximal_m)),
      drop * (free_hip + thigh.com_from_proximal_m * thigh_dir),
      drop * (free_knee + shank.com_from_proximal_m * shank_dir),
      drop * (free_ankle - a.ankle_height_m / 2.0 * shank_dir + foot_ahead * foot_dir),
  };
  constexpr std::array<SegmentId, 5> kGroup{SegmentId::kPelvis, SegmentId::kUpperBody,
                                            SegmentId::kFreeThigh, SegmentId::kFreeShank,
                                            SegmentId::kFreeFoot};
  double group_kg = 0.0;
  Vector3d group_moment = Vector3d::Zero();
  for (std::size_t i = 0; i < kGroup.size(); ++i) {
    group_kg += a[kGroup[i]].mass_kg;
    group_moment += a[kGroup[i]].mass_kg * local[i];
  }
  const Vector3d c = group_moment / group_kg;
  double leg_ap_moment = 0.0;
  for (SegmentId id : {SegmentId::kStanceFoot, SegmentId::kStanceShank, SegmentId::kStanceThigh}) {
    leg_ap_moment += a[id].mass_kg * at(id).com_m.y();
  }
  // After a flexion φ (Rx(-φ)) the group COM's AP offset from the hip is c_y·cos φ + c_z·sin φ.
  const double wanted = (a.mass_kg * q.com_ap_m - leg_ap_moment) / group_kg - hip.y();
  const double reach = std::hypot(c.y(), c.z());
  const double flex = std::asin(std::clamp(wanted / reach, -1.0, 1.0)) - std::atan2(c.y(), c.z());
  const Matrix3d group_rot = rot_x(-flex) * drop;
  const Matrix3d bend = rot_x(-flex);
  at(SegmentId::kPelvis) = {hip + bend * local[0], group_rot};
  // The internal mass shift (heart, breath) is vertical, after the posture.
  at(SegmentId::kUpperBody) = {hip + bend * local[1] + Vector3d(0.0, 0.0, q.wiggle_m),
                               group_rot * lean};
  at(SegmentId::kFreeThigh) = {hip + bend * local[2], group_rot * rot_x(fh)};
  at(SegmentId::kFreeShank) = {hip + bend * local[3], group_rot * rot_x(fs)};
  at(SegmentId::kFreeFoot) = {hip + bend * local[4],
                              group_rot * rot_x(fs - std::numbers::pi / 2.0)};
  const double d = a.asis_width_m;
  const Vector3d asis = hip + group_rot * Vector3d(0.14 * d, 0.22 * d, 0.30 * d);
  const Vector3d patella = knee + a.knee_depth_m * (knee - circle.centre).normalized();

  // Sway and twist: everything above the foot turns about the ankle.
  const Matrix3d sway = rot_z(q.yaw_rad) * rot_x(-q.sway_ap_rad) * rot_y(q.sway_ml_rad);
  const auto move = [&](const Vector3d& v) -> Vector3d { return ankle + sway * (v - ankle); };
  for (int i = 1; i < kSegmentCount; ++i) {
    auto& s = seg[static_cast<std::size_t>(i)];
    s.com_m = move(s.com_m);
    s.rot = sway * s.rot;
  }
  p.hip_m = move(hip);
  p.knee_m = move(knee);
  p.ankle_m = ankle;
  p.free_hip_m = move(hip + group_rot * free_hip);
  p.free_ankle_m = move(hip + bend * (drop * free_ankle));
  p.asis_m = move(asis);
  p.patella_m = move(patella);
  p.heel_m = {0.0, -a.heel_to_ankle_m, kMarkerHeight_m};
  p.toe_m = {0.0, foot.length_m - a.heel_to_ankle_m, kMarkerHeight_m};
  p.com_m.setZero();
  for (int i = 0; i < kSegmentCount; ++i) {
    p.com_m +=
        a.segments[static_cast<std::size_t>(i)].mass_kg * seg[static_cast<std::size_t>(i)].com_m;
  }
  p.com_m /= a.mass_kg;
  p.fppa_rad = frontal_projection_angle(p.hip_m, p.knee_m, p.ankle_m);
  p.fppa_markers_rad = frontal_projection_angle(p.asis_m, p.patella_m, p.ankle_m);
  return p;
}

}  // namespace stance::sim::body
