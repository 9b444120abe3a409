#pragma once
// The simulated person as a body: anthropometry, posture as a pure function of time (balance
// sway, squats, the knee's frontal-plane motion) and the ground reaction from Newton-Euler.
// Everything here is in the limb frame of body_pose.hpp (a right stance leg).
#include <random>

#include "simulated/body/anthropometry.hpp"
#include "simulated/body/balance_loop.hpp"
#include "simulated/body/body_pose.hpp"
#include "simulated/body/newton_euler.hpp"
#include "simulated/body/two_feet.hpp"
#include "simulated/squat_profile.hpp"

namespace stance::sim::body {

// The knee and trunk during squats; each reaches its value at the nominal depth.
struct KneeMotion {
  double collapse_deg = 0.0;  // FPPA at the bottom, growing with depth fraction q as q²
  double wobble_deg = 0.0;    // amplitude of the FPPA oscillation at the bottom, growing as q
  double wobble_hz = 3.0;
  double wobble_phase_rad = 0.0;
  double pelvic_drop_deg = 0.0;  // contralateral drop, growing as q
  double trunk_lean_deg = 0.0;   // toward the stance side, growing as q
};

struct BodyParams {
  double mass_kg = 70.0;
  double height_m = 1.75;
  Sex sex = Sex::kMale;
  BalanceGains balance_ml{1.25, 0.30, 0.12};  // with the hip's help (below)
  BalanceGains balance_ap{1.3, 0.30, 0.12};
  // The hip's part of ML balance (balance_loop.hpp): pelvic tilt of 1 rad per rad of sway, with
  // derivative time 0.05 s and a 0.1-s delay. Model choices, not fitted values.
  HipGains hip_ml{1.0, 0.05, 0.10};
  double noise_corner_ml_hz = 0.42;
  double noise_corner_ap_hz = 0.26;
  double sway_sd_ml_m = 0.007;  // long-run SD of the linearised COP
  double sway_sd_ap_m = 0.012;
  double fz_sd_n = 3.0;     // internal vertical mass shift of the upper body, as force SD
  double yaw_sd_deg = 0.1;  // twist of the body about the vertical (source of the free moment)
  double squat_com_ap_m = 0.010;  // forward COM shift at the nominal squat depth
  double nominal_depth_m = 0.08;  // squat COM drop that is depth fraction 1
  KneeMotion knee;
  TwoFootSchedule feet;  // the other foot's contacts and the weight shifts toward it
};

class BodyModel {
 public:
  BodyModel() = default;
  // squat: the vertical COM path of the squats, or nullptr for stance. Draws from rng.
  BodyModel(const BodyParams& params, const SquatProfile* squat, std::mt19937_64& rng);

  PoseAngles angles_at(double t_s) const;
  BodyPose pose_at(double t_s) const;
  // now: if given, the pose at t_s (the middle one of the three).
  GroundReaction reaction_at(double t_s, BodyPose* now = nullptr) const;
  double depth_fraction(double t_s) const;
  // The reaction at t_s shared between the stance foot (the plate) and the other foot.
  SplitReaction split_at(double t_s, const GroundReaction& whole) const;

  const Anthropometry& anthropometry() const { return anthropometry_; }
  const AxisSway& sway_ml() const { return sway_ml_; }
  const AxisSway& sway_ap() const { return sway_ap_; }
  const PendulumGains& pendulum_ml() const { return pendulum_ml_; }
  const PendulumGains& pendulum_ap() const { return pendulum_ap_; }
  const PendulumGains& pendulum_hip() const { return pendulum_hip_; }  // ML COP per pelvic tilt
  double standing_com_z_m() const { return standing_com_z_m_; }
  double standing_com_ap_m() const { return standing_com_ap_m_; }  // ahead of the ankle
  // Knee flexion as a function of the squat's COM drop: polynomial coefficients (of drop / scale).
  double knee_flexion_at_drop_rad(double drop_m) const;

  static constexpr double kStep_s = 1e-3;  // central-difference step of the Newton-Euler sums

 private:
  struct Drives {
    Drive knee, ankle, sway_ml, sway_ap, yaw, fppa, drop, lean, wiggle, com_ap, free_hip;
  };
  Drives drives_at(double t_s) const;
  Drives standing() const;  // quiet standing, no sway
  PoseAngles angles_from(const Drives& d, double s) const;
  Drive knee_from_drop(const Drive& drop_m) const;
  Drive drop_polynomial(double u) const;  // value, d/du, d²/du²
  void fit_knee_polynomial();
  // The linearised COP (ML or AP) per unit of one posture variable and of its acceleration.
  PendulumGains probe_pendulum(Drive Drives::*variable, bool ml) const;

  BodyParams params_;
  Anthropometry anthropometry_;
  bool squats_ = false;
  SquatProfile squat_;
  AxisSway sway_ml_, sway_ap_;
  PendulumGains pendulum_ml_, pendulum_ap_, pendulum_hip_;
  SinusoidSum yaw_rad_, wiggle_m_;
  double standing_com_z_m_ = 0.0;
  double standing_com_ap_m_ = 0.0;
  double lean_height_m_ = 1.0;  // standing COM above the ankle: lean angle = COM shift / it
  static constexpr std::size_t kKneePolyTerms = 7;
  std::array<double, kKneePolyTerms>
      drop_poly_{};  // COM drop = Σ c_j u^(j+1), u = flexion − standing
  std::array<std::array<double, 2>, 64> inverse_table_{};  // (drop, u) for the Newton start
};

}  // namespace stance::sim::body
