#pragma once
// ML squat steadiness: how much the centre of pressure oscillates medio-laterally (ML) at
// 2–6 Hz during single-leg squats, beyond what the same person shows while standing in the same
// trial. A knee that wobbles in the frontal plane shows here (the plate-knee study, docs/
// metrics.md); a slow medial collapse of the knee does not, and no angle is measured.
#include <string>
#include <vector>

#include "core/force_samples.hpp"
#include "core/recording.hpp"
#include "core/squat/squat_analysis.hpp"
#include "core/steadiness/steadiness_options.hpp"

namespace stance {

struct SteadinessComponents {
  double ml_oscillation_m = 0.0;  // RMS of the ML COP in the 2–6 Hz band
  double ml_excess_m = 0.0;       // the same beyond standing: √max(0, squat² − standing²)
  double ml_shift_m = 0.0;        // slow ML COP at the bottom minus standing, plate x (+ = right)
  double medial_shift_m = 0.0;    // the same toward the midline (+ medial); |shift| if limb unknown
  bool has_shear = false;         // six-component plate: the two below are measured
  double ml_shear_n = 0.0;        // RMS of the ML shear in the 2–6 Hz band
  double ml_shear_bw = 0.0;       // the same in body weights
};

struct RepSteadiness {
  int rep_index = 0;  // SquatRep::index
  double start_s = 0.0, end_s = 0.0;
  SteadinessComponents components;
  double index = 0.0;  // 0 (steady) to 100 (unsteady)
};

struct SquatSteadiness {
  Limb limb = Limb::kUnspecified;
  bool medial_known = false;            // the limb says which way is medial
  std::vector<RepSteadiness> reps;      // every repetition
  std::vector<int> reps_used;           // SquatRep::index of those in the trial value
  SteadinessComponents trial;           // mean of the components of reps_used
  double index = 0.0;                   // the trial's index, from trial.ml_excess_m
  double index_rep_sd = 0.0;            // SD of the per-rep indices of reps_used (n − 1)
  double standing_oscillation_m = 0.0;  // 2–6 Hz ML COP RMS while standing: the reference
  std::vector<std::string> notes;
};

// The documented mapping: 100 · (1 − 2^(−excess / half_scale)).
double ml_steadiness_index(double ml_excess_m, const SteadinessOptions& options);

SquatSteadiness compute_squat_steadiness(const ForceSamples& samples, const SquatAnalysis& squats,
                                         Limb limb, const SteadinessOptions& options = {});

}  // namespace stance
