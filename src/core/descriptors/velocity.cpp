#include "core/descriptors/velocity.hpp"

#include <Eigen/Dense>
#include <algorithm>
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

// One pass. A crossing is the first non-zero sample of the sign opposite to the current
// half-wave (zeros belong to no side); a half-wave's peak is its largest |v|, of the half-wave's
// sign. Blocks of 8 samples that are all strictly on the current side (most of them) are handled
// with two vectorised reductions; the others sample by sample.
void VelocityPeakScan::add(const double* v, Eigen::Index n) {
  using Block = Eigen::Array<double, 8, 1>;
  constexpr Eigen::Index kLanes = Block::SizeAtCompileTime;
  auto close_half_wave = [&] {
    if (crossings_ == 0) return;  // the first (partial) half-wave is not counted
    if (side_ > 0) {
      sum_pos_ += best_;
      ++count_pos_;
    } else {
      sum_neg_ += best_;
      ++count_neg_;
    }
  };
  auto one = [&](double value) {
    if (value != 0 && (value > 0 ? 1.0 : -1.0) != side_) {
      if (side_ != 0) {
        close_half_wave();
        ++crossings_;
      }
      side_ = value > 0 ? 1.0 : -1.0;
      best_ = 0;
    }
    best_ = std::max(best_, std::abs(value));
  };
  Eigen::Index i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const Block p = Eigen::Map<const Block>(v + i) * side_;
    if (side_ != 0 && p.minCoeff() > 0) {
      best_ = std::max(best_, p.maxCoeff());
      continue;
    }
    for (Eigen::Index k = i; k < i + kLanes; ++k) one(v[k]);
  }
  for (; i < n; ++i) one(v[i]);
}

VelocityPeaks VelocityPeakScan::result() const {
  VelocityPeaks out;
  out.zero_crossings = Scalar{static_cast<double>(crossings_), true};
  if (count_pos_ > 0) {
    out.peak_positive_m_s = defined_if_finite(sum_pos_ / static_cast<double>(count_pos_));
  }
  if (count_neg_ > 0) {
    out.peak_negative_m_s = defined_if_finite(sum_neg_ / static_cast<double>(count_neg_));
  }
  if (count_pos_ + count_neg_ > 0) {
    out.peak_all_m_s =
        defined_if_finite((sum_pos_ + sum_neg_) / static_cast<double>(count_pos_ + count_neg_));
  }
  return out;
}

VelocityPeaks velocity_peaks(const Eigen::ArrayXd& v) {
  VelocityPeakScan scan;
  scan.add(v.data(), v.size());
  return scan.result();
}

VelocitySummary velocity_summary(const Eigen::ArrayXd& x, double rate_hz) {
  VelocitySummary out;
  const Eigen::Index n = x.size();
  if (n < 5) {
    out.peaks = velocity_peaks(Eigen::ArrayXd::Zero(n));
    return out;
  }
  static const Weights w = cubic_derivative_weights();
  auto edge = [&](std::size_t p, Eigen::Index first) {
    double s = 0;
    for (std::size_t i = 0; i < 5; ++i) s += w[p][i] * x[first + static_cast<Eigen::Index>(i)];
    return s * rate_hz;
  };
  // The velocity a stretch at a time into a buffer that stays in the L1 cache, never the whole
  // array: the same values as savgol_velocity, sample by sample.
  constexpr Eigen::Index kChunk = 512;
  std::array<double, kChunk> v{};
  VelocityPeakScan scan;
  double sum = 0, sum_squares = 0;
  const double scale = rate_hz / 12.0;
  for (Eigen::Index first = 0; first < n; first += kChunk) {
    const Eigen::Index count = std::min(kChunk, n - first);
    // Interior samples (centred weights) in a loop the compiler vectorises, the two at each end
    // with the fit of the first or last window.
    const Eigen::Index lo = std::max<Eigen::Index>(first, 2), hi = std::min(first + count, n - 2);
    double* out_v = v.data() - first;  // out_v[i]: the velocity at sample i
    const double* in = x.data();
    for (Eigen::Index i = lo; i < hi; ++i) {
      out_v[i] = (in[i - 2] - in[i + 2] + 8.0 * (in[i + 1] - in[i - 1])) * scale;
    }
    for (Eigen::Index i = first; i < lo; ++i) out_v[i] = edge(static_cast<std::size_t>(i), 0);
    for (Eigen::Index i = std::max(hi, first); i < first + count; ++i) {
      out_v[i] = edge(static_cast<std::size_t>(i - (n - 5)), n - 5);
    }
    const Eigen::Map<const Eigen::ArrayXd> chunk(v.data(), count);
    sum += chunk.sum();
    sum_squares += chunk.square().sum();
    scan.add(v.data(), count);
  }
  out.peaks = scan.result();
  const double mean = sum / static_cast<double>(n);
  out.variance = std::max(0.0, sum_squares / static_cast<double>(n) - mean * mean);
  return out;
}

}  // namespace stance
