#pragma once
// The body's posture at one instant from its joint angles: segment COMs and orientations, joint
// centres, skin markers and the true frontal-plane projection angle (FPPA) of the knee.
// Limb frame: a right stance leg, x lateral (to the patient's right), y forward, z up, origin on
// the plate surface below the stance ankle joint centre. The caller mirrors x for a left leg.
#include <Eigen/Core>
#include <Eigen/Geometry>
#include <array>

#include "simulated/body/anthropometry.hpp"

namespace stance::sim::body {

// Joint angles and other posture variables of one instant (radians, metres).
struct PoseAngles {
  double knee_flex_rad = 0.0;    // stance knee flexion (sagittal)
  double ankle_flex_rad = 0.0;   // stance ankle dorsiflexion: the shank leans forward
  double sway_ml_rad = 0.0;      // whole body above the foot, about the ankle, + lateral
  double sway_ap_rad = 0.0;      // + forward
  double yaw_rad = 0.0;          // whole body about the vertical through the ankle
  double fppa_rad = 0.0;         // wanted knee FPPA (+ knee medial of the hip-ankle line)
  double pelvic_drop_rad = 0.0;  // the free side of the pelvis goes down
  double trunk_lean_rad = 0.0;   // the upper body leans toward the stance side
  double wiggle_m = 0.0;         // internal vertical mass shift of the upper body (heart, breath)
  double com_ap_m = 0.0;         // wanted whole-body COM ahead of the ankle (before the sway)
  double free_hip_flex_rad = 0.0;
  double free_knee_flex_rad = 0.0;
};

struct SegmentPose {
  Eigen::Vector3d com_m = Eigen::Vector3d::Zero();
  Eigen::Matrix3d rot = Eigen::Matrix3d::Identity();  // segment frame to limb frame
};

struct BodyPose {
  std::array<SegmentPose, kSegmentCount> segments{};
  Eigen::Vector3d com_m = Eigen::Vector3d::Zero();
  // Joint centres.
  Eigen::Vector3d hip_m, knee_m, ankle_m, free_hip_m, free_ankle_m;
  // Skin markers: ASIS of the stance side, mid-patella, heel, toe (the ankle-midpoint marker is
  // the ankle joint centre).
  Eigen::Vector3d asis_m, patella_m, heel_m, toe_m;
  double fppa_rad = 0.0;           // true FPPA from the hip, knee and ankle joint centres
  double fppa_markers_rad = 0.0;   // the same from the ASIS, mid-patella and ankle markers
  double knee_rotation_rad = 0.0;  // rotation of the knee about the hip-ankle axis giving the FPPA
  double leg_tilt_rad = 0.0;       // lateral tilt of the stance leg about the ankle
};

// Frontal-plane (x-z) angle between hip→knee and knee→ankle, + when the knee is toward -x
// (medial for a right leg).
double frontal_projection_angle(const Eigen::Vector3d& hip, const Eigen::Vector3d& knee,
                                const Eigen::Vector3d& ankle);

// The stance leg is tilted laterally about the ankle (the hip adduction of single-leg stance) by
// the angle that puts the COM of the posture without knee rotation, pelvic drop and trunk lean
// above the ankle; those three then move the COM as they physically do.
BodyPose make_pose(const Anthropometry& a, const PoseAngles& q,
                   const double* knee_rotation_start = nullptr);

}  // namespace stance::sim::body
