// The DFT against the textbook sum, and Welch's estimate against a direct evaluation of its
// definition and against closed forms (a sinusoid's power and frequency, white noise's level).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "core/descriptors/fft.hpp"
#include "core/descriptors/welch.hpp"
#include "test_signals.hpp"

namespace stance {
namespace {

std::vector<Complex> naive_dft(const std::vector<Complex>& x) {
  const std::size_t n = x.size();
  std::vector<Complex> out(n);
  for (std::size_t k = 0; k < n; ++k) {
    Complex s = 0;
    for (std::size_t j = 0; j < n; ++j) {
      // (j·k) mod n keeps the angle exact for the reference too.
      const double angle =
          -2.0 * std::numbers::pi * static_cast<double>((j * k) % n) / static_cast<double>(n);
      s += x[j] * std::polar(1.0, angle);
    }
    out[k] = s;
  }
  return out;
}

class DftSizes : public ::testing::TestWithParam<std::size_t> {};

TEST_P(DftSizes, MatchesTheDefinition) {
  const std::size_t n = GetParam();
  std::mt19937_64 rng(n);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<Complex> x(n);
  for (Complex& v : x) v = {u(rng), u(rng)};
  const std::vector<Complex> expected = naive_dft(x);
  std::vector<Complex> y = x, scratch;
  Dft(n).forward(y.data(), scratch);
  double norm = 0;
  for (const Complex& v : expected) norm = std::max(norm, std::abs(v));
  for (std::size_t k = 0; k < n; ++k) {
    EXPECT_NEAR(std::abs(y[k] - expected[k]), 0.0, 1e-12 * std::max(1.0, norm)) << "k=" << k;
  }
}

INSTANTIATE_TEST_SUITE_P(PowersOfTwoAndOthers, DftSizes,
                         ::testing::Values(1, 2, 4, 8, 64, 1024, 3, 5, 7, 12, 100, 250, 748, 997));

TEST(Radix2Fft, InverseUndoesForwardUpToN) {
  const std::size_t n = 512;
  std::vector<Complex> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto t = static_cast<double>(i);
    x[i] = {std::sin(0.1 * t), std::cos(0.37 * t)};
  }
  std::vector<Complex> y = x;
  const Radix2Fft fft(n);
  fft.forward(y.data());
  fft.inverse(y.data());
  for (std::size_t i = 0; i < n; ++i)
    EXPECT_NEAR(std::abs(y[i] / static_cast<double>(n) - x[i]), 0.0, 1e-13);
}

TEST(Welch, MatchesADirectEvaluationOfItsDefinition) {
  // 10 samples, segments of 4 with overlap 2 (4 segments), nfft 8, no detrend: evaluated here
  // from the definition with the naive DFT, one channel at a time.
  Eigen::ArrayXd x(10), y(10);
  x << 0.3, -1.2, 0.5, 2.0, -0.7, 0.1, 1.4, -0.4, 0.9, -1.1;
  y << 1.0, 0.2, -0.3, 0.8, 0.5, -1.5, 0.0, 0.7, -0.2, 0.4;
  const double fs = 20.0;
  const WelchSpec spec{.segment_s = 4 / fs,
                       .overlap = 0.5,
                       .detrend = Detrend::kNone,
                       .fft_length = FftLength::kNextPowerOfTwo,
                       .zero_pad_factor = 2.0};
  const Psd psd = welch_psd(x, y, fs, spec);
  ASSERT_EQ(psd.segment, 4u);
  ASSERT_EQ(psd.nfft, 8u);
  ASSERT_EQ(psd.segments, 4u);
  const double w[4] = {0.0, 0.5, 1.0, 0.5};  // periodic Hann of length 4
  const double window_power = 0.25 + 1.0 + 0.25;
  for (const auto& [signal, result] :
       {std::pair{&x, &psd.ml_m2_hz}, std::pair{&y, &psd.ap_m2_hz}}) {
    std::vector<double> expected(5, 0.0);
    for (int s = 0; s < 4; ++s) {
      std::vector<Complex> seg(8, 0.0);
      for (int i = 0; i < 4; ++i) seg[static_cast<std::size_t>(i)] = (*signal)[2 * s + i] * w[i];
      const std::vector<Complex> spectrum = naive_dft(seg);
      for (int k = 0; k <= 4; ++k) {
        const double one_sided = (k == 0 || k == 4) ? 1.0 : 2.0;
        expected[static_cast<std::size_t>(k)] += one_sided *
                                                 std::norm(spectrum[static_cast<std::size_t>(k)]) /
                                                 (fs * window_power) / 4.0;
      }
    }
    for (int k = 0; k <= 4; ++k) {
      EXPECT_NEAR((*result)[k], expected[static_cast<std::size_t>(k)], 1e-12) << "k=" << k;
      EXPECT_DOUBLE_EQ(psd.freq_hz[k], k * fs / 8.0);
    }
  }
}

TEST(Welch, AtTheSignalsLengthItIsEachSegmentTransformedAtThatLength) {
  // The reference preset pads every segment to the signal's length. Transformed one by one that
  // grew as n² log n; welch_psd now sums the segments' autocorrelations and transforms once. It
  // must give what the one-by-one transforms give: here computed that way, with detrending, at a
  // length that is no power of two and two segment lengths.
  const Eigen::Index n = 1000;
  const double fs = 25.0;
  const Eigen::ArrayXd x = test::random_walk(n, 1e-3, 3) + test::sine(n, fs, 2e-3, 0.7, 0.3);
  const Eigen::ArrayXd y = test::random_walk(n, 2e-3, 4);
  for (const double segment_s : {2.56, 10.0}) {
    const WelchSpec spec{.segment_s = segment_s,
                         .overlap = 0.5,
                         .detrend = Detrend::kConstant,
                         .fft_length = FftLength::kSignalLength};
    const Psd psd = welch_psd(x, y, fs, spec);
    ASSERT_EQ(psd.nfft, static_cast<std::size_t>(n));
    ASSERT_GT(psd.segments, 2u);
    const std::size_t seg = psd.segment, step = seg - seg / 2;  // overlap 0.5
    std::vector<double> w(seg);
    double window_power = 0;
    for (std::size_t i = 0; i < seg; ++i) {
      w[i] = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(i) /
                                  static_cast<double>(seg));
      window_power += w[i] * w[i];
    }
    const Dft dft(static_cast<std::size_t>(n));
    std::vector<Complex> scratch;
    for (const auto& [signal, result] :
         {std::pair{&x, &psd.ml_m2_hz}, std::pair{&y, &psd.ap_m2_hz}}) {
      std::vector<double> expected(static_cast<std::size_t>(n / 2 + 1), 0.0);
      for (std::size_t s = 0; s < psd.segments; ++s) {
        const Eigen::ArrayXd part =
            signal->segment(static_cast<Eigen::Index>(s * step), static_cast<Eigen::Index>(seg));
        std::vector<Complex> z(static_cast<std::size_t>(n), 0.0);
        for (std::size_t i = 0; i < seg; ++i)
          z[i] = (part[static_cast<Eigen::Index>(i)] - part.mean()) * w[i];
        dft.forward(z.data(), scratch);
        for (std::size_t k = 0; k < expected.size(); ++k) expected[k] += std::norm(z[k]);
      }
      double peak = 0;
      for (const double e : expected) peak = std::max(peak, e);
      for (std::size_t k = 0; k < expected.size(); ++k) {
        const double one_sided = (k == 0 || k + 1 == expected.size()) ? 1.0 : 2.0;
        const double scale = one_sided / (fs * window_power * static_cast<double>(psd.segments));
        ASSERT_NEAR((*result)[static_cast<Eigen::Index>(k)], expected[k] * scale,
                    1e-10 * peak * scale)
            << "segment " << segment_s << " s, k=" << k;
      }
    }
  }
}

TEST(Welch, SinusoidPowerAndPeak) {
  // A 1.5 Hz sinusoid of amplitude 1 cm: the density integrates to the variance A²/2 and peaks at
  // 1.5 Hz (a bin: 100 Hz / 4096 × 61.44 is not, so allow one bin).
  const double fs = 100, a = 0.01, f = 1.5;
  const Eigen::ArrayXd x = test::sine(6000, fs, a, f);
  const Eigen::ArrayXd y = test::sine(6000, fs, 0.5 * a, 0.4, 0.3);
  const WelchSpec spec{.segment_s = 10.0,
                       .overlap = 0.5,
                       .detrend = Detrend::kLinear,
                       .fft_length = FftLength::kNextPowerOfTwo,
                       .zero_pad_factor = 4.0};
  const Psd psd = welch_psd(x, y, fs, spec);
  EXPECT_EQ(psd.segments, 11u);  // (6000 − 500) / 500
  EXPECT_NEAR(psd.ml_m2_hz.sum() * psd.bin_hz(), a * a / 2, 0.01 * a * a / 2);
  EXPECT_NEAR(psd.ap_m2_hz.sum() * psd.bin_hz(), a * a / 8, 0.02 * a * a / 8);
  Eigen::Index peak_x = 0, peak_y = 0;
  psd.ml_m2_hz.maxCoeff(&peak_x);
  psd.ap_m2_hz.maxCoeff(&peak_y);
  EXPECT_NEAR(psd.freq_hz[peak_x], f, psd.bin_hz());
  EXPECT_NEAR(psd.freq_hz[peak_y], 0.4, psd.bin_hz());
}

TEST(Welch, WhiteNoiseHasAFlatOneSidedLevelOfTwoSigmaSquaredOverRate) {
  const double fs = 50, sd = 0.002;
  const Eigen::ArrayXd x = test::gaussian(50000, sd, 7), y = test::gaussian(50000, sd, 8);
  const WelchSpec spec{.segment_s = 5.0,
                       .overlap = 0.5,
                       .detrend = Detrend::kConstant,
                       .fft_length = FftLength::kSignalLength,
                       .zero_pad_factor = 1.0};
  WelchSpec fixed = spec;
  fixed.fft_length = FftLength::kNextPowerOfTwo;
  const Psd psd = welch_psd(x, y, fs, fixed);
  const Eigen::Index bins = psd.ml_m2_hz.size();
  const double level = psd.ml_m2_hz.segment(1, bins - 2).mean();
  EXPECT_NEAR(level, 2 * sd * sd / fs, 0.03 * 2 * sd * sd / fs);
}

TEST(Welch, ShortAndMismatchedInputsGiveAnEmptySpectrum) {
  EXPECT_EQ(welch_psd(Eigen::ArrayXd::Zero(1), Eigen::ArrayXd::Zero(1), 100, {}).freq_hz.size(), 0);
  EXPECT_EQ(welch_psd(Eigen::ArrayXd::Zero(5), Eigen::ArrayXd::Zero(4), 100, {}).freq_hz.size(), 0);
  // Shorter than a segment: one segment of the whole signal.
  const Psd psd = welch_psd(Eigen::ArrayXd::LinSpaced(50, 0, 1), Eigen::ArrayXd::Zero(50), 25, {});
  EXPECT_EQ(psd.segment, 50u);
  EXPECT_EQ(psd.segments, 1u);
  EXPECT_TRUE(psd.ml_m2_hz.allFinite());
  EXPECT_NEAR(psd.ml_m2_hz.maxCoeff(), 0.0, 1e-25);  // a ramp is all trend
}

}  // namespace
}  // namespace stance
