// The simulated camera and the simulated plate in step: the same person, recorded by the plate
// through the whole product path (SPP bytes, decoder, calibration, analyze_squats) and filmed by
// the camera through the marker tracker, on one time axis (t = 0 at each stream's start). The
// timing of every squat from the camera (hip marker) and from the plate (vertical COM from the
// force) must agree within one camera frame (issue 15, item 9).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/squat/squat_analysis.hpp"
#include "sim_camera_test_util.hpp"
#include "squat_test_util.hpp"

namespace stance::test {
namespace {

struct Series {
  std::vector<double> t_s, x;  // x: up is positive
};

// The middle of a squat in one signal: the mean of the times it crosses half-way between
// standing (its level in the first 0.2 s of the window) and its lowest point, going down and
// coming back up (linear interpolation between samples). The mean of the two crossings is
// insensitive to a difference in shape between the two signals that is symmetric in time.
std::optional<double> squat_centre_s(const Series& s, double from_s, double to_s) {
  double stand = 0.0, low = 1e18;
  int n_stand = 0;
  for (std::size_t i = 0; i < s.t_s.size(); ++i) {
    if (s.t_s[i] < from_s || s.t_s[i] > to_s) continue;
    if (s.t_s[i] < from_s + 0.2) {
      stand += s.x[i];
      ++n_stand;
    }
    low = std::min(low, s.x[i]);
  }
  if (n_stand == 0) return std::nullopt;
  const double half = 0.5 * (stand / n_stand + low);
  std::optional<double> down, up;
  for (std::size_t i = 1; i < s.t_s.size(); ++i) {
    if (s.t_s[i - 1] < from_s || s.t_s[i] > to_s) continue;
    const double a = s.x[i - 1] - half, b = s.x[i] - half;
    if ((a > 0.0) == (b > 0.0)) continue;
    const double t = s.t_s[i - 1] + (s.t_s[i] - s.t_s[i - 1]) * a / (a - b);
    if (a > 0.0 && !down) down = t;
    if (a <= 0.0) up = t;
  }
  if (!down || !up) return std::nullopt;
  return 0.5 * (*down + *up);
}

// The camera's delay against the plate: the shift L that best correlates the hip marker's
// height in the picture with the plate's COM height at t + L, searched over ±0.3 s by 1 ms, as a
// delay (positive: the camera shows the body late).
double camera_delay_s(const Series& camera, const ComTrajectory& com) {
  const auto com_at = [&](double t_s) -> std::optional<double> {
    const double x = (t_s - com.t0_s) * com.rate_hz;
    const auto i = static_cast<Eigen::Index>(std::floor(x));
    if (i < 0 || i + 1 >= com.z_m.size() || !com.valid[static_cast<std::size_t>(i)] ||
        !com.valid[static_cast<std::size_t>(i + 1)]) {
      return std::nullopt;
    }
    const double f = x - static_cast<double>(i);
    return (1.0 - f) * com.z_m[i] + f * com.z_m[i + 1];
  };
  double best_r = -2.0, best_shift = 0.0;
  for (int ms = -300; ms <= 300; ++ms) {
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    int n = 0;
    for (std::size_t i = 0; i < camera.t_s.size(); ++i) {
      const auto z = com_at(camera.t_s[i] + ms * 1e-3);
      if (!z) continue;
      sa += camera.x[i];
      sb += *z;
      saa += camera.x[i] * camera.x[i];
      sbb += *z * *z;
      sab += camera.x[i] * *z;
      ++n;
    }
    if (n < 10) continue;
    const double cov = sab - sa * sb / n;
    const double r = cov / std::sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    if (r > best_r) {
      best_r = r;
      best_shift = ms * 1e-3;
    }
  }
  return -best_shift;
}

struct SyncResult {
  double delay_s = 0.0;         // from the cross-correlation
  double worst_centre_s = 0.0;  // largest |camera − plate| of a squat's centre time
  int squats = 0;
};

SyncResult sync_of(const std::string& person, const std::string& camera_options) {
  SyncResult out;
  const SimTrial plate = simulate(person + ",rate=250");
  const auto analysis = analyze_squats(plate.samples);
  EXPECT_TRUE(analysis.ok());
  if (!analysis.ok()) return out;
  const Filmed f = film(person + "," + camera_options);
  Series hip;
  for (const knee::MarkerFrame& m : f.markers) {
    if (!m.at(knee::Marker::kHip)) continue;
    hip.t_s.push_back(m.t_s);
    hip.x.push_back(-m.at(knee::Marker::kHip)->y_px);  // image y grows downward
  }
  Series com;
  for (Eigen::Index i = 0; i < analysis->com.z_m.size(); ++i) {
    if (!analysis->com.valid[static_cast<std::size_t>(i)]) continue;
    com.t_s.push_back(analysis->com.t0_s + static_cast<double>(i) / analysis->com.rate_hz);
    com.x.push_back(analysis->com.z_m[i]);
  }
  out.delay_s = camera_delay_s(hip, analysis->com);
  for (const SquatRep& rep : analysis->reps) {
    const double from = rep.start_s - 0.4, to = rep.end_s + 0.4;
    const auto c_cam = squat_centre_s(hip, from, to);
    const auto c_plate = squat_centre_s(com, from, to);
    EXPECT_TRUE(c_cam && c_plate) << "squat " << rep.index;
    if (!c_cam || !c_plate) continue;
    std::printf("squat %d: centre from the camera %.3f s, from the plate %.3f s\n", rep.index,
                *c_cam, *c_plate);
    out.worst_centre_s = std::max(out.worst_centre_s, std::abs(*c_cam - *c_plate));
    ++out.squats;
  }
  std::printf(
      "camera delay from cross-correlation %.1f ms; worst squat centre difference %.1f ms\n",
      out.delay_s * 1e3, out.worst_centre_s * 1e3);
  return out;
}

std::string person() {
  return std::string("task=squat,seed=5,depth_m=0.12,wobble=0.6,quiet_before_s=2,quiet_after_s=1") +
         ",reps=" + (kSanitized ? "2" : "5");
}

TEST(SimCameraSync, SquatTimingFromCameraAndPlateAgreeWithinOneFrame) {
  const double frame_s = 1.0 / 30.0;
  const SyncResult r = sync_of(person(), "noise=4");
  EXPECT_EQ(r.squats, kSanitized ? 2 : 5);
  EXPECT_LE(std::abs(r.delay_s), frame_s);
  EXPECT_LE(r.worst_centre_s, frame_s);
}

// The same measurement sees a camera whose stamps are 100 ms late (delay_ms): the test can fail.
TEST(SimCameraSync, ALateCameraIsSeenLate) {
  const SyncResult r = sync_of(person(), "noise=4,delay_ms=100");
  EXPECT_NEAR(r.delay_s, 0.100, 1.0 / 30.0);
}

}  // namespace
}  // namespace stance::test
