#pragma once
// Settings of the knee-wobble index. The components, the mapping to 0–100 and the reasons for
// every default are in docs/metrics.md ("Knee-wobble index").
namespace stance {

// Reference scales: the value of each component that alone gives the index 50, and the weights
// of the components in the index (they sum to 1).
struct WobbleScales {
  double oscillation_m = 0.0025;
  double ml_speed_m_s = 0.035;
  double reversals_per_s = 4.0;
  double medial_shift_m = 0.0075;
  double weight_oscillation = 0.3;
  double weight_ml_speed = 0.3;
  double weight_reversals = 0.1;
  double weight_medial_shift = 0.3;
};

struct WobbleOptions {
  double analysis_rate_hz = 100.0;  // as SquatOptions::analysis_rate_hz
  double cop_lowpass_hz = 10.0;     // Ruhe et al. 2010, as for sway
  // The slow squat trajectory of the ML COP: what the knee does on purpose (and the slow drift
  // of dynamic valgus) lies below; a knee that cannot hold its line oscillates above.
  double trend_cutoff_hz = 1.0;
  double reversal_min_m = 0.001;  // a direction reversal must travel at least this far
  double baseline_s = 0.5;        // standing window before and after each repetition
  double bottom_min_s = 0.4;      // the bottom window, at least this long, centred on the bottom
  int trial_reps = 4;             // the first four acceptable reps (Kwok & Kong 2024)
  WobbleScales scales;
};

}  // namespace stance
