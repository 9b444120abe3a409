// The Butterworth design against its defining properties, and zero-phase filtering.
#include "core/butterworth.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace stance {
namespace {

TEST(Butterworth, UnitGainAtDcAndHalfPowerAtCutoff) {
  for (int order : {1, 2, 3, 4, 6}) {
    const auto s = design_butterworth_lowpass({order, 10.0}, 1000.0);
    ASSERT_TRUE(s.ok());
    EXPECT_NEAR(magnitude_response(*s, 0.0, 1000.0), 1.0, 1e-12) << order;
    EXPECT_NEAR(magnitude_response(*s, 10.0, 1000.0), 1.0 / std::sqrt(2.0), 1e-9) << order;
  }
}

TEST(Butterworth, RollOffMatchesTheOrderWithPrewarping) {
  // With pre-warping, |H(f)|² = 1 / (1 + (tan(πf/fs) / tan(πfc/fs))^(2n)) exactly.
  const double fs = 100, fc = 10;
  const auto s = design_butterworth_lowpass({4, fc}, fs);
  ASSERT_TRUE(s.ok());
  for (double f : {2.0, 5.0, 20.0, 40.0}) {
    const double ratio = std::tan(std::numbers::pi * f / fs) / std::tan(std::numbers::pi * fc / fs);
    EXPECT_NEAR(magnitude_response(*s, f, fs), 1.0 / std::sqrt(1.0 + std::pow(ratio, 8)), 1e-9)
        << f;
  }
}

TEST(Butterworth, RejectsImpossibleSpecs) {
  EXPECT_FALSE(design_butterworth_lowpass({4, 60.0}, 100.0).ok());
  EXPECT_FALSE(design_butterworth_lowpass({0, 10.0}, 100.0).ok());
  EXPECT_FALSE(design_butterworth_lowpass({4, -1.0}, 100.0).ok());
  const auto e = design_butterworth_lowpass({4, 50.0}, 100.0);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("half the sample rate"), std::string::npos);
}

TEST(FiltFilt, ConstantAndRampPassWithoutEdgeTransient) {
  const auto s = *design_butterworth_lowpass({4, 10.0}, 1000.0);
  Eigen::ArrayXd constant = Eigen::ArrayXd::Constant(500, 0.037);
  EXPECT_LT((filtfilt(s, constant) - constant).abs().maxCoeff(), 1e-12);
  // A ramp passes unchanged away from the edges (zero phase, unit DC gain). At the edges the
  // odd extension bounds the error by about slope × group delay (~26 samples at 10 Hz / 1 kHz).
  Eigen::ArrayXd ramp = Eigen::ArrayXd::LinSpaced(2001, -0.05, 0.05);  // 5e-5 per sample
  const Eigen::ArrayXd error = (filtfilt(s, ramp) - ramp).abs();
  EXPECT_LT(error.segment(600, 800).maxCoeff(), 1e-8);
  EXPECT_LT(error.maxCoeff(), 26 * 5e-5 * 1.1);
}

TEST(FiltFilt, ZeroPhaseAndSquaredMagnitude) {
  const double fs = 1000;
  const auto s = *design_butterworth_lowpass({4, 10.0}, fs);
  const Eigen::Index n = 20000;
  for (double f : {1.0, 10.0, 15.0}) {
    Eigen::ArrayXd x(n);
    for (Eigen::Index i = 0; i < n; ++i)
      x[i] = std::sin(2 * std::numbers::pi * f * static_cast<double>(i) / fs);
    const Eigen::ArrayXd y = filtfilt(s, x);
    const double gain = magnitude_response(s, f, fs);
    // Away from the edges the output is the input scaled by |H|², with no phase shift.
    const Eigen::ArrayXd middle = y.segment(5000, 10000) - gain * gain * x.segment(5000, 10000);
    EXPECT_LT(middle.abs().maxCoeff(), 2e-3) << f;
  }
}

TEST(FiltFilt, RemovesHighFrequencyNoise) {
  const double fs = 1000;
  const auto s = *design_butterworth_lowpass({4, 10.0}, fs);
  Eigen::ArrayXd x(4000);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    x[i] = 0.01 * std::sin(2 * std::numbers::pi * 0.5 * static_cast<double>(i) / fs) +
           0.002 * std::sin(2 * std::numbers::pi * 150 * static_cast<double>(i) / fs);
  }
  Eigen::ArrayXd clean(4000);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    clean[i] = 0.01 * std::sin(2 * std::numbers::pi * 0.5 * static_cast<double>(i) / fs);
  }
  EXPECT_LT((filtfilt(s, x) - clean).segment(300, 3400).abs().maxCoeff(), 1e-5);
}

TEST(FiltFilt, ShortSignalsAreSafe) {
  const auto s = *design_butterworth_lowpass({4, 10.0}, 1000.0);
  Eigen::ArrayXd one(1);
  one << 3.0;
  EXPECT_EQ(filtfilt(s, one)[0], 3.0);
  Eigen::ArrayXd few(5);
  few << 1, 2, 3, 4, 5;
  const Eigen::ArrayXd y = filtfilt(s, few);
  EXPECT_TRUE(y.allFinite());
}

}  // namespace
}  // namespace stance
