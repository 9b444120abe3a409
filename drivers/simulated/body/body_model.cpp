#include "simulated/body/body_model.hpp"

#include <Eigen/QR>
#include <cmath>
#include <numbers>

#include "core/units.hpp"

namespace stance::sim::body {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kDeg = std::numbers::pi / 180.0;
// Quiet standing: knee slightly flexed, shank slightly forward.
constexpr double kStandingKnee_rad = 8.0 * kDeg;
constexpr double kStandingAnkle_rad = 4.0 * kDeg;
constexpr double kAnklePerKnee = 0.5;  // ankle dorsiflexion per knee flexion in a squat
// The free leg: hip flexed, knee bent, more hip flexion as the stance knee bends deeper
// (quadratic in the flexion, so that it does not lift the free leg at the start of a descent,
// where the COM drop per degree of knee flexion is small): +45° at 90° of extra flexion.
constexpr double kFreeHip_rad = 30.0 * kDeg;
constexpr double kFreeHipPerKnee2 = (45.0 * kDeg) / ((90.0 * kDeg) * (90.0 * kDeg));
constexpr double kFreeKnee_rad = 70.0 * kDeg;
// Standing COM ahead of the ankle joint, fraction of stature (4.5 cm at 1.75 m).
constexpr double kComAheadOfAnkle = 0.026;
// Knee flexion grid for the drop-to-flexion polynomial.
constexpr double kMaxKnee_rad = 120.0 * kDeg;
constexpr int kGridPoints = 60;
// Internal vertical mass shift and body twist spectra (as in the former model).
constexpr LowPassSpectrum kWiggle{2.0, 12.0, 6.0, 1, 20};
// Twist of the body about the vertical: a small yaw (SD yaw_sd_deg) over 0.2-2 Hz; the free
// moment is its consequence, I_zz·ψ''.
constexpr LowPassSpectrum kTwist{0.2, 2.0, 0.7, 1, 12};

Drive from(const WithDerivatives& w) {
  return {w.value, w.d1, w.d2};
}
Drive operator*(const Drive& a, const Drive& b) {
  return {a.v * b.v, a.d * b.v + a.v * b.d, a.dd * b.v + 2.0 * a.d * b.d + a.v * b.dd};
}
Drive operator*(double k, const Drive& a) {
  return {k * a.v, k * a.d, k * a.dd};
}
Drive operator+(const Drive& a, const Drive& b) {
  return {a.v + b.v, a.d + b.d, a.dd + b.dd};
}
Drive constant(double v) {
  return {v, 0.0, 0.0};
}

}  // namespace

BodyModel::BodyModel(const BodyParams& params, const SquatProfile* squat, std::mt19937_64& rng)
    : params_(params),
      anthropometry_(make_anthropometry(params.mass_kg, params.height_m, params.sex)) {
  if (squat != nullptr) {
    squats_ = true;
    squat_ = *squat;
  }
  standing_com_ap_m_ = kComAheadOfAnkle * params.height_m;
  fit_knee_polynomial();
  standing_com_z_m_ = make_pose(anthropometry_, angles_from(standing(), 0.0)).com_m.z();
  lean_height_m_ = standing_com_z_m_ - anthropometry_.ankle_height_m;
  pendulum_ml_ = probe_pendulum(&Drives::sway_ml, true);
  pendulum_ap_ = probe_pendulum(&Drives::sway_ap, false);
  pendulum_hip_ = probe_pendulum(&Drives::drop, true);
  sway_ml_ = make_axis_sway(params.balance_ml, pendulum_ml_, params.noise_corner_ml_hz,
                            params.sway_sd_ml_m, rng, params.hip_ml, pendulum_hip_);
  sway_ap_ = make_axis_sway(params.balance_ap, pendulum_ap_, params.noise_corner_ap_hz,
                            params.sway_sd_ap_m, rng);
  const SinusoidSum wiggle_n = make_random_sum(kWiggle, params.fz_sd_n, rng);
  const double upper_mass = anthropometry_[SegmentId::kUpperBody].mass_kg;
  wiggle_m_ = wiggle_n.shaped([upper_mass](double f_hz) {
    const double w = kTwoPi * f_hz;
    return -1.0 / (upper_mass * w * w);  // m·z'' = the force
  });
  yaw_rad_ = make_random_sum(kTwist, params.yaw_sd_deg * kDeg, rng);
}

BodyModel::Drives BodyModel::standing() const {
  Drives d;
  d.knee = constant(kStandingKnee_rad);
  d.ankle = constant(kStandingAnkle_rad);
  d.com_ap = constant(standing_com_ap_m_);
  d.free_hip = constant(kFreeHip_rad);
  return d;
}

void BodyModel::fit_knee_polynomial() {
  // COM drop over a grid of knee flexions (all else standing), fitted as a polynomial in the
  // flexion: smooth, so that the flexion that gives a wanted drop (its inverse, by Newton) has
  // exact, continuous time derivatives.
  // Two passes: the second puts the COM as far forward as the squat asks at the first pass's
  // depth fraction.
  std::vector<double> drop(kGridPoints + 1, 0.0), knee(kGridPoints + 1, 0.0);
  double top = 0.0;
  const double depth = params_.nominal_depth_m > 0.0 ? params_.nominal_depth_m : 1.0;
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 0; i <= kGridPoints; ++i) {
      const auto k_i = static_cast<std::size_t>(i);
      const double k = kStandingKnee_rad + (kMaxKnee_rad - kStandingKnee_rad) * i / kGridPoints;
      Drives d = standing();
      d.knee = constant(k);
      d.ankle = constant(kStandingAnkle_rad + kAnklePerKnee * (k - kStandingKnee_rad));
      const double u = k - kStandingKnee_rad;
      d.free_hip = constant(kFreeHip_rad + kFreeHipPerKnee2 * u * u);
      d.com_ap = constant(standing_com_ap_m_ + params_.squat_com_ap_m * drop[k_i] / depth);
      const double z = make_pose(anthropometry_, angles_from(d, 0.0)).com_m.z();
      if (i == 0) top = z;
      drop[k_i] = top - z;
      knee[k_i] = k - kStandingKnee_rad;
    }
  }
  // The slope at standing from a small step, kept exactly (so that P' > 0 near standing, where
  // the drop is nearly flat in the flexion); the higher terms by least squares.
  Drives step = standing();
  constexpr double kSlopeStep_rad = 1e-4;
  step.knee = constant(kStandingKnee_rad + kSlopeStep_rad);
  step.ankle = constant(kStandingAnkle_rad + kAnklePerKnee * kSlopeStep_rad);
  step.free_hip = constant(kFreeHip_rad + kFreeHipPerKnee2 * kSlopeStep_rad * kSlopeStep_rad);
  const double slope =
      (top - make_pose(anthropometry_, angles_from(step, 0.0)).com_m.z()) / kSlopeStep_rad;
  const int n = static_cast<int>(drop.size());
  constexpr int kTerms = static_cast<int>(kKneePolyTerms);
  Eigen::MatrixXd a(n, kTerms - 1);
  Eigen::VectorXd b(n);
  for (int i = 0; i < n; ++i) {
    const double u = knee[static_cast<std::size_t>(i)];
    double up = u;
    for (int j = 0; j < kTerms - 1; ++j) {
      up *= u;
      a(i, j) = up;
    }
    b(i) = drop[static_cast<std::size_t>(i)] - slope * u;
  }
  const Eigen::VectorXd c = a.colPivHouseholderQr().solve(b);
  drop_poly_[0] = slope;
  for (int j = 0; j < kTerms - 1; ++j) drop_poly_[static_cast<std::size_t>(j + 1)] = c(j);
  // A coarse inverse table for the Newton start.
  for (std::size_t i = 0; i < inverse_table_.size(); ++i) {
    const double u = (kMaxKnee_rad - kStandingKnee_rad) * static_cast<double>(i) /
                     static_cast<double>(inverse_table_.size() - 1);
    inverse_table_[i] = {drop_polynomial(u).v, u};
  }
}

Drive BodyModel::drop_polynomial(double u) const {
  // P(u) = Σ c_j u^(j+1), with P' and P''.
  double p = 0.0, dp = 0.0, ddp = 0.0;
  for (std::size_t j = kKneePolyTerms; j-- > 0;) {
    const double c = drop_poly_[j];
    ddp = ddp * u + 2.0 * dp;  // Horner, with the first two derivatives
    dp = dp * u + p;
    p = p * u + c;
  }
  // The loop computed q(u) = Σ c_j u^j; P(u) = u·q(u).
  return {u * p, p + u * dp, 2.0 * dp + u * ddp};
}

Drive BodyModel::knee_from_drop(const Drive& drop_m) const {
  // Solve P(u) = drop (table start, Newton), then the time derivatives by the chain rule:
  // u' = drop'/P', u'' = (drop'' − P''·u'²)/P'.
  const double d = drop_m.v;
  std::size_t i = 1;
  while (i + 1 < inverse_table_.size() && inverse_table_[i][0] < d) ++i;
  const auto& lo = inverse_table_[i - 1];
  const auto& hi = inverse_table_[i];
  double u = lo[1] + (hi[1] - lo[1]) * (d - lo[0]) / (hi[0] - lo[0]);
  if (d <= 0.0) u = 0.0;
  // Newton kept inside the table's bracket (P rises monotonically over the grid).
  for (int k = 0; k < 8 && d > 0.0; ++k) {
    const Drive p = drop_polynomial(u);
    const double next = u - (p.v - d) / p.d;
    u = next > lo[1] && next < hi[1] ? next : 0.5 * (u + (next <= lo[1] ? lo[1] : hi[1]));
  }
  const Drive p = drop_polynomial(u);
  const double ud = drop_m.d / p.d;
  const double udd = (drop_m.dd - p.dd * ud * ud) / p.d;
  return {kStandingKnee_rad + u, ud, udd};
}

double BodyModel::knee_flexion_at_drop_rad(double drop_m) const {
  return knee_from_drop({drop_m, 0.0, 0.0}).v;
}

double BodyModel::depth_fraction(double t_s) const {
  if (!squats_ || params_.nominal_depth_m <= 0.0) return 0.0;
  return std::max(0.0, -squat_.at(t_s).z_m / params_.nominal_depth_m);
}

BodyModel::Drives BodyModel::drives_at(double t_s) const {
  Drives d;
  d.sway_ml = from(sway_ml_.angle_rad.evaluate(t_s));
  d.sway_ap = from(sway_ap_.angle_rad.evaluate(t_s));
  d.yaw = from(yaw_rad_.evaluate(t_s));
  d.wiggle = from(wiggle_m_.evaluate(t_s));
  Drive drop{};
  if (squats_) {
    const ComVertical c = squat_.at(t_s);
    drop = {std::max(0.0, -c.z_m), -c.vz_m_s, -c.az_m_s2};
    if (drop.v <= 0.0) drop = {};
  }
  d.knee = knee_from_drop(drop);
  d.ankle =
      constant(kStandingAnkle_rad - kAnklePerKnee * kStandingKnee_rad) + kAnklePerKnee * d.knee;
  const Drive bend = d.knee + constant(-kStandingKnee_rad);
  d.free_hip = constant(kFreeHip_rad) + kFreeHipPerKnee2 * (bend * bend);
  const double depth = params_.nominal_depth_m > 0.0 ? params_.nominal_depth_m : 1.0;
  const Drive q = (1.0 / depth) * drop;
  const KneeMotion& k = params_.knee;
  const double w = kTwoPi * k.wobble_hz;
  const double arg = w * t_s + k.wobble_phase_rad;
  const Drive wave{std::sin(arg), w * std::cos(arg), -w * w * std::sin(arg)};
  d.fppa = (k.collapse_deg * kDeg) * (q * q) + (k.wobble_deg * kDeg) * (q * wave);
  d.drop = (k.pelvic_drop_deg * kDeg) * q;
  if (!sway_ml_.hip_rad.parts().empty()) d.drop = d.drop + from(sway_ml_.hip_rad.evaluate(t_s));
  d.lean = (k.trunk_lean_deg * kDeg) * q;
  d.com_ap = constant(standing_com_ap_m_) + params_.squat_com_ap_m * q;
  if (!params_.feet.empty()) {
    // A weight shift leans the whole body about the stance ankle toward the other foot; while
    // it is held, the lean replaces the balance sway (ankle and hip) about the stance foot.
    const Drive lean = params_.feet.lean_weight(t_s);
    const Drive f = params_.feet.lean_fraction(t_s);
    const Drive keep = constant(1.0) + (-1.0) * lean;
    const Drive tilt = (params_.feet.other_ml_m / lean_height_m_) * f;
    d.sway_ml = keep * d.sway_ml + tilt;
    // A weight shift moves the pelvis sideways rather than tipping the body down: the upper
    // body rises by what the tilt lowers the COM, h·(sec θ − 1) (about 3.7 cm at 0.26 m).
    const double sec = 1.0 / std::cos(tilt.v);
    const double tan_v = std::tan(tilt.v);
    const Drive rise{
        sec - 1.0, sec * tan_v * tilt.d,
        (sec * tan_v * tan_v + sec * sec * sec) * tilt.d * tilt.d + sec * tan_v * tilt.dd};
    const double upper_share =
        anthropometry_.mass_kg / anthropometry_[SegmentId::kUpperBody].mass_kg;
    d.wiggle = d.wiggle + (upper_share * lean_height_m_) * rise;
    if (!sway_ml_.hip_rad.parts().empty()) {
      d.drop = d.drop + (-1.0) * (lean * from(sway_ml_.hip_rad.evaluate(t_s)));
    }
  }
  return d;
}

PoseAngles BodyModel::angles_from(const Drives& d, double s) const {
  PoseAngles q;
  q.knee_flex_rad = d.knee.at(s);
  q.ankle_flex_rad = d.ankle.at(s);
  q.sway_ml_rad = d.sway_ml.at(s);
  q.sway_ap_rad = d.sway_ap.at(s);
  q.yaw_rad = d.yaw.at(s);
  q.fppa_rad = d.fppa.at(s);
  q.pelvic_drop_rad = d.drop.at(s);
  q.trunk_lean_rad = d.lean.at(s);
  q.wiggle_m = d.wiggle.at(s);
  q.com_ap_m = d.com_ap.at(s);
  q.free_hip_flex_rad = d.free_hip.at(s);
  q.free_knee_flex_rad = kFreeKnee_rad;
  return q;
}

PoseAngles BodyModel::angles_at(double t_s) const {
  return angles_from(drives_at(t_s), 0.0);
}

BodyPose BodyModel::pose_at(double t_s) const {
  return make_pose(anthropometry_, angles_at(t_s));
}

GroundReaction BodyModel::reaction_at(double t_s, BodyPose* now_out) const {
  // The posture variables' exact values and derivatives at t give a locally quadratic path;
  // three poses on it, h apart, give every segment's acceleration and angular motion.
  const Drives d = drives_at(t_s);
  const BodyPose now = make_pose(anthropometry_, angles_from(d, 0.0));
  const double start = now.knee_rotation_rad;  // the neighbours' knee rotation is close
  const BodyPose before = make_pose(anthropometry_, angles_from(d, -kStep_s), &start);
  const BodyPose after = make_pose(anthropometry_, angles_from(d, kStep_s), &start);
  if (now_out != nullptr) *now_out = now;
  return ground_reaction(anthropometry_, before, now, after, kStep_s);
}

SplitReaction BodyModel::split_at(double t_s, const GroundReaction& whole) const {
  return split_reaction(whole, whole.com_m.x(), params_.feet.other_ml_m, params_.feet.contact(t_s),
                        params_.feet.stance_contact(t_s));
}

PendulumGains BodyModel::probe_pendulum(Drive Drives::*variable, bool ml) const {
  // Linearise the COP about quiet standing: a small static tilt gives c0, a unit angular
  // acceleration (zero angle and velocity) gives −c2.
  const Drives base = standing();
  const auto cop = [&](const Drives& d) {
    const BodyPose a = make_pose(anthropometry_, angles_from(d, -kStep_s));
    const BodyPose b = make_pose(anthropometry_, angles_from(d, 0.0));
    const BodyPose c = make_pose(anthropometry_, angles_from(d, kStep_s));
    const GroundReaction r = ground_reaction(anthropometry_, a, b, c, kStep_s);
    return ml ? r.cop_x_m : r.cop_y_m;
  };
  const double rest = cop(base);
  constexpr double kTilt_rad = 1e-4;
  Drives tilted = base;
  tilted.*variable = constant(kTilt_rad);
  Drives pushed = base;
  pushed.*variable = {0.0, 0.0, 1.0};
  return {(cop(tilted) - rest) / kTilt_rad, -(cop(pushed) - rest)};
}

}  // namespace stance::sim::body
