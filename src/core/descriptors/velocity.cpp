#include "core/descriptors/velocity.hpp"

#include <Eigen/Dense>
#include <array>
#include <cmath>
#include <vector>

namespace stance {
namespace {

using Weights = std::array<std::array<double, 5>, 5>;

// Row p (p = 0 … 4): weights giving the derivative at window position p of the least-squares
// cubic through 5 equally spaced samples (unit spacing).
Weights cubic_derivative_weights() {
  Eigen::Matrix<double, 5, 4> v;
  for (int i = 0; i < 5; ++i) {
    const double t = i - 2;
    v.row(i) << 1, t, t * t, t * t * t;
  }
  const Eigen::Matrix<double, 4, 5> fit = (v.transpose() * v).inverse() * v.transpose();
  Weights w{};
  for (int p = 0; p < 5; ++p) {
    const double t = p - 2;
    const Eigen::Matrix<double, 1, 4> d(0, 1, 2 * t, 3 * t * t);
    const Eigen::Matrix<double, 1, 5> row = d * fit;
    for (int i = 0; i < 5; ++i)
      w[static_cast<std::size_t>(p)][static_cast<std::size_t>(i)] = row(i);
  }
  return w;
}

}  // namespace

Eigen::ArrayXd savgol_velocity(const Eigen::ArrayXd& x, double rate_hz) {
  const Eigen::Index n = x.size();
  Eigen::ArrayXd v = Eigen::ArrayXd::Zero(n);
  if (n < 5) return v;
  static const Weights w = cubic_derivative_weights();
  auto apply = [&](std::size_t p, Eigen::Index first) {
    double s = 0;
    for (std::size_t i = 0; i < 5; ++i) s += w[p][i] * x[first + static_cast<Eigen::Index>(i)];
    return s * rate_hz;
  };
  // Interior: the centred weights, (x[i−2] − 8x[i−1] + 8x[i+1] − x[i+2]) / 12.
  const Eigen::Index m = n - 4;
  v.segment(2, m) =
      (x.segment(0, m) - x.segment(4, m) + 8.0 * (x.segment(3, m) - x.segment(1, m))) *
      (rate_hz / 12.0);
  v[0] = apply(0, 0);
  v[1] = apply(1, 0);
  v[n - 2] = apply(3, n - 5);
  v[n - 1] = apply(4, n - 5);
  return v;
}

VelocityPeaks velocity_peaks(const Eigen::ArrayXd& v) {
  VelocityPeaks out;
  // One pass. A crossing is the first non-zero sample of the sign opposite to the current
  // half-wave (zeros belong to no side); a half-wave's peak is its first largest |v|. Blocks of 8
  // samples that are all strictly on the current side (most of them) are handled with two
  // vectorised reductions; the others sample by sample.
  using Block = Eigen::Array<double, 8, 1>;
  constexpr Eigen::Index kLanes = Block::SizeAtCompileTime;
  const Eigen::Index n = v.size();
  double side = 0;  // +1, −1, or 0 before the first non-zero sample
  Eigen::Index crossings = 0;
  double best = 0;                                // largest |v| of the current half-wave so far
  Eigen::Index best_index = -1, best_block = -1;  // where (a block to search, if from a block)
  double sum_pos = 0, sum_neg = 0;
  Eigen::Index count_pos = 0, count_neg = 0;
  auto close_half_wave = [&] {
    if (crossings == 0) return;  // the first (partial) half-wave is not counted
    if (best_block >= 0) {
      best_index = best_block;
      while (std::abs(v[best_index]) != best) ++best_index;
    }
    if (v[best_index] > 0) {
      sum_pos += v[best_index];
      ++count_pos;
    } else {
      sum_neg -= v[best_index];
      ++count_neg;
    }
  };
  auto one = [&](Eigen::Index i) {
    const double value = v[i];
    if (value != 0 && (value > 0 ? 1.0 : -1.0) != side) {
      if (side != 0) {
        close_half_wave();
        ++crossings;
      }
      side = value > 0 ? 1.0 : -1.0;
      best = 0;
    }
    if (std::abs(value) > best) {
      best = std::abs(value);
      best_index = i;
      best_block = -1;
    }
  };
  Eigen::Index i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const Block p = v.segment<kLanes>(i) * side;
    if (side != 0 && p.minCoeff() > 0) {
      const double m = p.maxCoeff();
      if (m > best) {
        best = m;
        best_block = i;
      }
      continue;
    }
    for (Eigen::Index k = i; k < i + kLanes; ++k) one(k);
  }
  for (; i < n; ++i) one(i);
  out.zero_crossings = Scalar{static_cast<double>(crossings), true};
  if (count_pos > 0) {
    out.peak_positive_m_s = defined_if_finite(sum_pos / static_cast<double>(count_pos));
  }
  if (count_neg > 0) {
    out.peak_negative_m_s = defined_if_finite(sum_neg / static_cast<double>(count_neg));
  }
  if (count_pos + count_neg > 0) {
    out.peak_all_m_s =
        defined_if_finite((sum_pos + sum_neg) / static_cast<double>(count_pos + count_neg));
  }
  return out;
}

}  // namespace stance
