#pragma once
// The basic analysis of one recording (or a time window of it): what it holds, body weight and the
// basic sway descriptors. The full descriptor set, squats and ML squat steadiness build on the same
// input.
#include <Eigen/Core>
#include <limits>
#include <string>
#include <vector>

#include "core/butterworth.hpp"
#include "core/force_samples.hpp"
#include "core/sample_window.hpp"
#include "core/sway_basic.hpp"
#include "support/result.hpp"

namespace stance {

struct BasicAnalysisOptions {
  LowPassSpec lowpass{};                                      // 4th order, 10 Hz (Ruhe et al. 2010)
  double start_s = -std::numeric_limits<double>::infinity();  // from the recording's start
  double end_s = std::numeric_limits<double>::infinity();
  bool sway = true;  // false: counts and body weight only (analyze_trial has the descriptor set)
};

struct BasicAnalysis {
  double rate_hz = 0;
  double start_s = 0, end_s = 0, duration_s = 0;
  Eigen::Index sample_count = 0;
  Eigen::Index lost_samples = 0;      // kMissing
  Eigen::Index unloaded_samples = 0;  // kLowForce (not lost: the plate reported little load)
  Eigen::Index overload_samples = 0;
  Eigen::Index adc_error_samples = 0;
  double body_weight_n = 0;  // mean vertical force over loaded samples
  double body_mass_kg = 0;
  bool filtered = false;
  LowPassSpec lowpass{};
  SwayBasic sway;
  std::vector<std::string> notes;  // things the reader of the result must know
};

Result<BasicAnalysis> analyze_basic(const ForceSamples& samples,
                                    const BasicAnalysisOptions& options = {});

// The two halves of analyze_basic, for callers that need the window themselves (analyze_trial):
// the window of a recording (errors: no samples, a misplaced or empty window), and the summary of
// it, read in place (options' start and end are not looked at again).
Result<SampleRange> basic_window(const ForceSamples& samples, double start_s, double end_s);
BasicAnalysis summarize_window(const ForceSamples& samples, SampleRange range,
                               const BasicAnalysisOptions& options);

}  // namespace stance
