#pragma once
// Resampling COP onto a uniform grid, for recordings with lost samples and irregular timing.
//
// Linear: values at the new times by linear interpolation between the two source samples around
// each; an output sample is usable only if every source sample it draws on is usable. Values
// should be gap-bridged first (preprocess.hpp: bridge_gaps) so unusable outputs stay continuous.
// When the new rate is lower, low-pass first (anti-aliasing): compute_descriptors filters the COP
// at the source rate and then resamples (docs/metrics.md, "Resampling").
//
// SWARII (Sliding Window Average with Relevance Interval Interpolation; Audiffren & Contal 2016,
// Sensors 16:1208), as used at 25 Hz with an 80 ms window by Quijoux et al. 2021: every output is
// the average of the source samples within ±window/2, each weighted by the time it stands for;
// windows without samples are filled by linear interpolation. The published version also drops
// isolated spikes first and starts 0.1 s into the recording.
#include <Eigen/Core>
#include <vector>

#include "core/butterworth.hpp"
#include "core/descriptors/cop_trace.hpp"
#include "core/force_samples.hpp"
#include "support/result.hpp"

namespace stance {

struct ResampledCop {
  double rate_hz = 0.0;
  double t0_s = 0.0;  // time of output sample 0, on the source's clock
  Eigen::ArrayXd ml_m, ap_m;
  std::vector<bool> usable;
  Eigen::Index filled = 0;  // outputs interpolated across a gap (unusable in the linear method)
  Eigen::Index size() const { return ml_m.size(); }
};

// Source times must be finite and strictly increasing. Output times t0_s + j / rate_hz, j < count.
// Outside the source span the output holds the nearest source value and is unusable.
ResampledCop resample_linear(const Eigen::ArrayXd& t_s, const Eigen::ArrayXd& ml_m,
                             const Eigen::ArrayXd& ap_m, const std::vector<bool>& usable,
                             double t0_s, double rate_hz, Eigen::Index count);

// A ForceSamples' COP at a new rate over its whole span: unusable samples bridged, the zero-phase
// low-pass applied at the source rate (before the rate changes), then linear interpolation with
// the usable mask carried along. The new rate must exceed twice the cut-off.
Result<ResampledCop> resample_cop(const ForceSamples& samples, const LowPassSpec& lowpass,
                                  double rate_hz);

struct SwariiSpec {
  double rate_hz = 25.0;
  double window_s = 0.08;
  bool published_quirks = true;  // spike purge, start at 0.1 s, first and last sample dropped
  double spike_up_m = 0.02;      // a jump larger than this (L1, ML + AP)…
  double spike_back_m = 0.005;   // …that comes back within this after 1 or 2 samples
  double start_s = 0.1;          // samples earlier than this (from the first) are dropped
};

// Input: the usable samples only, with their times (any spacing). All outputs are usable; the
// number filled across gaps longer than the window is reported.
ResampledCop resample_swarii(const Eigen::ArrayXd& t_s, const Eigen::ArrayXd& ml_m,
                             const Eigen::ArrayXd& ap_m, const SwariiSpec& spec);

// Every factor-th sample (after a low-pass that makes it alias-free).
CopTrace decimate(const CopTrace& trace, Eigen::Index factor);

}  // namespace stance
