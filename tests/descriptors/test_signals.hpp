#pragma once
// Small helpers shared by the descriptor tests: traces from arrays, seeded noise.
#include <Eigen/Core>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "core/descriptors/cop_trace.hpp"

namespace stance::test {

inline CopTrace trace_of(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap, double rate_hz) {
  CopTrace t;
  t.rate_hz = rate_hz;
  t.ml_m = ml;
  t.ap_m = ap;
  t.usable.assign(static_cast<std::size_t>(ml.size()), true);
  return t;
}

inline Eigen::ArrayXd sine(Eigen::Index n, double rate_hz, double amplitude, double f_hz,
                           double phase = 0.0) {
  Eigen::ArrayXd x(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    x[i] = amplitude *
           std::sin(2 * std::numbers::pi * f_hz * static_cast<double>(i) / rate_hz + phase);
  }
  return x;
}

inline Eigen::ArrayXd gaussian(Eigen::Index n, double sd, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, sd);
  Eigen::ArrayXd x(n);
  for (Eigen::Index i = 0; i < n; ++i) x[i] = normal(rng);
  return x;
}

// A random walk: cumulative sum of independent N(0, step_sd²) steps, starting at 0.
inline Eigen::ArrayXd random_walk(Eigen::Index n, double step_sd, unsigned seed) {
  const Eigen::ArrayXd steps = gaussian(n, step_sd, seed);
  Eigen::ArrayXd x(n);
  double sum = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    x[i] = sum;
    sum += steps[i];
  }
  return x;
}

}  // namespace stance::test
