#pragma once
// Sway of single-leg stance as the response of a balance controller: the body above the ankle is
// a linearised inverted pendulum (inertia J about the ankle, gravity stiffness m·g·h) stabilised
// by delayed PD feedback and pushed by low-pass noise torque,
//   J θ'' = m g h θ − Kp θ(t − τ) − Kd θ'(t − τ) + T(t),
// so θ(jω) = T(jω) / (−J ω² − m g h + (Kp + jω Kd) e^{−jωτ}). T is a random-phase sum of
// sinusoids; each component goes through this transfer function exactly (gain and phase), so the
// stationary closed-loop response is itself a sum of sinusoids: a pure function of time.
#include <complex>
#include <random>

#include "simulated/sinusoid_sum.hpp"

namespace stance::sim::body {

struct BalanceGains {
  double kp = 1.5;        // proportional gain, multiple of m·g·h (> 1 to stand)
  double kd_s = 0.35;     // derivative gain, multiple of m·g·h, seconds
  double delay_s = 0.12;  // neural and muscular delay
};

// The inverted pendulum as the plate sees it: COP ≈ c0·θ − c2·θ'' (c0 = m·g·h / (M·g),
// c2 = J / (M·g)), so a sinusoid of θ gives a COP sinusoid of gain c0 + c2·ω².
struct PendulumGains {
  double c0_m = 0.0;
  double c2_m_s2 = 0.0;
};

// The hip's part of medio-lateral balance (the frontal plane's hip strategy): the pelvis, with
// the trunk and the free leg, tilts about the stance hip (hip adduction, a pelvic drop) by
//   φ(jω) = G(jω)·θ(jω),   G = k·(1 + jω·t_d)·e^{−jωτ_h},
// delayed PD feedback of the sway that carries the upper body back over the foot. As the plate
// sees it, COP ≈ h0·φ − h2·φ'' (a PendulumGains probed on the body), so the ankle torque the
// loop needs, M·g·COP, becomes M·g·[(c0 + c2 ω²) + (h0 + h2 ω²)·G]·θ and
//   θ(jω) = T(jω) / (−J ω² − m g h − M g (h0 + h2 ω²)·G + (Kp + jω Kd) e^{−jωτ}).
// k = 0 is ankle-only balance.
struct HipGains {
  double k = 0.0;         // hip tilt per sway angle at low frequency (rad/rad)
  double td_s = 0.0;      // derivative time
  double delay_s = 0.12;  // the hip's feedback delay
};

std::complex<double> hip_feedback(const HipGains& hip, double freq_hz);  // G(jω)

double closed_loop_gain(const BalanceGains& gains, const PendulumGains& body, double freq_hz,
                        double& phase_rad, const HipGains& hip = {},
                        const PendulumGains& hip_body = {});

struct AxisSway {
  SinusoidSum angle_rad;  // θ(t), the ankle angle
  SinusoidSum hip_rad;    // φ(t), the hip's tilt of the pelvis (empty without the hip)
  SinusoidSum cop_m;      // the linearised COP: its rms is the wanted SD exactly
};

// noise_corner_hz: corner of the first-order low-pass noise torque spectrum (0.05..3 Hz band,
// 50 components). cop_sd_m: the wanted long-run SD of the linearised COP.
AxisSway make_axis_sway(const BalanceGains& gains, const PendulumGains& body,
                        double noise_corner_hz, double cop_sd_m, std::mt19937_64& rng,
                        const HipGains& hip = {}, const PendulumGains& hip_body = {});

}  // namespace stance::sim::body
