// The body's plate signals against Newton and Euler, each checked by an independent route:
// the force against finite differences of the truth's COM path, the COP against the rate of
// change of the body's total angular momentum, both computed here from the truth poses.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/units.hpp"
#include "simulated/body/rotation.hpp"
#include "simulated/subject_model.hpp"

namespace stance::sim {
namespace {

using body::BodyPose;
using Eigen::Vector3d;

SubjectParams person(Task task, double wobble, Limb limb, std::uint64_t seed, bool events = false) {
  SubjectParams p;
  if (events) {  // step on, the other foot down for a while, step off: both feet carry load
    p.events.empty_s = 1.0;
    p.events.touchdown_s = 6.3;
    p.events.touchdown_duration_s = 1.2;
    p.events.touchdown_share = 0.45;
    p.events.step_off_s = 23.0;
  }
  p.seed = seed;
  p.task = task;
  p.limb = limb;
  p.wobble.index = wobble;
  p.wobble.pelvic_drop_deg = 5.0;
  p.wobble.trunk_lean_deg = 6.0;
  p.mass_kg = 82.0;
  return p;
}

// The instants where an event's minimum-jerk lean or load ramp starts or ends: its jerk steps
// there, and the test's own finite differences (not the model's exact derivatives) straddling
// one are off by tenths of a newton.
std::vector<double> event_kinks(const SubjectTruth& t) {
  std::vector<double> k;
  for (const auto& e : {t.step_on, t.touchdown, t.step_off}) {
    if (!e) continue;
    for (const double at : {e->start_s, e->start_s + e->ramp_s, e->end_s, e->end_s + e->ramp_s,
                            e->start_s - e->shift_s, e->end_s + e->ramp_s + e->shift_s,
                            e->start_s - kTouchdownRamp_s}) {
      k.push_back(at);
    }
  }
  return k;
}

// Times spread over a squat trial: quiet stance, descents, bottoms (where the knee wobbles).
std::vector<double> sample_times(const SubjectModel& m) {
  std::vector<double> out;
  const std::vector<double> kinks = event_kinks(m.truth());
  for (double t = 0.05; t < m.truth().trial_end_s; t += 0.0773) {
    bool near = false;
    for (const double k : kinks) near = near || std::abs(t - k) < 0.01;
    if (!near) out.push_back(t);
  }
  return out;
}

// With the other foot down, the plate and the floor under the other foot carry it together.
TEST(BodyNewton, PlateForceIsMassTimesTheTruthComAcceleration) {
  for (const Limb limb : {Limb::kRight, Limb::kLeft}) {
    for (const Task task : {Task::kSingleLegStance, Task::kSingleLegSquat}) {
      for (const bool events : {false, true}) {
        const SubjectModel m(person(task, 1.0, limb, 3, events));
        const double mass = m.truth().params.mass_kg;
        constexpr double kH = 2e-3;  // not the model's own step
        const auto second_difference = [&m](double t, double h) -> Vector3d {
          return (m.body_at(t + h).com_m - 2.0 * m.body_at(t).com_m + m.body_at(t - h).com_m) /
                 (h * h);
        };
        double largest_shear = 0.0;
        for (const double t : sample_times(m)) {
          // Richardson's extrapolation of two steps: the weight shifts' brisk leans would
          // otherwise leave a truncation error of a few hundredths of a newton.
          const Vector3d acc =
              (4.0 * second_difference(t, kH) - second_difference(t, 2.0 * kH)) / 3.0;
          const SubjectLoad l = m.load_at(t);
          // The plate is pushed opposite to the body's horizontal acceleration; Fz carries g.
          ASSERT_NEAR(-l.fx_n - l.other_fx_n, mass * acc.x(), 0.02) << "t " << t;
          ASSERT_NEAR(-l.fy_n - l.other_fy_n, mass * acc.y(), 0.02) << "t " << t;
          ASSERT_NEAR(l.fz_n + l.other_fz_n, mass * (acc.z() + kStandardGravity_m_s2), 0.02)
              << "t " << t;
          largest_shear = std::max(largest_shear, std::abs(l.fx_n));
        }
        // Not a comparison of zeros: the body really pushes the plate about.
        EXPECT_GT(largest_shear, task == Task::kSingleLegSquat ? 10.0 : 1.0);
      }
    }
  }
}

// Total angular momentum about the origin, H = Σ rᵢ × mᵢ vᵢ + Iᵢ ωᵢ, from poses at t ± d.
Vector3d angular_momentum(const SubjectModel& m, double t, double d) {
  const BodyPose a = m.body().pose_at(t - d);
  const BodyPose b = m.body().pose_at(t + d);
  const auto& anthro = m.body().anthropometry();
  Vector3d h = Vector3d::Zero();
  for (int i = 0; i < body::kSegmentCount; ++i) {
    const auto k = static_cast<std::size_t>(i);
    const auto& s = anthro.segments[k];
    const Vector3d r = 0.5 * (a.segments[k].com_m + b.segments[k].com_m);
    const Vector3d v = (b.segments[k].com_m - a.segments[k].com_m) / (2.0 * d);
    const Vector3d w =
        body::rotation_vector(b.segments[k].rot * a.segments[k].rot.transpose()) / (2.0 * d);
    const Eigen::Matrix3d rot = m.body().pose_at(t).segments[k].rot;
    const Eigen::Matrix3d inertia = rot * s.inertia_kg_m2.asDiagonal() * rot.transpose();
    h += r.cross(s.mass_kg * v) + inertia * w;
  }
  return h;
}

// With the other foot down, the plate's and the other foot's COPs, weighted by their loads.
TEST(BodyNewton, CopIsWhereTheMomentsOfTheBodyPutIt) {
  for (const double wobble : {0.0, 1.0}) {
    const SubjectModel m(person(Task::kSingleLegSquat, wobble, Limb::kRight, 4, wobble > 0.0));
    const auto& anthro = m.body().anthropometry();
    constexpr double kD = 1.5e-3;
    for (const double t : sample_times(m)) {
      // Moment of the ground reaction about the origin (limb frame): dH/dt + Σ rᵢ × mᵢ g ẑ.
      const Vector3d dh =
          (angular_momentum(m, t + kD, kD) - angular_momentum(m, t - kD, kD)) / (2.0 * kD);
      const BodyPose now = m.body().pose_at(t);
      Vector3d moment = dh;
      Vector3d force = Vector3d::Zero();
      for (int i = 0; i < body::kSegmentCount; ++i) {
        const auto k = static_cast<std::size_t>(i);
        const auto& s = anthro.segments[k];
        const Vector3d acc =
            (m.body().pose_at(t + kD).segments[k].com_m - 2.0 * now.segments[k].com_m +
             m.body().pose_at(t - kD).segments[k].com_m) /
            (kD * kD);
        const Vector3d f = s.mass_kg * (acc + Vector3d(0.0, 0.0, kStandardGravity_m_s2));
        force += f;
        moment +=
            now.segments[k].com_m.cross(s.mass_kg * Vector3d(0.0, 0.0, kStandardGravity_m_s2));
      }
      const double cop_x = -moment.y() / force.z();
      const double cop_y = moment.x() / force.z();
      // The plate's COP, back in the limb frame (a right foot: plate = limb + ankle position).
      const SubjectLoad l = m.load_at(t);
      const double fz = l.fz_n + l.other_fz_n;
      const double ml = (l.cop_ml_m * l.fz_n + l.other_cop_ml_m * l.other_fz_n) / fz;
      const double ap = (l.cop_ap_m * l.fz_n + l.other_cop_ap_m * l.other_fz_n) / fz;
      ASSERT_NEAR(ml - m.truth().ankle_ml_m, cop_x, 2e-4) << "t " << t;
      ASSERT_NEAR(ap - m.truth().ankle_ap_m, cop_y, 2e-4) << "t " << t;
      const double free = moment.z() - (cop_x * force.y() - cop_y * force.x());
      ASSERT_NEAR(l.free_moment_nm + l.other_free_moment_nm, free, 0.02) << "t " << t;
    }
  }
}

}  // namespace
}  // namespace stance::sim
