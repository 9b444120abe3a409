// Single-leg stance of the body: the sway that comes out of the balance loop and Newton-Euler
// against the published single-leg-stance figures (CLINICAL.md, "Norms": 144 football players,
// ML speed 18.7-20.1 mm/s, AP 21.0-21.9 mm/s; typical SD 5-10 mm ML, 10-15 mm AP).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "sim_test_util.hpp"
#include "simulated/subject_model.hpp"

namespace stance::sim {
namespace {

using test::mean;
using test::sd;

struct Figures {
  double sd_ml_m, sd_ap_m, speed_ml_m_s, speed_ap_m_s;
};

// 30 s of the Newton-Euler COP at 100 Hz, as an analysis would see it.
Figures trial(std::uint64_t seed) {
  SubjectParams p;
  p.seed = seed;
  const SubjectModel m(p);
  std::vector<double> x, y;
  for (int i = 0; i < 3000; ++i) {
    const SubjectLoad l = m.load_at(i / 100.0);
    x.push_back(l.cop_ml_m);
    y.push_back(l.cop_ap_m);
  }
  double path_x = 0.0, path_y = 0.0;
  for (std::size_t i = 1; i < x.size(); ++i) {
    path_x += std::abs(x[i] - x[i - 1]);
    path_y += std::abs(y[i] - y[i - 1]);
  }
  return {sd(x), sd(y), path_x / 29.99, path_y / 29.99};
}

TEST(BodySway, SingleLegStanceFiguresAreInThePublishedRanges) {
#ifdef STANCE_SANITIZED
  GTEST_SKIP()
      << "population statistics: run in the optimised build (cmake/StanceSanitizers.cmake)";
#endif
  std::vector<double> sd_ml, sd_ap, v_ml, v_ap;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const Figures f = trial(seed);
    sd_ml.push_back(f.sd_ml_m);
    sd_ap.push_back(f.sd_ap_m);
    v_ml.push_back(f.speed_ml_m_s);
    v_ap.push_back(f.speed_ap_m_s);
  }
  std::printf("30 persons, 30 s: SD ML %.1f AP %.1f mm; mean speed ML %.1f AP %.1f mm/s\n",
              mean(sd_ml) * 1e3, mean(sd_ap) * 1e3, mean(v_ml) * 1e3, mean(v_ap) * 1e3);
  EXPECT_GT(mean(sd_ml), 0.005);
  EXPECT_LT(mean(sd_ml), 0.010);
  EXPECT_GT(mean(sd_ap), 0.010);
  EXPECT_LT(mean(sd_ap), 0.015);
  // The sample's range widened by the 30-person sampling error (~1 mm/s).
  EXPECT_GT(mean(v_ml), 0.0187 - 0.001);
  EXPECT_LT(mean(v_ml), 0.0201 + 0.001);
  EXPECT_GT(mean(v_ap), 0.0210 - 0.001);
  EXPECT_LT(mean(v_ap), 0.0219 + 0.001);
}

// The balance loop's linearised COP (the truth's sway figures) is what Newton-Euler gives, up to
// the small nonlinear terms of a half-degree sway and the body's own twist about the vertical
// (0.1° SD, 0.2-2 Hz): the COM, 4.5 cm ahead of the ankle, moves sideways with it, which adds
// about 0.5 mm (SD) to the ML COP.
TEST(BodySway, NewtonEulerCopFollowsTheLinearisedLoop) {
  SubjectParams p;
  p.seed = 8;
  const SubjectModel m(p);
  std::vector<double> dx, dy;
  for (int i = 0; i < 6000; ++i) {
    const double t = i / 100.0;
    const SubjectLoad l = m.load_at(t);
    dx.push_back(l.cop_ml_m - p.sway.mean_ml_m - m.sway_ml().value(t));
    dy.push_back(l.cop_ap_m - p.sway.mean_ap_m - m.sway_ap().value(t));
  }
  EXPECT_LT(sd(dx), 0.10 * m.truth().sway_sd_ml_m);
  EXPECT_LT(sd(dy), 0.05 * m.truth().sway_sd_ap_m);
  EXPECT_LT(std::abs(mean(dx)), 0.001);
  EXPECT_LT(std::abs(mean(dy)), 0.001);
}

// The loop is a real feedback loop: more delay makes it less damped (more power near its
// resonance), larger proportional gain makes it stiffer (a higher resonance).
TEST(BodySway, ClosedLoopBehavesLikeDelayedPdFeedback) {
  body::PendulumGains g{0.92, 0.108};
  double phase = 0.0;
  const body::BalanceGains base{1.5, 0.35, 0.12};
  body::BalanceGains slow = base;
  slow.delay_s = 0.2;
  double peak_base = 0.0, peak_slow = 0.0, f_base = 0.0;
  for (double f = 0.05; f < 3.0; f += 0.01) {
    const double a = body::closed_loop_gain(base, g, f, phase);
    const double b = body::closed_loop_gain(slow, g, f, phase);
    if (a > peak_base) {
      peak_base = a;
      f_base = f;
    }
    peak_slow = std::max(peak_slow, b);
  }
  EXPECT_GT(peak_slow, 1.5 * peak_base);
  body::BalanceGains stiff = base;
  stiff.kp = 2.5;
  double peak_stiff = 0.0, f_stiff = 0.0;
  for (double f = 0.05; f < 3.0; f += 0.01) {
    const double a = body::closed_loop_gain(stiff, g, f, phase);
    if (a > peak_stiff) {
      peak_stiff = a;
      f_stiff = f;
    }
  }
  EXPECT_GT(f_stiff, f_base);
  // At 0 Hz the loop holds the pendulum with stiffness (Kp − 1)·m·g·h: gain 1 / (Kp − 1).
  EXPECT_NEAR(body::closed_loop_gain(base, g, 1e-6, phase), 1.0 / (base.kp - 1.0), 1e-6);
}

}  // namespace
}  // namespace stance::sim
