#include "simulated/subject_model.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "core/units.hpp"
#include "simulated/seeds.hpp"

namespace stance::sim {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kRadToDeg = 180.0 / std::numbers::pi;
constexpr double kRepTruthStep_s = 0.002;

// Peak squat FPPA of the preset populations (Herrington 2014, Knee 21:514, CLINICAL.md) and the
// oscillation each person shows around the collapse.
struct PresetKnee {
  double peak_mean_deg, peak_sd_deg, wobble_deg;
};
constexpr PresetKnee kControlKnee{8.4, 5.1, 1.0};
constexpr PresetKnee kPfpKnee{16.8, 5.4, 2.0};

body::BodyParams body_params(const SubjectParams& p, double collapse_deg, double wobble_deg,
                             double wobble_phase_rad) {
  body::BodyParams b;
  b.mass_kg = p.mass_kg;
  b.height_m = p.body.height_m;
  b.sex = p.body.sex;
  b.noise_corner_ml_hz = p.sway.corner_ml_hz;
  b.noise_corner_ap_hz = p.sway.corner_ap_hz;
  b.sway_sd_ml_m = p.sway.sd_ml_m;
  b.sway_sd_ap_m = p.sway.sd_ap_m;
  b.fz_sd_n = p.sway.fz_sd_n;
  b.squat_com_ap_m = p.squat_cop_ap_m;
  b.nominal_depth_m = p.squat.depth_m;
  b.knee.collapse_deg = collapse_deg;
  b.knee.wobble_deg = wobble_deg;
  b.knee.wobble_hz = p.wobble.freq_hz;
  b.knee.wobble_phase_rad = wobble_phase_rad;
  b.knee.pelvic_drop_deg = p.wobble.pelvic_drop_deg;
  b.knee.trunk_lean_deg = p.wobble.trunk_lean_deg;
  return b;
}

// The other foot's contacts and the weight shifts toward it, from the events (limb frame).
body::TwoFootSchedule two_feet(const SubjectTruth& t) {
  body::TwoFootSchedule f;
  f.other_ml_m = -kOtherFootMl_m;
  constexpr double kLong_s = 1e9;  // before the trial / after its end
  constexpr double kOff = 1.0 + kPastOtherFoot;
  if (const auto& e = t.step_on) {  // standing on the other foot, then over onto the plate
    f.stance.down_s = e->start_s - kTouchdownRamp_s;
    f.contacts.push_back({-kLong_s, e->start_s + e->ramp_s, kTouchdownRamp_s});
    f.shifts.push_back({-kLong_s, kWeightShift_s, kOff});
    f.shifts.push_back({e->start_s, e->ramp_s, -kOff});
  }
  if (const auto& e = t.touchdown) {  // lean, land, lift, lean back
    const double fraction = e->share >= 1.0 ? kOff : e->share;
    f.contacts.push_back({e->start_s, e->end_s, e->ramp_s});
    f.shifts.push_back({e->start_s - e->shift_s, e->shift_s, fraction});
    f.shifts.push_back({e->end_s + e->ramp_s, e->shift_s, -fraction});
  }
  if (const auto& e = t.step_off) {  // the other foot down, over onto it, the stance foot up
    f.stance.up_s = e->start_s + e->ramp_s;
    f.contacts.push_back({e->start_s - kTouchdownRamp_s, kLong_s, kTouchdownRamp_s});
    f.shifts.push_back({e->start_s, e->ramp_s, kOff});
  }
  return f;
}

}  // namespace

double smooth_step(double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double x3 = x * x * x;
  return x3 * (10.0 - 15.0 * x + 6.0 * x * x);
}

SubjectModel::SubjectModel(const SubjectParams& params) {
  SubjectTruth& t = truth_;
  t.params = params;
  t.weight_n = params.mass_kg * kStandardGravity_m_s2;
  t.medial_sign = params.limb == Limb::kLeft ? 1.0 : -1.0;
  mirror_ = params.limb == Limb::kLeft ? -1.0 : 1.0;

  const WobbleParams& wob = params.wobble;
  t.collapse_deg = wob.collapse_deg.value_or(kCollapseAtFullWobble_deg * wob.index);
  t.fppa_wobble_deg = wob.fppa_wobble_deg.value_or(kFppaWobbleAtFullWobble_deg * wob.index);
  if (wob.preset != KneePreset::kNone) {
    // One person of the population, from the seed's own knee stream.
    const PresetKnee& k = wob.preset == KneePreset::kControl ? kControlKnee : kPfpKnee;
    std::mt19937_64 knee_rng(derive_seed(params.seed, SeedStream::kKnee));
    const double peak = std::normal_distribution<double>(k.peak_mean_deg, k.peak_sd_deg)(knee_rng);
    t.fppa_wobble_deg = wob.fppa_wobble_deg.value_or(k.wobble_deg);
    t.collapse_deg = wob.collapse_deg.value_or(peak - t.fppa_wobble_deg);
  }

  std::mt19937_64 rng(derive_seed(params.seed, SeedStream::kSubject));
  const double wobble_phase_rad = kTwoPi * std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  t.wobble_phase_rad = wobble_phase_rad;

  const EventParams& ev = params.events;
  if (ev.empty_s > 0.0) {
    t.step_on = EventTruth{ev.empty_s, kStepOnRamp_s, ev.empty_s + kStepOnRamp_s, 1.0};
    t.task_start_s = ev.empty_s + kStepOnRamp_s;
  }
  const bool squats = params.task == Task::kSingleLegSquat;
  if (squats) {
    squat_ = SquatProfile(params.squat, t.task_start_s, rng);
    t.reps = squat_.reps();
    t.trial_end_s = squat_.end_s();
  } else {
    t.trial_end_s = t.task_start_s + params.stance_duration_s;
  }
  if (ev.touchdown_s) {
    t.touchdown =
        EventTruth{*ev.touchdown_s, kTouchdownRamp_s, *ev.touchdown_s + ev.touchdown_duration_s,
                   ev.touchdown_share, kWeightShift_s};
  }
  if (ev.step_off_s) {
    t.step_off = EventTruth{*ev.step_off_s, kStepOffRamp_s, *ev.step_off_s + kStepOffRamp_s, 1.0};
  }
  if (params.load != LoadKind::kPerson) return;

  body::BodyParams bp = body_params(params, t.collapse_deg, t.fppa_wobble_deg, wobble_phase_rad);
  bp.feet = two_feet(t);
  body_ = body::BodyModel(bp, squats ? &squat_ : nullptr, rng);
  // The foot stands where the mean COP (the standing COM) comes out at the parameter.
  t.ankle_ml_m = params.sway.mean_ml_m;
  t.ankle_ap_m = params.sway.mean_ap_m - body_.standing_com_ap_m();
  const double mirror = mirror_;
  sway_ml_ = body_.sway_ml().cop_m.shaped([mirror](double) { return mirror; });
  sway_ap_ = body_.sway_ap().cop_m;
  t.sway_sd_ml_m = sway_ml_.rms();
  t.sway_sd_ap_m = sway_ap_.rms();
  t.sway_velocity_sd_ml_m_s = sway_ml_.derivative_rms();
  t.sway_velocity_sd_ap_m_s = sway_ap_.derivative_rms();
  t.sway_mean_speed_ml_m_s = gaussian_mean_abs(t.sway_velocity_sd_ml_m_s);
  t.sway_mean_speed_ap_m_s = gaussian_mean_abs(t.sway_velocity_sd_ap_m_s);
  t.sway_mean_speed_m_s = gaussian_mean_norm(t.sway_velocity_sd_ml_m_s, t.sway_velocity_sd_ap_m_s);
}

double SubjectModel::inanimate_share(double t_s) const {
  double share = 1.0;
  if (const auto& e = truth_.step_on) share *= smooth_step((t_s - e->start_s) / e->ramp_s);
  if (const auto& e = truth_.step_off) share *= 1.0 - smooth_step((t_s - e->start_s) / e->ramp_s);
  if (const auto& e = truth_.touchdown) {
    const double level =
        smooth_step((t_s - e->start_s) / e->ramp_s) - smooth_step((t_s - e->end_s) / e->ramp_s);
    share *= 1.0 - e->share * level;
  }
  return share;
}

SubjectLoad SubjectModel::inanimate_load_at(double t_s) const {
  const SubjectParams& p = truth_.params;
  SubjectLoad load;
  load.support_share = p.load == LoadKind::kNone ? 0.0 : inanimate_share(t_s);
  load.cop_ml_m = p.sway.mean_ml_m;  // a mass stands still where it was put
  load.cop_ap_m = p.sway.mean_ap_m;
  load.fz_n = load.support_share * truth_.weight_n;
  return load;
}

Eigen::Vector3d SubjectModel::to_plate(const Eigen::Vector3d& v) const {
  return {mirror_ * v.x() + truth_.ankle_ml_m, v.y() + truth_.ankle_ap_m, v.z()};
}

SubjectLoad SubjectModel::load_at(double t_s) const {
  const SubjectParams& p = truth_.params;
  if (p.load != LoadKind::kPerson) return inanimate_load_at(t_s);
  SubjectLoad load;
  body::BodyPose now;
  const body::GroundReaction r = body_.reaction_at(t_s, &now);

  load.com_z_m = r.com_m.z() - body_.standing_com_z_m();
  load.com_vz_m_s = r.com_velocity_m_s.z();
  load.squat_depth_fraction = body_.depth_fraction(t_s);
  const Eigen::Vector3d com = to_plate(r.com_m);
  load.com_ml_m = com.x();
  load.com_ap_m = com.y();
  load.fppa_deg = now.fppa_rad * kRadToDeg;

  // The plate carries the stance foot's part of the body's reaction; the other foot, when it is
  // down on the floor beside the plate, the rest (two_feet.hpp).
  const body::SplitReaction split = body_.split_at(t_s, r);
  load.support_share = 1.0 - split.share;
  // The force on the plate is the reaction's opposite in x and y; Fz > 0 (SPP convention).
  const auto on_floor = [this](const body::FootLoad& f, double& fx, double& fy, double& fz,
                               double& cop_ml, double& cop_ap) {
    fx = -mirror_ * f.force_n.x();
    fy = -f.force_n.y();
    fz = f.force_n.z();
    cop_ml = mirror_ * f.cop_x_m + truth_.ankle_ml_m;
    cop_ap = f.cop_y_m + truth_.ankle_ap_m;
  };
  on_floor(split.stance, load.fx_n, load.fy_n, load.fz_n, load.cop_ml_m, load.cop_ap_m);
  on_floor(split.other, load.other_fx_n, load.other_fy_n, load.other_fz_n, load.other_cop_ml_m,
           load.other_cop_ap_m);
  load.free_moment_nm = mirror_ * split.stance.free_moment_nm;
  load.other_free_moment_nm = mirror_ * split.other.free_moment_nm;
  return load;
}

BodyTruthSample SubjectModel::body_at(double t_s) const {
  BodyTruthSample b;
  if (truth_.params.load != LoadKind::kPerson) {  // no body on the plate: all zero
    for (Eigen::Vector3d* v : {&b.com_m, &b.hip_m, &b.knee_m, &b.ankle_m, &b.asis_m, &b.patella_m,
                               &b.heel_m, &b.toe_m}) {
      v->setZero();
    }
    return b;
  }
  const body::BodyPose pose = body_.pose_at(t_s);
  b.com_m = to_plate(pose.com_m);
  b.hip_m = to_plate(pose.hip_m);
  b.knee_m = to_plate(pose.knee_m);
  b.ankle_m = to_plate(pose.ankle_m);
  b.asis_m = to_plate(pose.asis_m);
  b.patella_m = to_plate(pose.patella_m);
  b.heel_m = to_plate(pose.heel_m);
  b.toe_m = to_plate(pose.toe_m);
  b.fppa_deg = pose.fppa_rad * kRadToDeg;
  b.fppa_markers_deg = pose.fppa_markers_rad * kRadToDeg;
  b.knee_flexion_deg = body_.angles_at(t_s).knee_flex_rad * kRadToDeg;
  return b;
}

std::vector<RepKneeTruth> SubjectModel::rep_knee_truth() const {
  std::vector<RepKneeTruth> out;
  if (truth_.params.load != LoadKind::kPerson) return out;
  for (const SquatRepTruth& rep : truth_.reps) {
    RepKneeTruth k;
    k.index = rep.index;
    k.peak_fppa_deg = -1e9;
    for (double t = rep.start_s; t <= rep.end_s; t += kRepTruthStep_s) {
      k.peak_fppa_deg = std::max(k.peak_fppa_deg, body_.pose_at(t).fppa_rad * kRadToDeg);
    }
    const BodyTruthSample bottom = body_at(rep.bottom_s);
    k.bottom_fppa_deg = bottom.fppa_deg;
    k.bottom_knee_flexion_deg = bottom.knee_flexion_deg;
    out.push_back(k);
  }
  return out;
}

}  // namespace stance::sim
