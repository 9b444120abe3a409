// The simulated person on its own: determinism, the sway's size and frequency content against
// the analytic truth, squat kinematics, knee wobble and the load events.
#include "simulated/subject_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

#include "core/units.hpp"
#include "sim_test_util.hpp"

namespace stance::sim {
namespace {

using test::mean;
using test::sd;

SubjectParams stance_params(std::uint64_t seed) {
  SubjectParams p;
  p.seed = seed;
  return p;
}

SubjectParams squat_params(std::uint64_t seed, double wobble, Limb limb) {
  SubjectParams p;
  p.seed = seed;
  p.task = Task::kSingleLegSquat;
  p.wobble.index = wobble;
  p.limb = limb;
  return p;
}

// COP of the model sampled at rate_hz over [t0, t0 + seconds).
struct Trace {
  std::vector<double> ml_m, ap_m;
};
Trace trace(const SubjectModel& m, double t0_s, double seconds, double rate_hz) {
  Trace t;
  const auto n = static_cast<int>(std::lround(seconds * rate_hz));
  for (int i = 0; i < n; ++i) {
    const SubjectLoad l = m.load_at(t0_s + i / rate_hz);
    t.ml_m.push_back(l.cop_ml_m);
    t.ap_m.push_back(l.cop_ap_m);
  }
  return t;
}
// The sway part only (the true COP minus its constant mean in stance): cheaper for long windows.
Trace sway_trace(const SubjectModel& m, double seconds, double rate_hz) {
  Trace t;
  const auto n = static_cast<int>(std::lround(seconds * rate_hz));
  for (int i = 0; i < n; ++i) {
    t.ml_m.push_back(m.sway_ml().value(i / rate_hz));
    t.ap_m.push_back(m.sway_ap().value(i / rate_hz));
  }
  return t;
}

TEST(SubjectModel, SameSeedSameLoadsOtherSeedOtherLoads) {
  const SubjectModel a(squat_params(7, 0.5, Limb::kRight));
  const SubjectModel b(squat_params(7, 0.5, Limb::kRight));
  const SubjectModel c(squat_params(8, 0.5, Limb::kRight));
  int differ = 0;
  for (double t = 0.0; t < 20.0; t += 0.37) {
    const SubjectLoad la = a.load_at(t);
    const SubjectLoad lb = b.load_at(t);
    const SubjectLoad lc = c.load_at(t);
    EXPECT_EQ(la.fz_n, lb.fz_n);
    EXPECT_EQ(la.cop_ml_m, lb.cop_ml_m);
    EXPECT_EQ(la.cop_ap_m, lb.cop_ap_m);
    EXPECT_EQ(la.fx_n, lb.fx_n);
    differ += la.cop_ml_m != lc.cop_ml_m && la.cop_ap_m != lc.cop_ap_m;
  }
  EXPECT_EQ(differ, 55);  // every sampled instant
}

TEST(Sway, AnalyticSdIsTheParameterExactly) {
  SubjectParams p = stance_params(3);
  p.sway.sd_ml_m = 0.0061;
  p.sway.sd_ap_m = 0.0134;
  const SubjectModel m(p);
  EXPECT_NEAR(m.truth().sway_sd_ml_m, 0.0061, 1e-15);
  EXPECT_NEAR(m.truth().sway_sd_ap_m, 0.0134, 1e-15);
  EXPECT_EQ(m.sway_ml().parts().size(), 50u);
  for (const auto& s : m.sway_ml().parts()) {
    EXPECT_GE(s.freq_hz, 0.05);
    EXPECT_LT(s.freq_hz, 3.0);
  }
}

// Over a long window the realised SD converges on the parameter: with components no closer than
// ~0.004 Hz, 600 s resolves them all; the residual is ~1% (1 SD over seeds), so 4% is ~4 SD.
TEST(Sway, RealisedSdOverLongWindowMatchesParameter) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const SubjectModel m(stance_params(seed));
    const Trace t = sway_trace(m, 600.0, 20.0);
    EXPECT_NEAR(sd(t.ml_m) / 0.007, 1.0, 0.04) << "seed " << seed;
    EXPECT_NEAR(sd(t.ap_m) / 0.012, 1.0, 0.04) << "seed " << seed;
  }
}

// A 30-s trial sees only 1.5 cycles of the slowest components and cannot separate components
// closer than 1/30 Hz, so its SD is itself random over seeds: about 8% (ML) and 11% (AP) of the
// parameter, 1 SD (measured over 300 seeds), as in real repeated trials. Each trial must be within
// 40% (>3.5 SD) and the RMS over 20 seeds within 7% (~3 SD of that mean).
TEST(Sway, RealisedSdOverThirtySecondsWithinFiniteWindowSpread) {
  double ml_power = 0.0;
  double ap_power = 0.0;
  constexpr int kSeeds = 20;
  for (std::uint64_t seed = 100; seed < 100 + kSeeds; ++seed) {
    const SubjectModel m(stance_params(seed));
    const Trace t = trace(m, 0.0, 30.0, 100.0);
    const double ml = sd(t.ml_m) / 0.007;
    const double ap = sd(t.ap_m) / 0.012;
    EXPECT_NEAR(ml, 1.0, 0.4) << "seed " << seed;
    EXPECT_NEAR(ap, 1.0, 0.4) << "seed " << seed;
    ml_power += ml * ml;
    ap_power += ap * ap;
  }
  EXPECT_NEAR(std::sqrt(ml_power / kSeeds), 1.0, 0.07);
  EXPECT_NEAR(std::sqrt(ap_power / kSeeds), 1.0, 0.07);
}

// Share of the periodogram power of a mean-removed signal in [lo, hi) Hz.
double band_share(const std::vector<double>& x, double rate_hz, double lo_hz, double hi_hz) {
  const double m = mean(x);
  const std::size_t n = x.size();
  double in_band = 0.0;
  double total = 0.0;
  for (std::size_t k = 1; k <= n / 2; ++k) {
    std::complex<double> sum = 0.0;
    const double w = -2.0 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
      sum += (x[i] - m) * std::polar(1.0, w * static_cast<double>(i));
    }
    const double f_hz = static_cast<double>(k) * rate_hz / static_cast<double>(n);
    const double power = std::norm(sum);
    total += power;
    if (f_hz >= lo_hz && f_hz < hi_hz) in_band += power;
  }
  return in_band / total;
}

TEST(Sway, PowerMostlyBelowTwoHertzWithARealShareBetweenHalfAndTwo) {
  const SubjectModel m(stance_params(11));
  EXPECT_GT(m.sway_ml().power_fraction(0.0, 2.0), 0.97);
  EXPECT_GT(m.sway_ap().power_fraction(0.0, 2.0), 0.99);
  // The realised 30-s COP, sampled at 20 Hz (Nyquist 10 Hz, well above the 3 Hz band edge).
  const Trace t = trace(m, 0.0, 30.0, 20.0);
  EXPECT_GT(band_share(t.ml_m, 20.0, 0.0, 2.0), 0.95);
  EXPECT_GT(band_share(t.ap_m, 20.0, 0.0, 2.0), 0.95);
  EXPECT_GT(band_share(t.ml_m, 20.0, 0.0, 1.0), 0.75);
  EXPECT_GT(band_share(t.ml_m, 20.0, 0.5, 2.0), 0.15);  // single-leg stance: faster corrections
  EXPECT_GT(band_share(t.ap_m, 20.0, 0.5, 2.0), 0.05);
  // Nothing is generated above 3 Hz: what the periodogram shows there is the leakage of the
  // rectangular 30-s window (falling as 1/f²), well under 1%.
  EXPECT_LT(band_share(t.ml_m, 20.0, 3.5, 10.0), 0.01);
}

// The expected mean speed (Gaussian approximation of a 50-component sum) against the realised
// mean speed over 600 s, by finite differences at 100 Hz as an analysis would compute it.
TEST(Sway, RealisedMeanSpeedMatchesTheExpectedSpeed) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const SubjectModel m(stance_params(seed));
    const Trace t = sway_trace(m, 600.0, 100.0);
    double ml = 0.0;
    double ap = 0.0;
    double path = 0.0;
    for (std::size_t i = 1; i < t.ml_m.size(); ++i) {
      const double dx = t.ml_m[i] - t.ml_m[i - 1];
      const double dy = t.ap_m[i] - t.ap_m[i - 1];
      ml += std::abs(dx);
      ap += std::abs(dy);
      path += std::hypot(dx, dy);
    }
    const double seconds = static_cast<double>(t.ml_m.size() - 1) / 100.0;
    const SubjectTruth& truth = m.truth();
    EXPECT_NEAR(ml / seconds / truth.sway_mean_speed_ml_m_s, 1.0, 0.03) << "seed " << seed;
    EXPECT_NEAR(ap / seconds / truth.sway_mean_speed_ap_m_s, 1.0, 0.03) << "seed " << seed;
    EXPECT_NEAR(path / seconds / truth.sway_mean_speed_m_s, 1.0, 0.03) << "seed " << seed;
  }
  // The defaults give speeds like the healthy single-leg-stance sample of CLINICAL.md (football
  // players: ML 18.7-20.1 mm/s, AP 21.0-21.9 mm/s).
  const SubjectModel d(stance_params(1));
  EXPECT_NEAR(d.truth().sway_mean_speed_ml_m_s, 0.0194, 0.002);
  EXPECT_NEAR(d.truth().sway_mean_speed_ap_m_s, 0.0215, 0.002);
}

TEST(QuietStance, VerticalForceAndShearAreSmallAndCentredOnWeight) {
  SubjectParams p = stance_params(5);
  p.mass_kg = 80.0;
  const SubjectModel m(p);
  std::vector<double> fz;
  std::vector<double> fx;
  std::vector<double> fy;
  for (int i = 0; i < 60000; ++i) {
    const SubjectLoad l = m.load_at(i / 200.0);
    fz.push_back(l.fz_n);
    fx.push_back(l.fx_n);
    fy.push_back(l.fy_n);
    ASSERT_EQ(l.support_share, 1.0);
  }
  EXPECT_NEAR(mean(fz), 80.0 * kStandardGravity_m_s2, 0.05);
  EXPECT_NEAR(sd(fz), 3.0, 0.15);  // the fz_sway_n parameter: 300 s resolves its 0.8-8 Hz band
  // Inverted pendulum shear, m·g·(cop − com)/h: about a newton, never tens.
  EXPECT_NEAR(mean(fx), 0.0, 0.02);
  EXPECT_GT(sd(fx), 0.2);
  EXPECT_LT(sd(fx), 3.0);
  EXPECT_GT(sd(fy), 0.2);
  EXPECT_LT(sd(fy), 3.0);
}

TEST(Squat, TimelineAndDepthFollowTheParameters) {
  SubjectParams p = squat_params(2, 0.0, Limb::kRight);
  const SubjectModel m(p);
  const SubjectTruth& t = m.truth();
  ASSERT_EQ(t.reps.size(), 5u);
  double start = 3.0;
  for (const auto& rep : t.reps) {
    EXPECT_DOUBLE_EQ(rep.start_s, start);
    EXPECT_DOUBLE_EQ(rep.bottom_start_s, start + 2.0);
    EXPECT_DOUBLE_EQ(rep.bottom_s, start + 2.15);
    EXPECT_DOUBLE_EQ(rep.bottom_end_s, start + 2.3);
    EXPECT_DOUBLE_EQ(rep.end_s, start + 4.3);
    EXPECT_DOUBLE_EQ(rep.depth_m, p.squat.depth_m);
    EXPECT_FALSE(rep.partial);
    // The COM is at the rep's depth at the bottom (within the sub-mm quiet-stance wiggle)...
    EXPECT_NEAR(m.load_at(rep.bottom_s).com_z_m, -p.squat.depth_m, 0.002);
    EXPECT_NEAR(m.load_at(rep.bottom_s).squat_depth_fraction, 1.0, 1e-12);
    // ...and back at standing height between reps.
    EXPECT_NEAR(m.load_at(rep.end_s + 0.5).com_z_m, 0.0, 0.002);
    start = rep.end_s + 1.0;
  }
  EXPECT_DOUBLE_EQ(t.trial_end_s, t.reps.back().end_s + 2.0);
  // Mid-descent the body accelerates down: Fz < m·g by m·|z̈|, about 20 N for 70 kg at the
  // minimum-jerk peak (5.77·d/T² = 0.29 m/s²).
  const double w = t.weight_n;
  double min_fz = w;
  double max_fz = w;
  for (double s = t.reps[0].start_s; s < t.reps[0].end_s; s += 0.001) {
    min_fz = std::min(min_fz, m.load_at(s).fz_n);
    max_fz = std::max(max_fz, m.load_at(s).fz_n);
  }
  EXPECT_NEAR(w - min_fz, 70.0 * 0.2887, 10.0);
  EXPECT_NEAR(max_fz - w, 70.0 * 0.2887, 10.0);
}

TEST(Squat, DepthVariationAndPartialRep) {
  SubjectParams p = squat_params(4, 0.0, Limb::kRight);
  p.squat.depth_variation = 0.2;
  p.squat.partial_rep = 3;
  p.squat.partial_depth_fraction = 0.4;
  const SubjectModel m(p);
  const auto& reps = m.truth().reps;
  ASSERT_EQ(reps.size(), 5u);
  double lo = 1.0;
  double hi = 0.0;
  for (const auto& rep : reps) {
    const double depth = p.squat.depth_m;
    const double nominal = rep.partial ? depth * 0.4 : depth;
    EXPECT_GE(rep.depth_m, nominal * 0.8 - 1e-12);
    EXPECT_LE(rep.depth_m, nominal * 1.2 + 1e-12);
    EXPECT_EQ(rep.partial, rep.index == 3);
    EXPECT_NEAR(m.load_at(rep.bottom_s).com_z_m, -rep.depth_m, 0.002);
    if (!rep.partial) {
      lo = std::min(lo, rep.depth_m);
      hi = std::max(hi, rep.depth_m);
    }
  }
  EXPECT_GT(hi - lo, 0.005);  // the depths do vary
}

// The knee's frontal-plane motion acts only while squatting, scaled by depth. Its effect on the
// plate is physical: at the bottom the mean ML COP follows the whole-body COM, which the
// collapsing knee carries medially (a few millimetres: the thigh and shank are ~20% of the
// mass), and the 3-Hz oscillation of the knee shakes the COP.
TEST(Wobble, ActsOnlyDuringRepsAndMovesTheComMedially) {
  for (const Limb limb : {Limb::kRight, Limb::kLeft}) {
    const SubjectModel calm(squat_params(9, 0.0, limb));
    const SubjectModel wobbly(squat_params(9, 1.0, limb));
    const auto& reps = calm.truth().reps;
    const double medial = limb == Limb::kRight ? -1.0 : 1.0;
    EXPECT_EQ(wobbly.truth().medial_sign, medial);
    EXPECT_EQ(wobbly.truth().collapse_deg, 15.0);
    EXPECT_EQ(wobbly.truth().fppa_wobble_deg, 4.0);
    // Quiet stance before the first rep and between reps: identical.
    for (double t = 0.0; t < reps[0].start_s; t += 0.01) {
      ASSERT_EQ(calm.load_at(t).cop_ml_m, wobbly.load_at(t).cop_ml_m) << t;
    }
    for (double t = reps[0].end_s + 0.001; t < reps[1].start_s; t += 0.01) {
      ASSERT_EQ(calm.load_at(t).cop_ml_m, wobbly.load_at(t).cop_ml_m) << t;
    }
    for (const auto& rep : reps) {
      // Two whole cycles of the 3-Hz oscillation around the bottom.
      std::vector<double> cop, com, fppa;
      for (double t = rep.bottom_s - 1.0 / 3.0; t < rep.bottom_s + 1.0 / 3.0; t += 0.001) {
        const SubjectLoad w = wobbly.load_at(t);
        const SubjectLoad c = calm.load_at(t);
        cop.push_back(w.cop_ml_m - c.cop_ml_m);
        com.push_back(w.com_ml_m - c.com_ml_m);
        fppa.push_back(w.fppa_deg - c.fppa_deg);
      }
      EXPECT_NEAR(mean(fppa), 15.0, 0.7) << "rep " << rep.index;
      EXPECT_GT(medial * mean(com), 0.001) << "rep " << rep.index;
      EXPECT_NEAR(mean(cop), mean(com), 0.0015) << "rep " << rep.index;
      EXPECT_GT(sd(cop), 0.003) << "rep " << rep.index;  // the oscillation shakes the COP
    }
  }
}

// The events are physical: the other foot, on the floor beside the plate, carries its lever
// share of the body's reaction while the COM leans toward it (docs/simulator.md, "Load events").
TEST(Events, TouchdownStepOffAndStepOnMoveTheLoadAtTheirTimes) {
  SubjectParams p = stance_params(6);
  p.events.empty_s = 2.0;
  p.events.touchdown_s = 10.0;
  p.events.touchdown_duration_s = 1.0;
  p.events.touchdown_share = 0.4;
  p.events.step_off_s = 20.0;
  const SubjectModel m(p);
  const SubjectTruth& t = m.truth();
  ASSERT_TRUE(t.step_on && t.touchdown && t.step_off);
  EXPECT_DOUBLE_EQ(t.step_on->start_s, 2.0);
  EXPECT_DOUBLE_EQ(t.step_on->ramp_s, kStepOnRamp_s);
  EXPECT_DOUBLE_EQ(t.task_start_s, 2.0 + kStepOnRamp_s);
  EXPECT_DOUBLE_EQ(t.trial_end_s, 2.0 + kStepOnRamp_s + 30.0);
  const double w = t.weight_n;
  // Before the step-on the person stands on the other foot: the plate is exactly empty.
  EXPECT_EQ(m.load_at(1.99).fz_n, 0.0);
  EXPECT_NEAR(m.load_at(1.99).other_fz_n, w, 0.01 * w);
  // The transfer takes the documented time: half-way near its middle, all on the plate after.
  EXPECT_NEAR(m.load_at(2.0 + kStepOnRamp_s / 2).fz_n, 0.5 * w, 0.1 * w);
  EXPECT_NEAR(m.load_at(2.0 + kStepOnRamp_s + kTouchdownRamp_s).fz_n, w, 0.02 * w);
  EXPECT_EQ(m.load_at(2.0 + kStepOnRamp_s + kTouchdownRamp_s).other_fz_n, 0.0);

  // Touchdown: the COM has leaned toward the other foot (by its share of the feet's distance)
  // before it lands; once down, the plate's Fz drops by the load the other foot takes.
  const SubjectLoad before = m.load_at(10.0 - 0.01);
  const double medial = t.medial_sign * (before.com_ml_m - t.ankle_ml_m);
  EXPECT_NEAR(medial, 0.4 * kOtherFootMl_m, 0.01);
  EXPECT_EQ(before.other_fz_n, 0.0);
  const SubjectLoad down = m.load_at(10.5);
  EXPECT_NEAR(down.support_share, 0.6, 0.03);
  EXPECT_NEAR(down.fz_n + down.other_fz_n, w, 0.01 * w);
  EXPECT_NEAR(down.fz_n, 0.6 * w, 0.03 * w);
  // The lever: the stance COP is back near the ankle, the other foot's 0.25 m medial of it.
  EXPECT_NEAR(down.cop_ml_m - t.ankle_ml_m, 0.0, 0.01);
  EXPECT_NEAR(t.medial_sign * (down.other_cop_ml_m - down.cop_ml_m), kOtherFootMl_m, 1e-9);
  // The load is back on the plate once the foot has lifted; the COM leans back afterwards.
  EXPECT_NEAR(m.load_at(11.0 + kTouchdownRamp_s).fz_n, w, 0.03 * w);
  EXPECT_EQ(m.load_at(11.0 + kTouchdownRamp_s).other_fz_n, 0.0);
  const double back = m.load_at(11.0 + kTouchdownRamp_s + kWeightShift_s + 0.01).com_ml_m;
  EXPECT_NEAR(back - t.ankle_ml_m, 0.0, 0.02);

  // Step-off: the load moves to the other foot over kStepOffRamp_s, with the COM.
  EXPECT_NEAR(m.load_at(19.99).fz_n, w, 0.05 * w);
  EXPECT_NEAR(m.load_at(20.0 + kStepOffRamp_s / 2).support_share, 0.5, 0.1);
  EXPECT_EQ(m.load_at(20.0 + kStepOffRamp_s).fz_n, 0.0);
  EXPECT_EQ(m.load_at(25.0).fz_n, 0.0);
  EXPECT_EQ(m.load_at(25.0).fx_n, 0.0);
  const SubjectLoad off = m.load_at(25.0);
  EXPECT_NEAR(t.medial_sign * (off.com_ml_m - t.ankle_ml_m), kOtherFootMl_m * (1 + kPastOtherFoot),
              0.01);
}

}  // namespace
}  // namespace stance::sim
