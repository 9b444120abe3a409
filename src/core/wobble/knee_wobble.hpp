#pragma once
// The knee-wobble index: Stance's own force-plate index of frontal-plane knee control during
// single-leg squats, from the medio-lateral (ML) behaviour of the centre of pressure. It is not
// a measured valgus angle. Components, mapping and limits: docs/metrics.md, "Knee-wobble index".
#include <string>
#include <vector>

#include "core/force_samples.hpp"
#include "core/recording.hpp"
#include "core/squat/squat_analysis.hpp"
#include "core/wobble/wobble_options.hpp"

namespace stance {

struct WobbleComponents {
  double oscillation_rms_m = 0.0;  // ML COP minus its slow trend: RMS
  double ml_speed_m_s = 0.0;       // mean |ML COP velocity|
  double reversals_per_s = 0.0;    // ML direction reversals of at least reversal_min_m
  double ml_shift_m = 0.0;         // bottom minus standing baseline, plate x (+ = patient's right)
  double medial_shift_m = 0.0;   // the same toward the midline (+ medial); |shift| if limb unknown
  bool has_shear = false;        // six-component plate: the two below are measured
  double ml_shear_rms_n = 0.0;   // ML shear about its mean: RMS
  double ml_shear_rms_bw = 0.0;  // the same in body weights
};

struct RepWobble {
  int rep_index = 0;  // SquatRep::index
  double start_s = 0.0, end_s = 0.0;
  WobbleComponents components;
  double index = 0.0;  // 0 (steady) to 100 (severe)
};

struct KneeWobble {
  Limb limb = Limb::kUnspecified;
  bool medial_known = false;    // the limb says which way is medial
  std::vector<RepWobble> reps;  // every repetition
  std::vector<int> reps_used;   // SquatRep::index of those in the trial value
  WobbleComponents trial;       // mean of the components of reps_used
  double index = 0.0;           // the trial's index, from `trial`
  double index_rep_sd = 0.0;    // SD of the per-rep indices of reps_used (n − 1)
  WobbleComponents standing;    // the same measures while standing (reference, no index)
  std::vector<std::string> notes;
};

// The index for a set of components (the documented mapping).
double knee_wobble_index(const WobbleComponents& c, const WobbleScales& scales);

KneeWobble compute_knee_wobble(const ForceSamples& samples, const SquatAnalysis& squats, Limb limb,
                               const WobbleOptions& options = {});

}  // namespace stance
