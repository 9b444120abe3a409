#pragma once
// A signal made of a sum of sinusoids: streaming-friendly (any sample is a pure function of time)
// and with an exact analytic truth (its RMS and the RMS of its derivatives). Used for COP sway,
// the small vertical force of quiet stance and the free moment.
#include <random>
#include <vector>

namespace stance::sim {

struct Sinusoid {
  double freq_hz = 0.0;
  double amplitude = 0.0;  // in the unit of the signal
  double phase_rad = 0.0;
};

// A value and its first two time derivatives.
struct WithDerivatives {
  double value = 0.0, d1 = 0.0, d2 = 0.0;
};

class SinusoidSum {
 public:
  SinusoidSum() = default;
  explicit SinusoidSum(std::vector<Sinusoid> parts) : parts_(std::move(parts)) {}

  double value(double t_s) const;
  double derivative(double t_s) const;         // d/dt, unit per second
  double second_derivative(double t_s) const;  // d²/dt²
  WithDerivatives evaluate(double t_s) const;  // all three in one pass (one sin and cos each)

  // Long-run (infinite-window) RMS of the signal and of its first derivative: sqrt(Σ a²/2).
  double rms() const;
  double derivative_rms() const;
  // Fraction of the power (Σ a²/2) in components with freq in [lo_hz, hi_hz).
  double power_fraction(double lo_hz, double hi_hz) const;

  const std::vector<Sinusoid>& parts() const { return parts_; }
  // The same frequencies and phases with each amplitude multiplied by gain(freq_hz).
  template <typename Gain>
  SinusoidSum shaped(Gain gain) const {
    std::vector<Sinusoid> out = parts_;
    for (auto& p : out) p.amplitude *= gain(p.freq_hz);
    return SinusoidSum(std::move(out));
  }

 private:
  std::vector<Sinusoid> parts_;
};

// A random-phase sum with a low-pass power spectrum S(f) = 1 / (1 + (f/corner)²)^order, sampled
// by `count` components, one per log-spaced band of [lo_hz, hi_hz] at a jittered frequency inside
// the band, carrying the power S(f)·bandwidth. Scaled so that rms() equals `rms` exactly.
struct LowPassSpectrum {
  double lo_hz = 0.05;
  double hi_hz = 3.0;
  double corner_hz = 0.5;
  int order = 2;
  int count = 50;
};
SinusoidSum make_random_sum(const LowPassSpectrum& spectrum, double rms, std::mt19937_64& rng);

// Expected mean absolute value of a zero-mean Gaussian with this SD: SD·sqrt(2/π). A sum of many
// random-phase sinusoids is close to Gaussian, so this is the expected mean speed of one axis.
double gaussian_mean_abs(double sd);
// Expected mean norm of a 2-D zero-mean Gaussian with independent axes of these SDs.
double gaussian_mean_norm(double sd_x, double sd_y);

}  // namespace stance::sim
