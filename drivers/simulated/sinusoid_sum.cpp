#include "simulated/sinusoid_sum.hpp"

#include <cmath>
#include <numbers>

namespace stance::sim {
namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
}

double SinusoidSum::value(double t_s) const {
  double sum = 0.0;
  for (const auto& p : parts_)
    sum += p.amplitude * std::sin(kTwoPi * p.freq_hz * t_s + p.phase_rad);
  return sum;
}

double SinusoidSum::derivative(double t_s) const {
  double sum = 0.0;
  for (const auto& p : parts_) {
    const double w = kTwoPi * p.freq_hz;
    sum += p.amplitude * w * std::cos(w * t_s + p.phase_rad);
  }
  return sum;
}

double SinusoidSum::second_derivative(double t_s) const {
  double sum = 0.0;
  for (const auto& p : parts_) {
    const double w = kTwoPi * p.freq_hz;
    sum -= p.amplitude * w * w * std::sin(w * t_s + p.phase_rad);
  }
  return sum;
}

WithDerivatives SinusoidSum::evaluate(double t_s) const {
  WithDerivatives out;
  for (const auto& p : parts_) {
    const double w = kTwoPi * p.freq_hz;
    const double arg = w * t_s + p.phase_rad;
    const double s = p.amplitude * std::sin(arg);
    out.value += s;
    out.d1 += p.amplitude * w * std::cos(arg);
    out.d2 -= w * w * s;
  }
  return out;
}

double SinusoidSum::rms() const {
  double power = 0.0;
  for (const auto& p : parts_) power += p.amplitude * p.amplitude / 2.0;
  return std::sqrt(power);
}

double SinusoidSum::derivative_rms() const {
  double power = 0.0;
  for (const auto& p : parts_) {
    const double a = p.amplitude * kTwoPi * p.freq_hz;
    power += a * a / 2.0;
  }
  return std::sqrt(power);
}

double SinusoidSum::power_fraction(double lo_hz, double hi_hz) const {
  double in_band = 0.0;
  double total = 0.0;
  for (const auto& p : parts_) {
    const double power = p.amplitude * p.amplitude / 2.0;
    total += power;
    if (p.freq_hz >= lo_hz && p.freq_hz < hi_hz) in_band += power;
  }
  return total > 0.0 ? in_band / total : 0.0;
}

SinusoidSum make_random_sum(const LowPassSpectrum& spectrum, double rms, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const int n = spectrum.count;
  const double ratio = spectrum.hi_hz / spectrum.lo_hz;
  std::vector<Sinusoid> parts(static_cast<std::size_t>(n));
  double power = 0.0;
  for (int k = 0; k < n; ++k) {
    const double lo = spectrum.lo_hz * std::pow(ratio, static_cast<double>(k) / n);
    const double hi = spectrum.lo_hz * std::pow(ratio, static_cast<double>(k + 1) / n);
    // Draw both numbers every time so the stream of draws does not depend on the parameters.
    const double jitter = unit(rng);
    const double phase = kTwoPi * unit(rng);
    auto& p = parts[static_cast<std::size_t>(k)];
    p.freq_hz = lo + (hi - lo) * jitter;
    const double x = p.freq_hz / spectrum.corner_hz;
    const double density = 1.0 / std::pow(1.0 + x * x, spectrum.order);
    p.amplitude = std::sqrt(2.0 * density * (hi - lo));  // a²/2 = S(f)·bandwidth
    p.phase_rad = phase;
    power += p.amplitude * p.amplitude / 2.0;
  }
  const double scale = power > 0.0 ? rms / std::sqrt(power) : 0.0;
  for (auto& p : parts) p.amplitude *= scale;
  return SinusoidSum(std::move(parts));
}

double gaussian_mean_abs(double sd) {
  return sd * std::sqrt(2.0 / std::numbers::pi);
}

double gaussian_mean_norm(double sd_x, double sd_y) {
  // |v| = R·sqrt(sx² cos²θ + sy² sin²θ) with R Rayleigh (E R = sqrt(π/2)) and θ uniform; the
  // periodic integrand makes the trapezoid rule converge spectrally.
  constexpr int kSteps = 512;
  double sum = 0.0;
  for (int i = 0; i < kSteps; ++i) {
    const double theta = kTwoPi * i / kSteps;
    const double c = std::cos(theta);
    const double s = std::sin(theta);
    sum += std::sqrt(sd_x * sd_x * c * c + sd_y * sd_y * s * s);
  }
  return std::sqrt(std::numbers::pi / 2.0) * sum / kSteps;
}

}  // namespace stance::sim
