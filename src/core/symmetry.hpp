#pragma once
// Two limbs: the per-session summary of each side (mean of the valid trials and their
// trial-to-trial variability) and the limb symmetry of every metric. Definitions and references
// in docs/metrics.md ("Limb symmetry").
#include <map>
#include <string>
#include <vector>

#include "core/recording.hpp"

namespace stance {

// Which way a metric improves: sway and steadiness measures are better when lower.
enum class Better : std::uint8_t { kLower, kHigher };

struct TrialSummary {
  int trials = 0;  // valid trials averaged
  double mean = 0.0;
  double sd = 0.0;          // sample SD (n − 1); 0 for a single trial
  double cv_percent = 0.0;  // SD / |mean| × 100; 0 when the mean is 0
};

TrialSummary summarize_trials(const std::vector<double>& values);

struct LimbSymmetry {
  bool defined = false;  // both sides have a value (and, for the LSI, the involved side is known)
  // Limb symmetry index: the involved side's deficit reads below 100 % whichever way the metric
  // improves: involved / uninvolved × 100 when higher is better, uninvolved / involved × 100 when
  // lower is better (sway, steadiness). docs/symmetry.md.
  double lsi_percent = 0.0;
  bool lsi_defined = false;
  double asymmetry_percent = 0.0;  // (right − left) / max(|right|, |left|) × 100 (Bishop 2016)
  Limb worse_side = Limb::kUnspecified;  // from `better`; unspecified when equal
};

LimbSymmetry limb_symmetry(double left, double right, Limb involved, Better better);

// One trial's results as the session summary needs them.
struct TrialMetrics {
  Limb limb = Limb::kUnspecified;
  bool valid = true;
  std::map<std::string, double> values;  // metric name → value (the metric's own unit)
};

struct MetricSessionSummary {
  TrialSummary left, right;
  LimbSymmetry symmetry;
};

// Per metric: each side's summary over its valid trials, and their symmetry. `better` gives the
// direction of each metric (absent: lower is better, as for sway).
std::map<std::string, MetricSessionSummary> summarize_session(
    const std::vector<TrialMetrics>& trials, Limb involved,
    const std::map<std::string, Better>& better = {});

}  // namespace stance
