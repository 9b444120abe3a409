#include "simulated/camera/body_figure.hpp"

namespace stance::sim {
namespace {

using body::SegmentId;

// A segment's far end from its centre of mass: the long axis (z of the segment frame) points to
// the proximal end (body_pose.cpp), the COM lies com_from_proximal along it.
Eigen::Vector3d distal_end(const body::SegmentPose& pose, const body::SegmentInertia& segment) {
  return pose.com_m - pose.rot.col(2) * (segment.length_m - segment.com_from_proximal_m);
}

}  // namespace

BodyFigure body_figure(const SubjectModel& subject, double t_s) {
  const SubjectTruth& truth = subject.truth();
  const body::BodyPose pose = subject.body().pose_at(t_s);
  const body::Anthropometry& a = subject.body().anthropometry();
  // The rest from the same posture in the limb frame: that of a right stance leg, a left one its
  // mirror image (x → −x), its origin at the stance ankle's place on the plate (as body_at).
  const double mirror = truth.params.limb == Limb::kLeft ? -1.0 : 1.0;
  const auto plate = [&](const Eigen::Vector3d& v) -> Eigen::Vector3d {
    return {mirror * v.x() + truth.ankle_ml_m, v.y() + truth.ankle_ap_m, v.z()};
  };
  const auto& seg = [&](SegmentId id) -> const body::SegmentPose& {
    return pose.segments[static_cast<std::size_t>(body::index_of(id))];
  };

  BodyFigure f;
  f.stance = subject.body_at(t_s);
  f.free_hip_m = plate(pose.free_hip_m);
  f.free_knee_m = plate(distal_end(seg(SegmentId::kFreeThigh), a[SegmentId::kFreeThigh]));
  f.free_ankle_m = plate(pose.free_ankle_m);
  // The free foot's long axis points from the heel to the toe.
  const body::SegmentPose& foot = seg(SegmentId::kFreeFoot);
  f.free_toe_m = plate(pose.free_ankle_m +
                       foot.rot.col(2) * (a[SegmentId::kFreeFoot].length_m - a.heel_to_ankle_m));
  const body::SegmentPose& upper = seg(SegmentId::kUpperBody);
  f.trunk_top_m = plate(upper.com_m + 0.35 * upper.rot.col(2));
  return f;
}

}  // namespace stance::sim
