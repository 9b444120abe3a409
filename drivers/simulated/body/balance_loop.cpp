#include "simulated/body/balance_loop.hpp"

#include <cmath>
#include <complex>
#include <numbers>

namespace stance::sim::body {
namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr LowPassSpectrum kNoise{0.05, 3.0, 0.5, 1, 50};
}  // namespace

double closed_loop_gain(const BalanceGains& gains, const PendulumGains& body, double freq_hz,
                        double& phase_rad) {
  // Everything per unit m·g·h: J/(m g h) = c2/c0.
  const double w = kTwoPi * freq_hz;
  const double inertia = body.c2_m_s2 / body.c0_m;
  const std::complex<double> feedback =
      std::complex<double>(gains.kp, w * gains.kd_s) * std::polar(1.0, -w * gains.delay_s);
  const std::complex<double> h = 1.0 / (-inertia * w * w - 1.0 + feedback);
  phase_rad = std::arg(h);
  return std::abs(h);
}

AxisSway make_axis_sway(const BalanceGains& gains, const PendulumGains& body,
                        double noise_corner_hz, double cop_sd_m, std::mt19937_64& rng) {
  LowPassSpectrum spectrum = kNoise;
  spectrum.corner_hz = noise_corner_hz;
  const SinusoidSum noise = make_random_sum(spectrum, 1.0, rng);
  std::vector<Sinusoid> angle;
  std::vector<Sinusoid> cop;
  double power = 0.0;
  for (const Sinusoid& n : noise.parts()) {
    double phase = 0.0;
    const double gain = closed_loop_gain(gains, body, n.freq_hz, phase);
    const double w = kTwoPi * n.freq_hz;
    const Sinusoid a{n.freq_hz, n.amplitude * gain, n.phase_rad + phase};
    const Sinusoid c{n.freq_hz, a.amplitude * (body.c0_m + body.c2_m_s2 * w * w), a.phase_rad};
    angle.push_back(a);
    cop.push_back(c);
    power += c.amplitude * c.amplitude / 2.0;
  }
  const double scale = power > 0.0 ? cop_sd_m / std::sqrt(power) : 0.0;
  for (auto& a : angle) a.amplitude *= scale;
  for (auto& c : cop) c.amplitude *= scale;
  return {SinusoidSum(std::move(angle)), SinusoidSum(std::move(cop))};
}

}  // namespace stance::sim::body
