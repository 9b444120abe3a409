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

// Sway band of single-leg stance: most power below 1 Hz, a real share in 0.5-2 Hz.
constexpr double kSwayLo_hz = 0.05;
constexpr double kSwayHi_hz = 3.0;
constexpr int kSwayComponents = 50;
// Vertical force of quiet stance: broadband 2-12 Hz (heartbeat harmonics, muscle corrections),
// above the sway band, so that the vertical COM moves by ~0.1 mm and ~1.5 mm/s (SD) at 3 N, as
// a standing body's COM barely moves vertically.
constexpr LowPassSpectrum kFzWiggle{2.0, 12.0, 6.0, 1, 20};
// Free moment about the vertical: small (~0.4 N·m SD) twisting of the foot.
constexpr LowPassSpectrum kFreeMoment{0.1, 2.0, 0.5, 2, 12};
constexpr double kFreeMomentSd_nm = 0.4;

}  // namespace

double smooth_step(double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double x3 = x * x * x;
  return x3 * (10.0 - 15.0 * x + 6.0 * x * x);
}

SubjectModel::SubjectModel(const SubjectParams& params) {
  std::mt19937_64 rng(derive_seed(params.seed, SeedStream::kSubject));
  const SwayParams& sway = params.sway;
  sway_ml_ = make_random_sum({kSwayLo_hz, kSwayHi_hz, sway.corner_ml_hz, 2, kSwayComponents},
                             sway.sd_ml_m, rng);
  sway_ap_ = make_random_sum({kSwayLo_hz, kSwayHi_hz, sway.corner_ap_hz, 2, kSwayComponents},
                             sway.sd_ap_m, rng);
  fz_wiggle_n_ = make_random_sum(kFzWiggle, sway.fz_sd_n, rng);
  free_moment_nm_ = make_random_sum(kFreeMoment, kFreeMomentSd_nm, rng);
  const double wobble_phase_rad = kTwoPi * std::uniform_real_distribution<double>(0.0, 1.0)(rng);

  // Inverted pendulum: COP = COM − (h/g)·COM'', so each COM component is the COP one / (1 + ω²h/g).
  const double h_over_g = sway.com_height_m / kStandardGravity_m_s2;
  const auto pendulum = [h_over_g](double f_hz) {
    const double w = kTwoPi * f_hz;
    return 1.0 / (1.0 + w * w * h_over_g);
  };
  com_ml_ = sway_ml_.shaped(pendulum);
  com_ap_ = sway_ap_.shaped(pendulum);
  const double mass = params.mass_kg;
  com_z_wiggle_m_ = fz_wiggle_n_.shaped([mass](double f_hz) {
    const double w = kTwoPi * f_hz;
    return -1.0 / (mass * w * w);  // m·z̈ = fz wiggle
  });

  SubjectTruth& t = truth_;
  t.params = params;
  t.weight_n = params.mass_kg * kStandardGravity_m_s2;
  t.sway_sd_ml_m = sway_ml_.rms();
  t.sway_sd_ap_m = sway_ap_.rms();
  t.sway_velocity_sd_ml_m_s = sway_ml_.derivative_rms();
  t.sway_velocity_sd_ap_m_s = sway_ap_.derivative_rms();
  t.sway_mean_speed_ml_m_s = gaussian_mean_abs(t.sway_velocity_sd_ml_m_s);
  t.sway_mean_speed_ap_m_s = gaussian_mean_abs(t.sway_velocity_sd_ap_m_s);
  t.sway_mean_speed_m_s = gaussian_mean_norm(t.sway_velocity_sd_ml_m_s, t.sway_velocity_sd_ap_m_s);
  t.medial_sign = params.limb == Limb::kLeft ? 1.0 : -1.0;
  t.wobble_phase_rad = wobble_phase_rad;

  const EventParams& ev = params.events;
  if (ev.empty_s > 0.0) {
    t.step_on = EventTruth{ev.empty_s, kStepOnRamp_s, ev.empty_s + kStepOnRamp_s, 1.0};
    t.task_start_s = ev.empty_s + kStepOnRamp_s;
  }
  if (params.task == Task::kSingleLegSquat) {
    squat_ = SquatProfile(params.squat, t.task_start_s, rng);
    t.reps = squat_.reps();
    t.trial_end_s = squat_.end_s();
  } else {
    t.trial_end_s = t.task_start_s + params.stance_duration_s;
  }
  if (ev.touchdown_s) {
    t.touchdown = EventTruth{*ev.touchdown_s, kTouchdownRamp_s,
                             *ev.touchdown_s + ev.touchdown_duration_s, ev.touchdown_share};
  }
  if (ev.step_off_s) {
    t.step_off = EventTruth{*ev.step_off_s, kStepOffRamp_s, *ev.step_off_s + kStepOffRamp_s, 1.0};
  }
}

double SubjectModel::support_share(double t_s, double& touchdown_level) const {
  double share = 1.0;
  touchdown_level = 0.0;
  if (const auto& e = truth_.step_on) share *= smooth_step((t_s - e->start_s) / e->ramp_s);
  if (const auto& e = truth_.step_off) share *= 1.0 - smooth_step((t_s - e->start_s) / e->ramp_s);
  if (const auto& e = truth_.touchdown) {
    touchdown_level =
        smooth_step((t_s - e->start_s) / e->ramp_s) - smooth_step((t_s - e->end_s) / e->ramp_s);
    share *= 1.0 - e->share * touchdown_level;
  }
  return share;
}

SubjectLoad SubjectModel::inanimate_load_at(double t_s) const {
  const SubjectParams& p = truth_.params;
  SubjectLoad load;
  double touchdown_level = 0.0;
  load.support_share = p.load == LoadKind::kNone ? 0.0 : support_share(t_s, touchdown_level);
  load.cop_ml_m = p.sway.mean_ml_m;  // a mass stands still where it was put
  load.cop_ap_m = p.sway.mean_ap_m;
  load.fz_n = load.support_share * truth_.weight_n;
  return load;
}

SubjectLoad SubjectModel::load_at(double t_s) const {
  const SubjectParams& p = truth_.params;
  if (p.load != LoadKind::kPerson) return inanimate_load_at(t_s);
  SubjectLoad load;
  double touchdown_level = 0.0;
  load.support_share = support_share(t_s, touchdown_level);

  const ComVertical squat = squat_.at(t_s);
  load.com_z_m = squat.z_m + com_z_wiggle_m_.value(t_s);
  load.com_vz_m_s = squat.vz_m_s + com_z_wiggle_m_.derivative(t_s);
  const double q = p.squat.depth_m > 0.0 ? std::max(0.0, -squat.z_m / p.squat.depth_m) : 0.0;
  load.squat_depth_fraction = q;

  const WobbleParams& wob = p.wobble;
  load.wobble_ml_m =
      wob.index * q *
      (wob.oscillation_m * std::sin(kTwoPi * wob.freq_hz * t_s + truth_.wobble_phase_rad) +
       truth_.medial_sign * wob.medial_drift_m * q);

  load.cop_ml_m = p.sway.mean_ml_m + sway_ml_.value(t_s) + load.wobble_ml_m +
                  truth_.medial_sign * kTouchdownCopShift_m * touchdown_level;
  load.cop_ap_m = p.sway.mean_ap_m + sway_ap_.value(t_s) + p.squat_cop_ap_m * q;

  const double s = load.support_share;
  const double m = p.mass_kg;
  // Newton: the plate carries m·(g + z̈); shear is the reaction of the horizontal COM acceleration.
  load.fz_n = s * (m * (kStandardGravity_m_s2 + squat.az_m_s2) + fz_wiggle_n_.value(t_s));
  load.fx_n = -s * m * com_ml_.second_derivative(t_s);
  load.fy_n = -s * m * com_ap_.second_derivative(t_s);
  load.free_moment_nm = s * free_moment_nm_.value(t_s);
  return load;
}

}  // namespace stance::sim
