#pragma once
// The simulated person's figure as the camera draws it, plate frame (m): the skin markers (the
// same points as SubjectModel::body_at), the joints of both legs, the pelvis and the trunk, all
// from one posture of the body at t.
#include <Eigen/Core>

#include "simulated/subject_model.hpp"

namespace stance::sim {

struct BodyFigure {
  // The stance leg and its skin markers: ASIS (hip), mid-patella (knee), ankle midpoint (ankle),
  // as the body's truth gives them (SubjectModel::body_at).
  BodyTruthSample stance;
  Eigen::Vector3d free_hip_m, free_knee_m, free_ankle_m, free_toe_m;  // the other leg
  Eigen::Vector3d trunk_top_m;  // the upper body's axis, 0.35 m above its centre of mass
  Eigen::Vector3d anterior = Eigen::Vector3d::UnitY();  // the way the patient faces
};

BodyFigure body_figure(const SubjectModel& subject, double t_s);

}  // namespace stance::sim
