#include "simulated/body/balance_loop.hpp"

#include <cmath>
#include <complex>
#include <numbers>

namespace stance::sim::body {
namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr LowPassSpectrum kNoise{0.05, 3.0, 0.5, 1, 50};
}  // namespace

std::complex<double> hip_feedback(const HipGains& hip, double freq_hz) {
  const double w = kTwoPi * freq_hz;
  return hip.k * std::complex<double>(1.0, w * hip.td_s) * std::polar(1.0, -w * hip.delay_s);
}

namespace {
// θ per unit noise torque (per m·g·h), and the COP per unit θ.
struct Loop {
  std::complex<double> angle, cop;
};
Loop loop_at(const BalanceGains& gains, const PendulumGains& body, double freq_hz,
             const HipGains& hip, const PendulumGains& hip_body) {
  // Everything per unit m·g·h: J/(m g h) = c2/c0, M g / (m g h) = 1/c0.
  const double w = kTwoPi * freq_hz;
  const double inertia = body.c2_m_s2 / body.c0_m;
  const std::complex<double> feedback =
      std::complex<double>(gains.kp, w * gains.kd_s) * std::polar(1.0, -w * gains.delay_s);
  const std::complex<double> hip_cop =
      (hip_body.c0_m + hip_body.c2_m_s2 * w * w) * hip_feedback(hip, freq_hz);
  Loop l;
  l.angle = 1.0 / (-inertia * w * w - 1.0 - hip_cop / body.c0_m + feedback);
  l.cop = body.c0_m + body.c2_m_s2 * w * w + hip_cop;
  return l;
}
}  // namespace

double closed_loop_gain(const BalanceGains& gains, const PendulumGains& body, double freq_hz,
                        double& phase_rad, const HipGains& hip, const PendulumGains& hip_body) {
  const std::complex<double> h = loop_at(gains, body, freq_hz, hip, hip_body).angle;
  phase_rad = std::arg(h);
  return std::abs(h);
}

AxisSway make_axis_sway(const BalanceGains& gains, const PendulumGains& body,
                        double noise_corner_hz, double cop_sd_m, std::mt19937_64& rng,
                        const HipGains& hip, const PendulumGains& hip_body) {
  LowPassSpectrum spectrum = kNoise;
  spectrum.corner_hz = noise_corner_hz;
  const SinusoidSum noise = make_random_sum(spectrum, 1.0, rng);
  std::vector<Sinusoid> angle, tilt, cop;
  double power = 0.0;
  for (const Sinusoid& n : noise.parts()) {
    const Loop l = loop_at(gains, body, n.freq_hz, hip, hip_body);
    const Sinusoid a{n.freq_hz, n.amplitude * std::abs(l.angle), n.phase_rad + std::arg(l.angle)};
    const std::complex<double> g = hip_feedback(hip, n.freq_hz);
    const Sinusoid c{n.freq_hz, a.amplitude * std::abs(l.cop), a.phase_rad + std::arg(l.cop)};
    angle.push_back(a);
    if (hip.k != 0.0)
      tilt.push_back({n.freq_hz, a.amplitude * std::abs(g), a.phase_rad + std::arg(g)});
    cop.push_back(c);
    power += c.amplitude * c.amplitude / 2.0;
  }
  const double scale = power > 0.0 ? cop_sd_m / std::sqrt(power) : 0.0;
  for (auto* parts : {&angle, &tilt, &cop}) {
    for (auto& p : *parts) p.amplitude *= scale;
  }
  return {SinusoidSum(std::move(angle)), SinusoidSum(std::move(tilt)), SinusoidSum(std::move(cop))};
}

}  // namespace stance::sim::body
