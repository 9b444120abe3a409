#pragma once
// Settings of the squat analysis. Every default is explained in docs/metrics.md ("Single-leg
// squat repetitions"); the protocol figures come from ../shared/CLINICAL.md.
#include "core/validity/touchdown_rule.hpp"

namespace stance {

struct SquatOptions {
  // Rate of the slow signals (block means of the plate's samples).
  double analysis_rate_hz = 100.0;
  // Low-pass of the force when looking for quiet phases, and of the COM velocity when timing the
  // phases: a slow squat's COM acceleration lies below ~1.5 Hz, the force wiggle of quiet stance
  // (heartbeat, muscle) above 2 Hz. The integration itself uses the unfiltered force.
  double com_lowpass_hz = 2.0;

  // Quiet phases: windows of this length whose vertical-force SD is below quiet_sd_fraction of
  // their mean. Body weight = the median of their means.
  double quiet_window_s = 0.5;
  double quiet_sd_fraction = 0.015;
  // A quiet window counts as a rest (COM still, standing) when its mean is this close to BW.
  double rest_band_fraction = 0.02;
  double min_body_weight_n = 100.0;  // below: nobody on the plate
  // Vertical force below this share of BW: the plate is unloaded (flight, stepped off).
  double unloaded_fraction = 0.05;
  double min_segment_s = 1.0;  // shorter loaded stretches are not analysed
  // Break the COM path where the other foot touches down (validity's touchdown rule).
  bool break_at_touchdowns = true;
  TouchdownRule touchdown;

  // Repetitions.
  double detect_depth_m = 0.02;        // a COM dip this deep (and rise back) is a squat attempt
  double onset_fraction = 0.05;        // phase limits at this share of the phase's peak COM speed
  double standing_tolerance_m = 0.03;  // a top within this of standing height is standing
  // Reported, not hidden: shallower than ~40° knee flexion (PFP protocol: 45–60°).
  double shallow_depth_m = 0.06;
  // Reported: faster than the ~2 s per squat of Crossley et al. 2011, with a 25% margin.
  double min_rep_duration_s = 1.5;
};

}  // namespace stance
