// The fast zero-phase filter (two channels at once, sections pipelined, signal filtered in place
// between separate paddings) against the plain method written out here: one padded copy, every
// section over it in turn, forward then backward.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "core/butterworth.hpp"

namespace stance {
namespace {

Eigen::ArrayXd plain_filtfilt(const std::vector<Biquad>& sections, const Eigen::ArrayXd& x) {
  const Eigen::Index n = x.size();
  if (n < 2 || sections.empty()) return x;
  const Eigen::Index pad =
      std::min<Eigen::Index>(3 * (2 * static_cast<Eigen::Index>(sections.size()) + 1), n - 1);
  std::vector<double> e;
  for (Eigen::Index i = pad; i > 0; --i) e.push_back(2 * x[0] - x[i]);
  for (Eigen::Index i = 0; i < n; ++i) e.push_back(x[i]);
  for (Eigen::Index i = 1; i <= pad; ++i) e.push_back(2 * x[n - 1] - x[n - 1 - i]);
  for (int pass = 0; pass < 2; ++pass) {
    for (const Biquad& s : sections) {
      // Steady state for a constant input equal to the first one.
      const double gain = (s.b0 + s.b1 + s.b2) / (1 + s.a1 + s.a2);
      double z2 = (s.b2 - s.a2 * gain) * e.front();
      double z1 = (s.b1 - s.a1 * gain + (s.b2 - s.a2 * gain)) * e.front();
      for (double& v : e) {
        const double in = v;
        v = s.b0 * in + z1;
        z1 = s.b1 * in - s.a1 * v + z2;
        z2 = s.b2 * in - s.a2 * v;
      }
    }
    std::reverse(e.begin(), e.end());
  }
  return Eigen::Map<const Eigen::ArrayXd>(e.data() + pad, n);
}

Eigen::ArrayXd random_walk(Eigen::Index n, std::mt19937_64& rng) {
  std::normal_distribution<double> step(0.0, 1e-3);
  Eigen::ArrayXd x(n);
  double v = 0.01;
  for (Eigen::Index i = 0; i < n; ++i) x[i] = v += step(rng);
  return x;
}

// Relative to the signal's scale: the fast path is meant to agree bit for bit.
double relative_error(const Eigen::ArrayXd& a, const Eigen::ArrayXd& b) {
  if (a.size() != b.size()) return 1.0;
  if (a.size() == 0) return 0.0;
  const double scale = std::max(b.abs().maxCoeff(), 1e-300);
  return (a - b).abs().maxCoeff() / scale;
}

TEST(FiltFiltFast, EqualsThePlainMethodForEveryOrderAndLength) {
  std::mt19937_64 rng(7);
  for (int order : {1, 2, 3, 4, 5, 6, 8}) {
    const auto s = *design_butterworth_lowpass({order, 10.0}, 1000.0);
    // 2, 3: padding limited to n − 1; around 3 × (2 × sections + 1): the pad edge; long ones.
    const auto full_pad = static_cast<Eigen::Index>(3 * (2 * s.size() + 1));
    for (Eigen::Index n :
         {Eigen::Index{2}, Eigen::Index{3}, Eigen::Index{4}, full_pad - 1, full_pad, full_pad + 1,
          full_pad + 2, Eigen::Index{1000}, Eigen::Index{30001}}) {
      const Eigen::ArrayXd x = random_walk(n, rng);
      const Eigen::ArrayXd y = random_walk(n, rng);
      const Eigen::ArrayXd rx = plain_filtfilt(s, x), ry = plain_filtfilt(s, y);
      EXPECT_LE(relative_error(filtfilt(s, x), rx), 1e-12) << order << " " << n;
      Eigen::ArrayXd fx = x, fy = y;
      filtfilt2_in_place(s, fx, fy);
      EXPECT_LE(relative_error(fx, rx), 1e-12) << order << " " << n;
      EXPECT_LE(relative_error(fy, ry), 1e-12) << order << " " << n;
    }
  }
}

TEST(FiltFiltFast, TwoChannelsAreIndependent) {
  // A step in one channel must not leak into the other, a constant (up to the rounding of the
  // constant through the sections, as in the plain method).
  const auto s = *design_butterworth_lowpass({4, 10.0}, 1000.0);
  Eigen::ArrayXd x = Eigen::ArrayXd::Zero(500), y = Eigen::ArrayXd::Constant(500, 0.25);
  x.tail(250).setConstant(1.0);
  const Eigen::ArrayXd rx = plain_filtfilt(s, x), ry = plain_filtfilt(s, y);
  filtfilt2_in_place(s, x, y);
  EXPECT_LE(relative_error(x, rx), 1e-12);
  EXPECT_LE(relative_error(y, ry), 1e-12);
  EXPECT_LT((y - 0.25).abs().maxCoeff(), 1e-12);
}

TEST(FiltFiltFast, DegenerateInputs) {
  const auto s = *design_butterworth_lowpass({4, 10.0}, 1000.0);
  Eigen::ArrayXd empty, one = Eigen::ArrayXd::Constant(1, 3.0);
  filtfilt2_in_place(s, empty, one);
  EXPECT_EQ(empty.size(), 0);
  EXPECT_EQ(one[0], 3.0);
  // Different lengths: each filtered on its own.
  std::mt19937_64 rng(3);
  Eigen::ArrayXd a = random_walk(100, rng), b = random_walk(57, rng);
  const Eigen::ArrayXd ra = plain_filtfilt(s, a), rb = plain_filtfilt(s, b);
  filtfilt2_in_place(s, a, b);
  EXPECT_LE(relative_error(a, ra), 1e-12);
  EXPECT_LE(relative_error(b, rb), 1e-12);
  // No sections: unchanged.
  Eigen::ArrayXd c = random_walk(10, rng);
  const Eigen::ArrayXd c0 = c;
  filtfilt_in_place({}, c);
  EXPECT_TRUE((c == c0).all());
}

TEST(FiltFiltFast, BitForBitOnATrialLengthSignal) {
  // The arithmetic is the plain one in the same order: the results are identical, not just close.
  // (A build that lets the compiler fuse multiply-adds may fuse the two paths differently.)
#if defined(__FMA__)
  GTEST_SKIP() << "built with FMA contraction";
#endif
  std::mt19937_64 rng(11);
  const auto s = *design_butterworth_lowpass({4, 10.0}, 1000.0);
  Eigen::ArrayXd x = random_walk(30000, rng), y = random_walk(30000, rng);
  const Eigen::ArrayXd rx = plain_filtfilt(s, x), ry = plain_filtfilt(s, y);
  filtfilt2_in_place(s, x, y);
  EXPECT_TRUE((x == rx).all());
  EXPECT_TRUE((y == ry).all());
}

}  // namespace
}  // namespace stance
