// The simulated plate end to end, as the product sees it: real SPP bytes decoded by the real
// StreamDecoder, calibrated by the real CountsCalibrator, compared with the person's truth.
#include "simulated/simulated_plate.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/units.hpp"
#include "sim_test_util.hpp"
#include "spp_wire/spp_wire.hpp"

namespace stance::sim {
namespace {

using test::calibrate;
using test::Calibrated;
using test::Capture;
using test::mean;
using test::open_plate;
using test::stream_for;

TEST(SimulatedPlate, SameSeedSameFramesOtherSeedOtherFrames) {
  auto a = open_plate("seed=4,task=squat,wobble=0.5,realtime=0,loss_prob=0.01");
  auto b = open_plate("seed=4,task=squat,wobble=0.5,realtime=0,loss_prob=0.01");
  auto c = open_plate("seed=5,task=squat,wobble=0.5,realtime=0,loss_prob=0.01");
  ASSERT_TRUE(a && b && c);
  const Capture ca = stream_for(*a, 5.0);
  const Capture cb = stream_for(*b, 5.0);
  const Capture cc = stream_for(*c, 5.0);
  ASSERT_EQ(ca.frames.size(), cb.frames.size());
  ASSERT_GT(ca.frames.size(), 4800u);
  for (std::size_t i = 0; i < ca.frames.size(); ++i) {
    ASSERT_EQ(ca.frames[i].seq, cb.frames[i].seq);
    ASSERT_EQ(ca.frames[i].t_us, cb.frames[i].t_us);
    ASSERT_EQ(ca.frames[i].flags, cb.frames[i].flags);
    ASSERT_EQ(ca.frames[i].counts, cb.frames[i].counts);
  }
  EXPECT_EQ(a->calibration().zero_counts, b->calibration().zero_counts);
  EXPECT_NE(a->calibration().zero_counts, c->calibration().zero_counts);
  std::size_t same = 0;
  for (std::size_t i = 0; i < std::min(ca.frames.size(), cc.frames.size()); ++i) {
    same += ca.frames[i].counts == cc.frames[i].counts;
  }
  EXPECT_EQ(same, 0u);
  EXPECT_EQ(a->info().serial, "SIM-0004");
}

// CountsCalibrator∘sim returns the true load within the ADC noise. Noise per channel is 100
// counts RMS: Fz noise ~0.2 N (layout 1) / ~0.1 N (layout 2), so 5 SD is ~1 N. COP noise at body
// weight (735 N) on layout 1 is 0.27 m·0.2 N/735 N = 0.07 mm AP and 0.05 mm ML (SD), so the
// largest of 10000 samples (~4.5 SD) stays under 0.5 mm, and the RMS under 0.1 mm.
TEST(SimulatedPlate, CalibratedOutputEqualsTheTrueLoadForBothLayouts) {
  for (const char* layout : {"layout=1", "layout=2"}) {
    SCOPED_TRACE(layout);
    auto plate = open_plate(std::string(layout) + ",seed=2,realtime=0,mass=75");
    ASSERT_TRUE(plate);
    const Capture cap = stream_for(*plate, 10.0);
    ASSERT_EQ(cap.frames.size(), 10000u);
    const Calibrated cal = calibrate(*plate, cap.frames);
    const bool six = plate->info().layout == PlateLayout::kSixComponent;
    double max_fz = 0.0, max_ml = 0.0, max_ap = 0.0, max_shear = 0.0;
    std::vector<double> fz_error, ml_error, ap_error;
    for (std::size_t i = 0; i < cal.fz_n.size(); ++i) {
      const SubjectLoad truth = plate->subject().load_at(cal.t_s[i]);
      ASSERT_TRUE(cal.cop_valid[i]);
      fz_error.push_back(cal.fz_n[i] - truth.fz_n);
      ml_error.push_back(cal.cop_ml_m[i] - truth.cop_ml_m);
      ap_error.push_back(cal.cop_ap_m[i] - truth.cop_ap_m);
      max_fz = std::max(max_fz, std::abs(cal.fz_n[i] - truth.fz_n));
      max_ml = std::max(max_ml, std::abs(cal.cop_ml_m[i] - truth.cop_ml_m));
      max_ap = std::max(max_ap, std::abs(cal.cop_ap_m[i] - truth.cop_ap_m));
      if (six) {
        max_shear = std::max(max_shear, std::abs(cal.fx_n[i] - truth.fx_n));
        max_shear = std::max(max_shear, std::abs(cal.fy_n[i] - truth.fy_n));
      }
    }
    EXPECT_LT(max_fz, 1.2);
    EXPECT_LT(max_ml, 0.0005);
    EXPECT_LT(max_ap, 0.0005);
    EXPECT_LT(test::sd(ml_error), 0.0001);
    EXPECT_LT(test::sd(ap_error), 0.0001);
    std::printf(
        "[ measured ] layout %d: Fz error SD %.3f N max %.3f N; COP error SD ML %.4f mm "
        "AP %.4f mm, max %.4f / %.4f mm; shear max %.3f N\n",
        six ? 2 : 1, test::sd(fz_error), max_fz, 1e3 * test::sd(ml_error), 1e3 * test::sd(ap_error),
        1e3 * max_ml, 1e3 * max_ap, max_shear);
    EXPECT_LT(max_shear, 0.5);
    EXPECT_NEAR(mean(fz_error), 0.0, 0.01);  // unbiased: 10000 samples, SE ~0.002 N
    EXPECT_LT(test::sd(fz_error), six ? 0.15 : 0.25);
  }
}

// (Fz − m·g)/m is the COM's vertical acceleration: integrated twice over each rep it must give
// the true depth at the bottom and zero velocity at the end, on what the plate measured. Starting
// from v = 0 ignores the COM's small quiet-stance velocity (2.3 mm/s SD, from the 3-N vertical
// force fluctuation and the hip's ML balance tilting the pelvis), which moves z by ~5 mm (2.5% of
// 0.2 m) at the bottom and ~10 mm at the end (1 SD): hence 6% of depth, 2 cm and 1 cm/s. From the
// true initial velocity, the integral matches the true COM path within 1 mm.
TEST(SimulatedPlate, SquatForceIntegratesBackToTheComDisplacement) {
  auto plate = open_plate("seed=3,task=squat,realtime=0,mass=70,depth_var=0.15,depth_m=0.2");
  ASSERT_TRUE(plate);
  const SubjectTruth truth = plate->subject().truth();
  const Capture cap = stream_for(*plate, truth.trial_end_s);
  const Calibrated cal = calibrate(*plate, cap.frames);
  const double mg = truth.weight_n;
  const double dt = 1.0 / plate->rate_hz();
  ASSERT_EQ(truth.reps.size(), 5u);
  for (const auto& rep : truth.reps) {
    const auto first = static_cast<std::size_t>(std::lround(rep.start_s / dt));
    const auto bottom = static_cast<std::size_t>(std::lround(rep.bottom_s / dt));
    const auto last = static_cast<std::size_t>(std::lround(rep.end_s / dt));
    double v = 0.0;
    double z = 0.0;
    double z_bottom = 0.0;
    for (std::size_t i = first + 1; i <= last; ++i) {
      const double a0 = (cal.fz_n[i - 1] - mg) / 70.0;
      const double a1 = (cal.fz_n[i] - mg) / 70.0;
      const double v_next = v + 0.5 * (a0 + a1) * dt;
      z += 0.5 * (v + v_next) * dt;
      v = v_next;
      if (i == bottom) z_bottom = z;
    }
    std::printf(
        "[ measured ] rep %d: depth %.4f m, integrated %.4f m (%+.2f%%), end v %+.4f m/s "
        "z %+.4f m\n",
        rep.index, rep.depth_m, -z_bottom, 100.0 * (-z_bottom / rep.depth_m - 1.0), v, z);
    EXPECT_NEAR(z_bottom / -rep.depth_m, 1.0, 0.06) << "rep " << rep.index;
    EXPECT_NEAR(v, 0.0, 0.01) << "rep " << rep.index;
    EXPECT_NEAR(z, 0.0, 0.02) << "rep " << rep.index;
    // Against the true COM path (which includes the quiet-stance wiggle), starting from its
    // true velocity, the match is millimetric.
    const double z0 = plate->subject().load_at(rep.start_s).com_z_m;
    const double v0 = plate->subject().load_at(rep.start_s).com_vz_m_s;
    double v_t = v0;
    double z_t = 0.0;
    for (std::size_t i = first + 1; i <= bottom; ++i) {
      const double a0 = (cal.fz_n[i - 1] - mg) / 70.0;
      const double a1 = (cal.fz_n[i] - mg) / 70.0;
      const double v_next = v_t + 0.5 * (a0 + a1) * dt;
      z_t += 0.5 * (v_t + v_next) * dt;
      v_t = v_next;
    }
    EXPECT_NEAR(z_t, plate->subject().load_at(rep.bottom_s).com_z_m - z0, 0.001)
        << "rep " << rep.index;
  }
  // Over the whole trial the body ends where it started: mean Fz is body weight.
  EXPECT_NEAR(mean(cal.fz_n) / mg, 1.0, 0.005);
}

// Knee wobble changes the measured ML COP during the reps only. At the bottom the collapsing knee
// carries the body's COM medially (toward −x for a right foot, +x for a left foot) and the
// measured mean ML COP follows that true COM shift.
TEST(SimulatedPlate, WobbleShowsInMeasuredMlCopDuringRepsOnlyAndMediallyPerLimb) {
  for (const char* limb : {"right", "left"}) {
    SCOPED_TRACE(limb);
    const std::string common = std::string("seed=8,task=squat,realtime=0,limb=") + limb;
    auto calm = open_plate(common + ",wobble=0");
    auto wobbly = open_plate(common + ",wobble=1");
    ASSERT_TRUE(calm && wobbly);
    const SubjectTruth truth = calm->subject().truth();
    const Calibrated a = calibrate(*calm, stream_for(*calm, truth.trial_end_s).frames);
    const Calibrated b = calibrate(*wobbly, stream_for(*wobbly, truth.trial_end_s).frames);
    ASSERT_EQ(a.cop_ml_m.size(), b.cop_ml_m.size());
    const double medial = std::string(limb) == "right" ? -1.0 : 1.0;
    for (std::size_t i = 0; i < a.cop_ml_m.size(); ++i) {
      const double t = a.t_s[i];
      bool in_rep = false;
      for (const auto& rep : truth.reps) in_rep = in_rep || (t > rep.start_s && t < rep.end_s);
      if (!in_rep) {
        ASSERT_EQ(a.cop_ml_m[i], b.cop_ml_m[i]) << "t = " << t;  // same noise too
      }
    }
    for (const auto& rep : truth.reps) {
      // Two whole cycles of the 3-Hz oscillation around the bottom.
      std::vector<double> diff, com;
      for (std::size_t i = 0; i < a.cop_ml_m.size(); ++i) {
        const double t = a.t_s[i];
        if (t >= rep.bottom_s - 1.0 / 3.0 && t < rep.bottom_s + 1.0 / 3.0) {
          diff.push_back(b.cop_ml_m[i] - a.cop_ml_m[i]);
          com.push_back(wobbly->subject().load_at(t).com_ml_m -
                        calm->subject().load_at(t).com_ml_m);
        }
      }
      EXPECT_GT(medial * mean(com), 0.002) << "rep " << rep.index;
      EXPECT_NEAR(mean(diff), mean(com), 0.0015) << "rep " << rep.index;
    }
  }
}

// First time at or after from_s when fz crosses the level, going down (or up).
double crossing_s(const Calibrated& c, double from_s, double level_n, bool down) {
  for (std::size_t i = 0; i < c.fz_n.size(); ++i) {
    if (c.t_s[i] < from_s) continue;
    if (down ? c.fz_n[i] < level_n : c.fz_n[i] > level_n) return c.t_s[i];
  }
  return -1.0;
}

TEST(SimulatedPlate, TouchdownStepOffAndStepOnAreMeasuredAtTheirTrueTimes) {
  auto plate = open_plate(
      "seed=12,realtime=0,empty_s=1.5,touchdown_s=8.25,touchdown_dur_s=1.0,"
      "touchdown_share=0.4,stepoff_s=15.5");
  ASSERT_TRUE(plate);
  const SubjectTruth truth = plate->subject().truth();
  const Calibrated c = calibrate(*plate, stream_for(*plate, 18.0).frames);
  const double w = truth.weight_n;
  // The mid-points of the load ramps, where a half-way threshold is crossed.
  const double on = truth.step_on->start_s + truth.step_on->ramp_s / 2;
  const double down = truth.touchdown->start_s + truth.touchdown->ramp_s / 2;
  const double up = truth.touchdown->end_s + truth.touchdown->ramp_s / 2;
  const double off = truth.step_off->start_s + truth.step_off->ramp_s / 2;
  // Stepping on and off, the load follows the COM's lean (docs/simulator.md): the plate's Fz
  // also carries the lean's vertical motion, so it crosses half the weight within 8% of the
  // transfer's time from its middle; a touch-down's 50-ms load acceptance within 20 ms.
  const double step_tolerance_s = 0.08 * truth.step_on->ramp_s;
  EXPECT_NEAR(crossing_s(c, 0.0, w / 2, false), on, step_tolerance_s);
  EXPECT_NEAR(crossing_s(c, on + 1.0, w * (1 - 0.4 / 2), true), down, 0.02);
  EXPECT_NEAR(crossing_s(c, down + 0.1, w * (1 - 0.4 / 2), false), up, 0.02);
  EXPECT_NEAR(crossing_s(c, up + 1.0, w / 2, true), off, step_tolerance_s);
  // Empty plate before the step-on and after the step-off: Fz is ADC noise and the COP is invalid.
  for (std::size_t i = 0; i < c.fz_n.size(); ++i) {
    if (c.t_s[i] < truth.step_on->start_s || c.t_s[i] >= truth.step_off->end_s) {
      ASSERT_LT(std::abs(c.fz_n[i]), 1.5) << "t = " << c.t_s[i];
      ASSERT_FALSE(c.cop_valid[i]) << "t = " << c.t_s[i];
    }
  }
}

TEST(SimulatedPlate, EveryRateGivesItsFramesPerSimulatedSecond) {
  for (const std::uint16_t rate : spp::kAllowedRates_hz) {
    SCOPED_TRACE(rate);
    auto plate = open_plate("realtime=0,rate=" + std::to_string(rate));
    ASSERT_TRUE(plate);
    EXPECT_EQ(plate->rate_hz(), rate);
    const Capture cap = stream_for(*plate, 2.0);
    ASSERT_EQ(cap.frames.size(), 2u * rate);
    for (std::size_t i = 0; i < cap.frames.size(); ++i) {
      ASSERT_EQ(cap.frames[i].seq, i);
      if (i > 0) {
        ASSERT_EQ(cap.frames[i].t_us - cap.frames[i - 1].t_us, 1000000u / rate);
      }
    }
    // ~10 ms of frames per transfer, one read per transfer on the virtual clock.
    EXPECT_EQ(cap.reads, static_cast<int>(2u * rate / plate->frames_per_transfer()));
    EXPECT_EQ(plate->health().stream.frames_received, 2u * rate);
    EXPECT_EQ(plate->health().stream.frames_lost, 0u);
  }
}

TEST(SimulatedPlate, SetRateRefusesUnsupportedRatesAndWhileStreaming) {
  auto plate = open_plate("realtime=0,max_rate=1000");
  ASSERT_TRUE(plate);
  const Status r300 = plate->set_rate(300);
  ASSERT_FALSE(r300);
  EXPECT_NE(r300.error().message.find("300 Hz is not supported"), std::string::npos)
      << r300.error().message;
  EXPECT_NE(r300.error().message.find("100, 200, 250, 500, 1000 Hz"), std::string::npos);
  EXPECT_FALSE(plate->set_rate(2000));  // allowed by SPP, above this plate's max_rate
  EXPECT_TRUE(plate->set_rate(250));
  EXPECT_EQ(plate->rate_hz(), 250);
  ASSERT_TRUE(plate->start());
  const Status busy = plate->set_rate(500);
  ASSERT_FALSE(busy);
  EXPECT_NE(busy.error().message.find("stop it first"), std::string::npos);
  EXPECT_EQ(plate->rate_hz(), 250);
  EXPECT_FALSE(plate->start());  // already streaming
  ASSERT_TRUE(plate->stop());
  EXPECT_TRUE(plate->set_rate(500));
}

TEST(SimulatedPlate, VirtualClockIsFastAndRealtimeKeepsPace) {
  auto fast = open_plate("realtime=0");
  ASSERT_TRUE(fast);
  const auto t0 = std::chrono::steady_clock::now();
  const Capture cap = stream_for(*fast, 20.0);
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(cap.frames.size(), 20000u);
  // No sleeping: paced, it would take the 20 s it simulates; unpaced it takes well under a second
  // optimised and a few under the sanitizers, so the bound only tells pacing from none.
  EXPECT_LT(wall_s, 15.0);

  auto paced = open_plate("realtime=1");
  ASSERT_TRUE(paced);
  ASSERT_TRUE(paced->start());
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  const auto t1 = std::chrono::steady_clock::now();
  while (frames.size() < 300) {
    ASSERT_EQ(paced->read(frames, events, std::chrono::milliseconds(200)), ReadStatus::kFrames);
  }
  const double paced_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  EXPECT_GE(paced_s, 0.29);  // 300 frames at 1 kHz cannot come before 0.3 s of wall clock
  EXPECT_LT(paced_s, 1.5);
  EXPECT_GT(paced->health().mean_latency_ms, 0.0);
  EXPECT_LT(paced->health().mean_latency_ms, 50.0);
  ASSERT_TRUE(paced->stop());
  EXPECT_EQ(paced->read(frames, events, std::chrono::milliseconds(10)), ReadStatus::kTimeout);
}

TEST(SimulatedPlate, DeviceClockWrapsAndEachStartIsANewTrial) {
  auto plate = open_plate("realtime=0,clock_us=4294967000");
  ASSERT_TRUE(plate);
  const Capture first = stream_for(*plate, 1.0);
  ASSERT_EQ(first.frames.size(), 1000u);
  EXPECT_EQ(first.frames[0].t_us, 4294967000u);
  EXPECT_EQ(first.frames[1].t_us, 704u);  // wrapped at 2^32 µs
  EXPECT_EQ(first.frames[999].t_us, 704u + 998u * 1000u);
  const double first_ml = plate->subject().load_at(0.5).cop_ml_m;
  const Capture second = stream_for(*plate, 1.0);
  ASSERT_EQ(second.frames.size(), 1000u);
  EXPECT_EQ(second.frames[0].seq, 0u);
  EXPECT_EQ(plate->health().stream.device_resets, 0u);  // a START_STREAM is no reset
  EXPECT_EQ(plate->streams_started(), 2);
  EXPECT_NE(plate->subject().load_at(0.5).cop_ml_m, first_ml);
  EXPECT_EQ(plate->subject().truth().params.seed, 2u);
}

}  // namespace
}  // namespace stance::sim
