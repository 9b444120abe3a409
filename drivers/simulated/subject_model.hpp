#pragma once
// The simulated person: a pure function of time, deterministic from a seed, with the true value
// of every parameter and the true time of every event available through truth() and load_at().
// Plate frame (SPP section 3): x to the patient's right (ML), y forward (AP), z up.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/recording.hpp"
#include "simulated/sinusoid_sum.hpp"
#include "simulated/squat_profile.hpp"

namespace stance::sim {

struct SwayParams {
  double sd_ml_m = 0.007;     // long-run COP SD, medio-lateral
  double sd_ap_m = 0.012;     // long-run COP SD, antero-posterior
  double corner_ml_hz = 0.6;  // corner of the 2nd-order low-pass sway spectrum
  double corner_ap_hz = 0.35;
  double mean_ml_m = 0.010;  // mean COP: the foot is not exactly at the plate centre
  double mean_ap_m = -0.020;
  double fz_sd_n = 3.0;        // vertical force fluctuation of quiet stance
  double com_height_m = 0.95;  // inverted-pendulum height for the shear force
};

struct WobbleParams {
  double index = 0.0;             // w in [0, 1]
  double freq_hz = 3.0;           // frontal-plane oscillation of the knee
  double oscillation_m = 0.008;   // ML amplitude at w = 1 and full nominal depth
  double medial_drift_m = 0.015;  // medial COP drift at the bottom at w = 1
};

struct EventParams {
  std::optional<double> touchdown_s;  // the other foot touches down at this time...
  double touchdown_duration_s = 0.5;  // ...for this long
  double touchdown_share = 0.4;       // share of body weight that leaves the plate meanwhile
  std::optional<double> step_off_s;   // the person steps off the plate
  double empty_s = 0.0;               // the plate is empty this long before the person steps on
};

// What stands on the plate: a person, a still calibration mass (for the host's known-mass check
// and gain correction) or nothing (for its tare).
enum class LoadKind : std::uint8_t { kPerson, kMass, kNone };

struct SubjectParams {
  LoadKind load = LoadKind::kPerson;
  std::uint64_t seed = 1;
  double mass_kg = 70.0;
  Limb limb = Limb::kRight;
  Task task = Task::kSingleLegStance;
  double stance_duration_s = 30.0;  // length of a stance trial (a hint for recorders and tests)
  double squat_cop_ap_m = 0.010;    // anterior COP shift at the nominal squat depth
  SwayParams sway;
  SquatParams squat;
  WobbleParams wobble;
  EventParams events;
};

// Ramp durations of the events (the brief's "within ~50 ms", "~0.2 s"); smooth-step shaped.
inline constexpr double kTouchdownRamp_s = 0.05;
inline constexpr double kStepOffRamp_s = 0.2;
inline constexpr double kStepOnRamp_s = 0.3;
// The COP under the stance foot moves this far toward the other foot while it touches down.
inline constexpr double kTouchdownCopShift_m = 0.010;

// A load transition: it starts at start_s, is complete at start_s + ramp_s, and (touchdown only)
// is undone from end_s to end_s + ramp_s. The half-way point of the ramp is start_s + ramp_s/2.
struct EventTruth {
  double start_s = 0.0;
  double ramp_s = 0.0;
  double end_s = 0.0;
  double share = 0.0;  // body-weight share that moves
};

struct SubjectTruth {
  SubjectParams params;
  double weight_n = 0.0;  // m·g
  // Sway of quiet stance (sum of sinusoids), long-run values.
  double sway_sd_ml_m = 0.0, sway_sd_ap_m = 0.0;
  double sway_velocity_sd_ml_m_s = 0.0, sway_velocity_sd_ap_m_s = 0.0;
  double sway_mean_speed_ml_m_s = 0.0;  // E|dx/dt|, Gaussian approximation
  double sway_mean_speed_ap_m_s = 0.0;
  double sway_mean_speed_m_s = 0.0;  // E|v| of the 2-D COP velocity
  double medial_sign = -1.0;  // +x is lateral for a right foot, so medial is -x; +x for a left foot
  double wobble_phase_rad = 0.0;
  double task_start_s = 0.0;  // the person is fully on the plate (after the step-on)
  double trial_end_s = 0.0;   // end of the task: stance duration, or the quiet after the last rep
  std::vector<SquatRepTruth> reps;  // empty for stance
  std::optional<EventTruth> touchdown, step_off, step_on;
};

// The true load the person puts on the plate at one instant.
struct SubjectLoad {
  double fx_n = 0.0, fy_n = 0.0, fz_n = 0.0;  // plate frame, force on the plate
  double cop_ml_m = 0.0, cop_ap_m = 0.0;      // defined by the foot even when fz is ~0
  double free_moment_nm = 0.0;                // about the vertical through the COP
  double support_share = 1.0;                 // body-weight share on the plate
  double com_z_m = 0.0;     // vertical COM displacement from standing (squat and quiet wiggle)
  double com_vz_m_s = 0.0;  // its velocity
  double squat_depth_fraction = 0.0;  // current squat COM drop / nominal depth
  double wobble_ml_m = 0.0;           // the knee-wobble part of cop_ml_m
};

class SubjectModel {
 public:
  explicit SubjectModel(const SubjectParams& params);

  SubjectLoad load_at(double t_s) const;
  const SubjectTruth& truth() const { return truth_; }
  const SinusoidSum& sway_ml() const { return sway_ml_; }  // COP sway around the mean, m
  const SinusoidSum& sway_ap() const { return sway_ap_; }

 private:
  double support_share(double t_s, double& touchdown_level) const;
  SubjectLoad inanimate_load_at(double t_s) const;  // LoadKind::kMass or kNone

  SubjectTruth truth_;
  SinusoidSum sway_ml_, sway_ap_;  // COP
  SinusoidSum com_ml_, com_ap_;    // COM, the COP low-passed by the inverted pendulum
  SinusoidSum fz_wiggle_n_;        // m·z̈ of quiet stance
  SinusoidSum com_z_wiggle_m_;     // the matching vertical COM displacement
  SinusoidSum free_moment_nm_;
  SquatProfile squat_;
};

// Smooth step from 0 at x <= 0 to 1 at x >= 1 (minimum-jerk shape).
double smooth_step(double x);

}  // namespace stance::sim
