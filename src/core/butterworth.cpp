#include "core/butterworth.hpp"

#include <cmath>
#include <complex>
#include <numbers>
#include <string>

namespace stance {
namespace {

struct SectionState {
  double z1 = 0, z2 = 0;
};

double dc_gain(const Biquad& s) {
  return (s.b0 + s.b1 + s.b2) / (1.0 + s.a1 + s.a2);
}

// Resting state of one section under a constant input of 1 (transposed direct form II); scaled
// by the section's first input it starts the section in steady state, which removes the start-up
// transient (the idea of Gustafsson 1996, as in SciPy's sosfilt_zi).
SectionState steady_state(const Biquad& s) {
  const double y = dc_gain(s);
  SectionState zi;
  zi.z2 = s.b2 - s.a2 * y;
  zi.z1 = s.b1 - s.a1 * y + zi.z2;
  return zi;
}

// One section over the whole signal in place, forward (step +1) or backward (step −1): a tight
// loop with the state in registers, section after section (faster than sample after sample).
void run_section(const Biquad& s, SectionState st, double* x, Eigen::Index n, Eigen::Index step) {
  const Eigen::Index begin = step > 0 ? 0 : n - 1;
  for (Eigen::Index k = 0, i = begin; k < n; ++k, i += step) {
    const double in = x[i];
    const double y = s.b0 * in + st.z1;
    st.z1 = s.b1 * in - s.a1 * y + st.z2;
    st.z2 = s.b2 * in - s.a2 * y;
    x[i] = y;
  }
}

// The cascade in one direction, each section started in steady state for its first input.
void filter_in_place(const std::vector<Biquad>& sections, Eigen::ArrayXd& x, Eigen::Index step) {
  const Eigen::Index n = x.size();
  for (const Biquad& section : sections) {
    const double first = x[step > 0 ? 0 : n - 1];
    const SectionState zi = steady_state(section);
    run_section(section, {zi.z1 * first, zi.z2 * first}, x.data(), n, step);
  }
}

}  // namespace

Result<std::vector<Biquad>> design_butterworth_lowpass(const LowPassSpec& spec, double rate_hz) {
  if (spec.order < 1 || spec.order > 12) {
    return Error{"low-pass order " + std::to_string(spec.order) + " is outside 1..12"};
  }
  if (!(spec.cutoff_hz > 0.0) || !(spec.cutoff_hz < 0.5 * rate_hz)) {
    return Error{"low-pass cut-off " + std::to_string(spec.cutoff_hz) +
                 " Hz must lie between 0 and half the sample rate (" +
                 std::to_string(0.5 * rate_hz) + " Hz)"};
  }
  const double k = std::tan(std::numbers::pi * spec.cutoff_hz / rate_hz);  // pre-warped
  const double k2 = k * k;
  std::vector<Biquad> sections;
  const int n = spec.order;
  for (int i = 1; i <= n / 2; ++i) {
    // Pole pair i of the analog prototype has quality factor 1 / (2 sin((2i-1)π / 2n)).
    const double q = 1.0 / (2.0 * std::sin((2.0 * i - 1.0) * std::numbers::pi / (2.0 * n)));
    const double norm = 1.0 / (1.0 + k / q + k2);
    Biquad s;
    s.b0 = k2 * norm;
    s.b1 = 2.0 * s.b0;
    s.b2 = s.b0;
    s.a1 = 2.0 * (k2 - 1.0) * norm;
    s.a2 = (1.0 - k / q + k2) * norm;
    sections.push_back(s);
  }
  if (n % 2 == 1) {  // the real pole: a first-order section
    Biquad s;
    s.b0 = k / (1.0 + k);
    s.b1 = s.b0;
    s.a1 = (k - 1.0) / (k + 1.0);
    sections.push_back(s);
  }
  return sections;
}

Eigen::ArrayXd filtfilt(const std::vector<Biquad>& sections, const Eigen::ArrayXd& x) {
  const Eigen::Index n = x.size();
  if (n < 2 || sections.empty()) return x;
  // Pad length as in SciPy's sosfiltfilt: 3 × (2 × sections + 1), limited by the signal.
  const Eigen::Index pad =
      std::min<Eigen::Index>(3 * (2 * static_cast<Eigen::Index>(sections.size()) + 1), n - 1);
  Eigen::ArrayXd ext(n + 2 * pad);
  for (Eigen::Index i = 0; i < pad; ++i) {
    ext[i] = 2.0 * x[0] - x[pad - i];                  // odd extension at the start
    ext[n + pad + i] = 2.0 * x[n - 1] - x[n - 2 - i];  // and at the end
  }
  ext.segment(pad, n) = x;
  filter_in_place(sections, ext, +1);
  filter_in_place(sections, ext, -1);
  return ext.segment(pad, n);
}

double magnitude_response(const std::vector<Biquad>& sections, double f_hz, double rate_hz) {
  const std::complex<double> z = std::polar(1.0, 2.0 * std::numbers::pi * f_hz / rate_hz);
  const std::complex<double> zi = 1.0 / z;
  std::complex<double> h = 1.0;
  for (const Biquad& s : sections) {
    h *= (s.b0 + s.b1 * zi + s.b2 * zi * zi) / (1.0 + s.a1 * zi + s.a2 * zi * zi);
  }
  return std::abs(h);
}

}  // namespace stance
