#pragma once
// Settings of the ML squat steadiness index. Every default and its reason: docs/metrics.md
// ("ML squat steadiness"), from the plate-knee study (bench/knee_study).
namespace stance {

struct SteadinessOptions {
  double analysis_rate_hz = 100.0;  // as SquatOptions::analysis_rate_hz
  // The band of the knee's frontal-plane oscillation on the plate: the study found the ML COP
  // between 2 and 6 Hz to carry a 2.5–4 Hz knee wobble (R² 0.87) while the person's own
  // balance sway lives mostly below 1–2 Hz.
  double band_low_hz = 2.0;
  double band_high_hz = 6.0;
  // The excess oscillation that reads 50 on the 0–100 scale.
  double half_scale_m = 0.004;
  double margin_s = 0.25;     // standing excludes this much around each repetition
  double baseline_s = 0.5;    // standing window before and after each repetition (ML shift)
  double bottom_min_s = 0.4;  // the bottom window, at least this long, centred on the bottom
  int trial_reps = 4;         // the first four acceptable reps (Kwok & Kong 2024)
};

}  // namespace stance
