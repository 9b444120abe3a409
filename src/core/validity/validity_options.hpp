#pragma once
// Settings of the trial-validity rules; every rule, threshold and reason is in docs/metrics.md
// ("Trial validity").
#include <string>

#include "core/validity/touchdown_rule.hpp"

namespace stance {

struct ValidityOptions {
  double analysis_rate_hz = 100.0;  // as SquatOptions::analysis_rate_hz

  TouchdownRule touchdown;  // the other foot touching down

  // Unloaded plate: vertical force below this share of body weight.
  double unloaded_fraction = 0.05;
  double max_flight_s = 1.0;           // an unloaded gap up to this long, then a landing: a hop
  double landing_peak_fraction = 1.3;  // a landing peaks above this many body weights

  // Flagged frames (lost, ADC error, overload): the trial is qualified by a few short runs,
  // invalid when a run is longer than max_bad_run_s or they add up to max_bad_fraction.
  double max_bad_run_s = 0.1;
  double max_bad_fraction = 0.01;
  double merge_gap_s = 0.5;  // runs of one kind closer than this are reported together

  // COP outside the plate's sensing area (needs the plate geometry).
  double edge_margin_m = 0.0;
  double min_outside_s = 0.01;

  // Squat repetitions: five asked (Crossley et al. 2011), the first four analysed (Kwok & Kong
  // 2024), so fewer than four acceptable ones invalidate and four qualify.
  int expected_reps = 5;
  int min_reps = 4;
  // Plausibility: a repetition whose bottom is less than this below standing height is not a
  // squat (the squat analysis's own standing tolerance, under half the COM drop of the protocol's
  // 45-60° squat): the trial is not valid. So are more repetitions than asked (docs/metrics.md).
  double min_squat_depth_m = 0.03;

  // The recording's mark that its plate was not verified (analysis_policy.hpp), as the reason
  // the clinician reads; empty: nothing to say.
  std::string plate_not_verified;
};

}  // namespace stance
