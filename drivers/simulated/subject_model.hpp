#pragma once
// The simulated person: a pure function of time, deterministic from a seed, with the true value
// of every parameter and the true time of every event available through truth() and load_at().
// Plate frame (SPP section 3): x to the patient's right (ML), y forward (AP), z up.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/recording.hpp"
#include "simulated/body/body_model.hpp"
#include "simulated/sinusoid_sum.hpp"
#include "simulated/squat_profile.hpp"

namespace stance::sim {

struct SwayParams {
  double sd_ml_m = 0.007;      // long-run SD of the (linearised) COP, medio-lateral
  double sd_ap_m = 0.012;      // long-run COP SD, antero-posterior
  double corner_ml_hz = 0.42;  // corner of the 1st-order low-pass noise torque of the balance loop
  double corner_ap_hz = 0.26;
  double mean_ml_m = 0.010;  // mean COP: the foot is not exactly at the plate centre
  double mean_ap_m = -0.020;
  double fz_sd_n = 3.0;  // vertical force fluctuation of quiet stance (internal mass shift)
};

// The person's body: stature and sex select and scale de Leva's segment table.
struct BodyShape {
  double height_m = 1.75;
  body::Sex sex = body::Sex::kMale;
};

// A population to draw the knee of this person from (the seed draws one person).
enum class KneePreset : std::uint8_t {
  kNone,
  kControl,  // healthy: peak squat FPPA 8.4 ± 5.1° (Herrington 2014)
  kPfp,      // patellofemoral pain: 16.8 ± 5.4°
};

// The knee's frontal-plane motion in squats. w (index) scales the defaults: at w = 1 the true
// FPPA collapses by 15° at the bottom and oscillates by ±4° at freq_hz. Explicit values win.
struct WobbleParams {
  double index = 0.0;                     // w in [0, 1]
  double freq_hz = 3.0;                   // frontal-plane oscillation of the knee
  std::optional<double> collapse_deg;     // true FPPA at the bottom (nominal depth)
  std::optional<double> fppa_wobble_deg;  // FPPA oscillation amplitude at the bottom
  double pelvic_drop_deg = 0.0;           // contralateral pelvic drop at the bottom
  double trunk_lean_deg = 0.0;            // trunk lean toward the stance side at the bottom
  KneePreset preset = KneePreset::kNone;
};
inline constexpr double kCollapseAtFullWobble_deg = 15.0;
inline constexpr double kFppaWobbleAtFullWobble_deg = 4.0;

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
  double squat_cop_ap_m = 0.010;    // anterior COM (and so COP) shift at the nominal squat depth
  BodyShape body;
  SwayParams sway;
  SquatParams squat;
  WobbleParams wobble;
  EventParams events;
};

// Event timing (docs/simulator.md, "Load events"). The other foot takes and gives back load over
// kTouchdownRamp_s (a foot's load acceptance, smooth step); the weight shifts toward it and back,
// and the transfers of stepping off and on, are minimum-jerk moves of the COM over kWeightShift_s
// (the load, following the COM, moves from 10 to 90% in 0.53 of it: 0.53 s).
inline constexpr double kTouchdownRamp_s = 0.05;
inline constexpr double kWeightShift_s = 1.0;
inline constexpr double kStepOffRamp_s = kWeightShift_s;
inline constexpr double kStepOnRamp_s = kWeightShift_s;
// The other foot lands on the floor beside the plate: its support point is this far medial of
// the stance ankle (a 0.40-m plate with the foot near its centre leaves about 0.20 m to the edge).
inline constexpr double kOtherFootMl_m = 0.25;
// Stepping off (or before stepping on) the COM goes this fraction of the feet's distance past the
// other foot's support point (still over that foot), so that the plate is then exactly empty.
inline constexpr double kPastOtherFoot = 0.05;

// A load transition: it starts at start_s, is complete at start_s + ramp_s, and (touchdown only)
// is undone from end_s to end_s + ramp_s. The half-way point of the ramp is start_s + ramp_s/2.
// A touchdown's weight shift leans toward the other foot over shift_s before start_s, and back
// over shift_s after end_s + ramp_s.
struct EventTruth {
  double start_s = 0.0;
  double ramp_s = 0.0;
  double end_s = 0.0;
  double share = 0.0;  // body-weight share that moves
  double shift_s = 0.0;
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
  double collapse_deg = 0.0;  // the knee of this person (after w, explicit values, preset)
  double fppa_wobble_deg = 0.0;
  double ankle_ml_m = 0.0, ankle_ap_m = 0.0;  // stance ankle joint centre on the plate
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
  double support_share = 1.0;                 // share of the body's ground reaction on the plate
  double com_z_m = 0.0;     // vertical COM displacement from standing (squat and quiet wiggle)
  double com_vz_m_s = 0.0;  // its velocity
  double squat_depth_fraction = 0.0;      // current squat COM drop / nominal depth
  double com_ml_m = 0.0, com_ap_m = 0.0;  // whole-body COM over the plate
  double fppa_deg = 0.0;                  // true knee FPPA (joint centres), see BodyTruthSample
  // What the other foot carries on the floor beside the plate (plate frame, force on the floor).
  double other_fx_n = 0.0, other_fy_n = 0.0, other_fz_n = 0.0;
  double other_cop_ml_m = 0.0, other_cop_ap_m = 0.0, other_free_moment_nm = 0.0;
};

// The body at one instant, plate frame (m). FPPA: the angle between hip→knee and knee→ankle
// projected on the frontal (x-z) plane, 0 in line, + when the knee is medial of the hip-ankle
// line of the stance limb (as a frontal camera would see it).
struct BodyTruthSample {
  Eigen::Vector3d com_m, hip_m, knee_m, ankle_m;
  Eigen::Vector3d asis_m, patella_m, heel_m, toe_m;  // skin markers (ankle marker = ankle_m)
  double fppa_deg = 0.0;                             // from the joint centres
  double fppa_markers_deg = 0.0;                     // from the ASIS, mid-patella and ankle markers
  double knee_flexion_deg = 0.0;
};

// The knee in one squat, from the body sampled every 2 ms over the rep.
struct RepKneeTruth {
  int index = 0;
  double peak_fppa_deg = 0.0;    // largest FPPA of the rep
  double bottom_fppa_deg = 0.0;  // at the middle of the pause at the bottom
  double bottom_knee_flexion_deg = 0.0;
};

class SubjectModel {
 public:
  explicit SubjectModel(const SubjectParams& params);

  SubjectLoad load_at(double t_s) const;
  const SubjectTruth& truth() const { return truth_; }
  // The linearised COP sway of the balance loop around the mean, plate frame, m: the Newton-Euler
  // COP of quiet stance equals it up to second-order terms.
  const SinusoidSum& sway_ml() const { return sway_ml_; }
  const SinusoidSum& sway_ap() const { return sway_ap_; }

  BodyTruthSample body_at(double t_s) const;
  std::vector<RepKneeTruth> rep_knee_truth() const;  // empty for stance
  const body::BodyModel& body() const { return body_; }

 private:
  double inanimate_share(double t_s) const;         // a mass put on or taken off the plate
  SubjectLoad inanimate_load_at(double t_s) const;  // LoadKind::kMass or kNone
  Eigen::Vector3d to_plate(const Eigen::Vector3d& limb_frame_m) const;

  SubjectTruth truth_;
  SinusoidSum sway_ml_, sway_ap_;  // linearised COP, plate frame
  SquatProfile squat_;
  body::BodyModel body_;
  double mirror_ = 1.0;  // -1: a left stance leg, the limb frame's x mirrored
};

// Smooth step from 0 at x <= 0 to 1 at x >= 1 (minimum-jerk shape).
double smooth_step(double x);

}  // namespace stance::sim
