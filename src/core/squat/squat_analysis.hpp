#pragma once
// Single-leg squat repetitions from vertical force: body weight from the quiet phases, the
// vertical centre-of-mass (COM) velocity and displacement by integrating (Fz − BW)/m with the
// drift reset at every rest, and the repetitions found in the COM path. Definitions, thresholds
// and their reasons: docs/metrics.md, "Single-leg squat repetitions".
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "core/force_samples.hpp"
#include "core/squat/squat_options.hpp"
#include "support/result.hpp"

namespace stance {

struct TimeInterval {
  double start_s = 0.0;
  double end_s = 0.0;
};

struct SquatRep {
  int index = 0;                // 1-based, in time order
  double start_s = 0.0;         // the descent begins
  double bottom_start_s = 0.0;  // the descent ends
  double bottom_s = 0.0;        // middle of the bottom (of the pause, if any)
  double bottom_end_s = 0.0;    // the ascent begins
  double end_s = 0.0;           // back up
  double descent_s = 0.0, bottom_pause_s = 0.0, ascent_s = 0.0, duration_s = 0.0;
  double depth_m = 0.0;  // COM drop below standing height
  double peak_descent_speed_m_s = 0.0, peak_ascent_speed_m_s = 0.0;
  double peak_fz_n = 0.0;   // highest vertical force in the rep (analysis-rate blocks)
  double peak_fz_bw = 0.0;  // the same, in body weights
  bool complete = true;     // came back up before the loaded stretch ended
  bool shallow = false;     // depth < shallow_depth_m
  bool too_fast = false;    // duration < min_rep_duration_s
  bool acceptable() const { return complete && !shallow && !too_fast; }
};

// The other foot touching down (the validity rule): the COM path is broken there.
struct TouchdownEvent {
  double start_s = 0.0, end_s = 0.0;
  double share_bw = 0.0;  // share of body weight that left the plate
};

// Vertical COM path at the analysis rate; z = 0 is standing height, up is positive.
struct ComTrajectory {
  double t0_s = 0.0, rate_hz = 0.0;
  Eigen::ArrayXd z_m, vz_m_s;
  std::vector<std::uint8_t> valid;  // 1 inside an analysed loaded stretch
};

struct SquatAnalysis {
  double body_weight_n = 0.0;
  double body_mass_kg = 0.0;
  bool body_weight_from_quiet = false;     // false: mean loaded force (no quiet phase found)
  std::vector<TimeInterval> quiet_phases;  // still, at body weight, outside every repetition
  std::vector<TimeInterval> unloaded;      // Fz below unloaded_fraction × BW
  std::vector<TouchdownEvent> touchdowns;
  bool touchdowns_searched = false;  // options.break_at_touchdowns
  std::vector<SquatRep> reps;
  int rep_count = 0;             // every detected repetition
  int acceptable_rep_count = 0;  // complete, not shallow, not too fast
  ComTrajectory com;
  SquatOptions options;
  std::vector<std::string> notes;  // things the reader of the result must know
};

// Errors: no samples, no rate, nobody on the plate. A trial without squats gives 0 reps.
Result<SquatAnalysis> analyze_squats(const ForceSamples& samples, const SquatOptions& options = {});

}  // namespace stance
