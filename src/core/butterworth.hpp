#pragma once
// Butterworth low-pass as second-order sections, and zero-phase forward-backward filtering with
// odd-extension padding and steady-state initial conditions (the method of MATLAB's filtfilt and
// SciPy's sosfiltfilt; Gustafsson 1996 for the initial-condition idea). References in
// docs/metrics.md.
#include <Eigen/Core>
#include <vector>

#include "support/result.hpp"

namespace stance {

struct Biquad {
  double b0 = 1, b1 = 0, b2 = 0;
  double a1 = 0, a2 = 0;  // a0 = 1
};

struct LowPassSpec {
  int order = 4;
  double cutoff_hz = 10.0;
};

// Digital Butterworth low-pass by the bilinear transform with pre-warping.
Result<std::vector<Biquad>> design_butterworth_lowpass(const LowPassSpec& spec, double rate_hz);

// Zero-phase filtering; the output has the input's length. Signals shorter than two samples are
// returned unchanged.
Eigen::ArrayXd filtfilt(const std::vector<Biquad>& sections, const Eigen::ArrayXd& x);
void filtfilt_in_place(const std::vector<Biquad>& sections, Eigen::ArrayXd& x);

// Two channels of the same length at once (COP ML and AP), in place: the same values as filtfilt
// on each, bit for bit, in about half the time (the two recursions run side by side).
void filtfilt2_in_place(const std::vector<Biquad>& sections, Eigen::ArrayXd& x, Eigen::ArrayXd& y);

// Gain of the cascade at frequency f_hz (for tests and docs).
double magnitude_response(const std::vector<Biquad>& sections, double f_hz, double rate_hz);

}  // namespace stance
