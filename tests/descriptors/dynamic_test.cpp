// Dynamic descriptors against closed forms: a cubic (exact Savitzky–Golay velocity), a sinusoid
// (path, velocity, mean frequency, phase plane, zero crossings, peaks), a circle (swept area,
// planar mean frequency, fractal dimensions), hand-made velocity sequences, and sway density
// against exact counts, a brute-force count and a trajectory of known density.
#include "core/descriptors/dynamic.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/sway_basic.hpp"
#include "test_signals.hpp"

namespace stance {
namespace {

constexpr double kPi = std::numbers::pi;

DynamicDescriptors dynamic_of(const CopTrace& t, VelocityTime time = VelocityTime::kSteps) {
  DynamicSpec spec;
  spec.mean_velocity_time = time;
  return compute_dynamic(t, compute_positional(t, {}), spec);
}

TEST(SavgolVelocity, ExactForACubicIncludingTheEdges) {
  const double fs = 50;
  const Eigen::Index n = 40;
  Eigen::ArrayXd x(n), v(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / fs;
    x[i] = 1 + 2 * t - 3 * t * t + 0.5 * t * t * t;
    v[i] = 2 - 6 * t + 1.5 * t * t;
  }
  const Eigen::ArrayXd got = savgol_velocity(x, fs);
  for (Eigen::Index i = 0; i < n; ++i) EXPECT_NEAR(got[i], v[i], 1e-9) << i;
  EXPECT_EQ(savgol_velocity(Eigen::ArrayXd::Ones(4), fs).abs().maxCoeff(), 0.0);  // too short
}

TEST(VelocityPeaks, HandComputedSequence) {
  // Sign changes at 2 (+ to −), 5 (− to +), 8 (+ to −): 3 crossings. The first half-wave (0–1)
  // and the last (8) are incomplete; complete: 2–4 negative (peak −3), 5–7 positive (peak 4).
  Eigen::ArrayXd v(9);
  v << 1, 2, -1, -3, -2, 1, 4, 2, -1;
  const VelocityPeaks p = velocity_peaks(v);
  EXPECT_EQ(p.zero_crossings.value, 3);
  EXPECT_DOUBLE_EQ(p.peak_positive_m_s.value, 4);
  EXPECT_DOUBLE_EQ(p.peak_negative_m_s.value, 3);
  EXPECT_DOUBLE_EQ(p.peak_all_m_s.value, 3.5);
  // Zeros do not count as a side: 0, 0, 2, 0, −1, 0, 3, −5 → crossings at 4, 6, 7.
  Eigen::ArrayXd w(8);
  w << 0, 0, 2, 0, -1, 0, 3, -5;
  const VelocityPeaks q = velocity_peaks(w);
  EXPECT_EQ(q.zero_crossings.value, 3);
  EXPECT_DOUBLE_EQ(q.peak_negative_m_s.value, 1);  // the half-wave 4–5
  EXPECT_DOUBLE_EQ(q.peak_positive_m_s.value, 3);  // the half-wave 6
  // No sign change: no peaks, and undefined rather than NaN.
  const VelocityPeaks none = velocity_peaks(Eigen::ArrayXd::Zero(10));
  EXPECT_EQ(none.zero_crossings.value, 0);
  EXPECT_FALSE(none.peak_all_m_s.defined);
}

TEST(Dynamic, SinusoidPathVelocityFrequencyPhasePlaneAndPeaks) {
  // ML = A sin(2πft + 0.1), AP = A/2 sin(2π·0.3t): 20 s at 1000 Hz.
  const double fs = 1000, a = 0.01, f = 0.5;
  const Eigen::Index n = 20001;
  const Eigen::ArrayXd ml = test::sine(n, fs, a, f, 0.1), ap = test::sine(n, fs, a / 2, 0.3);
  CopTrace t = test::trace_of(ml, ap, fs);
  const DynamicDescriptors d = dynamic_of(t);
  const double duration = 20.0;
  // The path of a sinusoid is 4A per period; sampling misses each of the 20 extremes by less
  // than A(πf/fs)².
  const double miss = 20 * a * (kPi * f / fs) * (kPi * f / fs);
  EXPECT_NEAR(d.path_length_ml_m.value, 4 * a * f * duration, miss);
  EXPECT_NEAR(d.mean_velocity_ml_m_s.value, 4 * a * f, miss / duration);
  // Mean frequency, Prieto's 1-D form: mean speed / (4√2 · mean |x|), mean |x| = 2A/π:
  // (4Af) / (4√2 · 2A/π) = πf / (2√2).
  EXPECT_NEAR(d.mean_frequency_ml_hz.value, kPi * f / (2 * std::numbers::sqrt2), 1e-4);
  // Phase plane: √(A²/2 + (2πfA)²/2).
  const double vel = 2 * kPi * f * a;
  EXPECT_NEAR(d.phase_plane_ml_m.value, std::sqrt(a * a / 2 + vel * vel / 2), 1e-4 * a);
  // Velocity ∝ cos(2πft + 0.1): zero at t = (π/2 − 0.1 + kπ)/(2πf), 20 of them in 20 s; 19
  // complete half-waves, each peaking at 2πfA.
  EXPECT_EQ(d.velocity_ml.zero_crossings.value, 20);
  EXPECT_NEAR(d.velocity_ml.peak_positive_m_s.value, vel, 1e-6 * vel);
  EXPECT_NEAR(d.velocity_ml.peak_negative_m_s.value, vel, 1e-6 * vel);
  EXPECT_NEAR(d.velocity_ml.peak_all_m_s.value, vel, 1e-6 * vel);
  // kSamples divides by N instead of N − 1 steps.
  const DynamicDescriptors by_samples = dynamic_of(t, VelocityTime::kSamples);
  EXPECT_NEAR(by_samples.mean_velocity_ml_m_s.value,
              d.mean_velocity_ml_m_s.value * (n - 1.0) / static_cast<double>(n), 1e-15);
}

TEST(Dynamic, CircleSweptAreaPlanarFrequencyAndFractalDimensions) {
  // r = 1 cm at f = 0.25 Hz, 100 Hz, 40 s (10 turns). Each step is a chord 2r sin(πf/fs) and
  // sweeps a triangle of area r² sin(2πf/fs)/2 about the centre.
  const double fs = 100, r = 0.01, f = 0.25;
  const Eigen::Index n = 4000;
  const Eigen::ArrayXd ml = test::sine(n, fs, r, f, kPi / 2), ap = test::sine(n, fs, r, f);
  const CopTrace t = test::trace_of(ml, ap, fs);
  const PositionalDescriptors p = compute_positional(t, {});
  const DynamicDescriptors d = compute_dynamic(t, p, {});
  const double steps = static_cast<double>(n - 1);
  const double chord = 2 * r * std::sin(kPi * f / fs);
  EXPECT_NEAR(d.path_length_m.value, steps * chord, 1e-12);
  EXPECT_NEAR(d.sway_area_per_second_m2_s.value, r * r * fs * std::sin(2 * kPi * f / fs) / 2,
              1e-12);                                                               // → π r² f
  EXPECT_NEAR(d.mean_frequency_hz.value, fs * std::sin(kPi * f / fs) / kPi, 1e-9);  // → f
  EXPECT_NEAR(d.length_over_area_per_m.value, d.path_length_m.value / p.ellipse_area_95_m2.value,
              1e-9);
  // Katz/Prieto: FD = log N / (log N + log d − log L), with d = 2r (PD and CC: all radii are r)
  // and d = √(4·area/π) = 2r·√F for CE.
  const double nn = static_cast<double>(n), length = steps * chord;
  auto fd = [&](double diameter) {
    return std::log(nn) / (std::log(nn) + std::log(diameter) - std::log(length));
  };
  EXPECT_NEAR(d.fractal_dimension_pd.value, fd(2 * r), 1e-9);
  EXPECT_NEAR(d.fractal_dimension_cc.value, fd(2 * r), 1e-6);
  EXPECT_NEAR(d.fractal_dimension_ce.value, fd(2 * r * std::sqrt(f_quantile_95_2dof(nn - 2))),
              1e-9);
}

TEST(Dynamic, StepsAcrossUnusableSamplesAreNotCounted) {
  Eigen::ArrayXd ml(6), ap = Eigen::ArrayXd::Zero(6);
  ml << 0, 0.01, 5.0, 5.0, 0.01, 0.02;
  CopTrace t = test::trace_of(ml, ap, 100);
  t.usable[2] = t.usable[3] = false;
  const DynamicDescriptors d = dynamic_of(t);
  EXPECT_EQ(d.steps, 2);
  EXPECT_NEAR(d.path_length_m.value, 0.02, 1e-15);
  EXPECT_NEAR(d.mean_velocity_m_s.value, 0.02 / 0.02, 1e-12);
}

TEST(SwayDensity, PlateausGiveTheirLength) {
  // Still at three places 1 cm apart for 50, 120 and 80 samples: within 3 mm of a sample are
  // exactly the samples of its plateau, so the density is (L − 1) / rate.
  const double fs = 100;
  Eigen::ArrayXd ml(250), ap = Eigen::ArrayXd::Zero(250);
  ml.segment(0, 50).setConstant(0.0);
  ml.segment(50, 120).setConstant(0.01);
  ml.segment(170, 80).setConstant(0.02);
  const Eigen::ArrayXd d = sway_density_s(ml, ap, fs, 0.003);
  ASSERT_EQ(d.size(), 249);  // the last sample left out, as published
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    const double plateau = i < 50 ? 50 : (i < 170 ? 120 : 80);
    EXPECT_DOUBLE_EQ(d[i], (plateau - 1) / fs) << i;
  }
}

TEST(SwayDensity, ConstantSpeedLine) {
  // 1 cm/s at 100 Hz: 0.1 mm a step; with r = 3.05 mm, 30 steps fit on each side.
  const double fs = 100;
  const Eigen::Index n = 500;
  const Eigen::ArrayXd ml = Eigen::ArrayXd::LinSpaced(n, 0, static_cast<double>(n - 1)) * 1e-4;
  const Eigen::ArrayXd d = sway_density_s(ml, Eigen::ArrayXd::Zero(n), fs, 0.00305);
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    const auto ahead = std::min<Eigen::Index>(30, n - 1 - i),
               behind = std::min<Eigen::Index>(30, i);
    EXPECT_DOUBLE_EQ(d[i], static_cast<double>(ahead + behind) / fs) << i;
  }
}

TEST(SwayDensity, MatchesABruteForceCount) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const Eigen::Index n = 3000;
    const Eigen::ArrayXd ml = test::random_walk(n, 2e-4, seed);
    const Eigen::ArrayXd ap = test::random_walk(n, 3e-4, seed + 100);
    const double r = 0.003, fs = 100;
    const Eigen::ArrayXd d = sway_density_s(ml, ap, fs, r);
    for (Eigen::Index i = 0; i + 1 < n; ++i) {
      Eigen::Index last = i, first = i;
      while (last + 1 < n && std::hypot(ml[last + 1] - ml[i], ap[last + 1] - ap[i]) <= r) ++last;
      while (first > 0 && std::hypot(ml[first - 1] - ml[i], ap[first - 1] - ap[i]) <= r) --first;
      ASSERT_DOUBLE_EQ(d[i], static_cast<double>(last - first) / fs)
          << "seed " << seed << " i " << i;
    }
  }
}

TEST(SwayDensity, StillTrialsMatchABruteForceCount) {
  // A calibration mass (noise far inside the radius) and a very steady person (noise about the
  // radius, so many blocks straddle it): the searches that skip whole blocks within the radius
  // (sway density was quadratic on such trials) must count exactly what the definition counts.
  const double r = 0.003, fs = 100;
  for (const double noise_sd : {1e-5, 1.2e-3}) {
    for (unsigned seed = 1; seed <= 2; ++seed) {
      const Eigen::Index n = 2500;
      const Eigen::ArrayXd ml = test::gaussian(n, noise_sd, seed) + 0.05;
      const Eigen::ArrayXd ap = test::gaussian(n, noise_sd, seed + 50) - 0.02;
      const Eigen::ArrayXd d = sway_density_s(ml, ap, fs, r);
      for (Eigen::Index i = 0; i + 1 < n; ++i) {
        const auto within = [&](Eigen::Index k) {
          const double dx = ml[k] - ml[i], dy = ap[k] - ap[i];
          return dx * dx + dy * dy <= r * r;
        };
        Eigen::Index last = i, first = i;
        while (last + 1 < n && within(last + 1)) ++last;
        while (first > 0 && within(first - 1)) --first;
        ASSERT_DOUBLE_EQ(d[i], static_cast<double>(last - first) / fs)
            << "sd " << noise_sd << " seed " << seed << " i " << i;
      }
    }
  }
}

TEST(SwayDensity, PeaksOfATrajectoryOfKnownDensity) {
  // Along a line at speed v(t) = v0 (1 − 0.5 cos(2πt/T)): the COP stays within r of a point for
  // about 2r / v(t), slowest (density 2r / (0.5 v0)) once per period, every v0·T of path. It
  // starts and ends at its slowest: a kink in the density curve elsewhere would make the
  // smoothing ring into an extra local maximum (a property of the published definition).
  const double fs = 1000, v0 = 0.01, period = 10, r = 0.001;
  const Eigen::Index n = 60001;
  Eigen::ArrayXd ml(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / fs;
    ml[i] = v0 * t - 0.5 * v0 * period / (2 * kPi) * std::sin(2 * kPi * t / period);
  }
  const SwayDensityPeaks p = sway_density_peaks(ml, Eigen::ArrayXd::Zero(n), fs, {r, {4, 2.5}});
  EXPECT_EQ(p.peaks, 7);  // at 0 (just after), 10, …, 60 s (just before)
  EXPECT_NEAR(p.mean_peak_s.value, 2 * r / (0.5 * v0), 0.02 * 2 * r / (0.5 * v0));
  // The two end peaks sit about 0.3 s inside the ends (the curve is truncated there), so the
  // mean spacing is a little under v0·T.
  EXPECT_NEAR(p.mean_peak_distance_m.value, v0 * period, 0.01 * v0 * period);
}

}  // namespace
}  // namespace stance
