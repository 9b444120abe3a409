#include "core/butterworth.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <string>

#include "core/sos_cascade.hpp"

namespace stance {

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

namespace {

// Pad length as in SciPy's sosfiltfilt: 3 × (2 × sections + 1), limited by the signal.
Eigen::Index pad_length(const std::vector<Biquad>& sections, Eigen::Index n) {
  return std::min<Eigen::Index>(3 * (2 * static_cast<Eigen::Index>(sections.size()) + 1), n - 1);
}

// Odd extension of x at both ends: front[0..pad) comes before x[0], back[0..pad) after x[n-1].
void odd_extension(const Eigen::ArrayXd& x, Eigen::Index pad, double* front, double* back) {
  const Eigen::Index n = x.size();
  for (Eigen::Index i = 0; i < pad; ++i) {
    front[i] = 2.0 * x[0] - x[pad - i];
    back[i] = 2.0 * x[n - 1] - x[n - 2 - i];
  }
}

// Forward then backward over padding, signal, padding; only the signal is kept.
void forward_backward(const std::vector<Biquad>& sections, std::span<const SignalPiece> pieces) {
  run_cascade(sections, pieces, false);
  run_cascade(sections, pieces, true);
}

}  // namespace

Eigen::ArrayXd filtfilt(const std::vector<Biquad>& sections, const Eigen::ArrayXd& x) {
  Eigen::ArrayXd y = x;
  filtfilt_in_place(sections, y);
  return y;
}

void filtfilt_in_place(const std::vector<Biquad>& sections, Eigen::ArrayXd& x) {
  const Eigen::Index n = x.size();
  if (n < 2 || sections.empty()) return;
  const Eigen::Index pad = pad_length(sections, n);
  Eigen::ArrayXd padding(2 * pad);  // a few dozen values: the signal itself is filtered in place
  double* front = padding.data();
  double* back = front + pad;
  odd_extension(x, pad, front, back);
  const SignalPiece pieces[] = {
      {front, nullptr, pad}, {x.data(), nullptr, n}, {back, nullptr, pad}};
  forward_backward(sections, pieces);
}

void filtfilt2_in_place(const std::vector<Biquad>& sections, Eigen::ArrayXd& x, Eigen::ArrayXd& y) {
  const Eigen::Index n = x.size();
  if (y.size() != n) {
    filtfilt_in_place(sections, x);
    filtfilt_in_place(sections, y);
    return;
  }
  if (n < 2 || sections.empty()) return;
  const Eigen::Index pad = pad_length(sections, n);
  Eigen::ArrayXd padding(4 * pad);
  double* front_x = padding.data();
  double* back_x = front_x + pad;
  double* front_y = back_x + pad;
  double* back_y = front_y + pad;
  odd_extension(x, pad, front_x, back_x);
  odd_extension(y, pad, front_y, back_y);
  const SignalPiece pieces[] = {
      {front_x, front_y, pad}, {x.data(), y.data(), n}, {back_x, back_y, pad}};
  forward_backward(sections, pieces);
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
