#include "sim_camera_test_util.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/knee/fppa.hpp"

namespace stance::test {

Filmed film(const std::string& options, const vision::TrackerOptions& tracker_options) {
  Filmed f;
  auto camera = sim::SimulatedCamera::open("realtime=0," + options);
  if (!camera) {
    ADD_FAILURE() << options << ": " << camera.error().message;
    return f;
  }
  f.camera = std::move(*camera);
  vision::MarkerTracker tracker(tracker_options);
  EXPECT_TRUE(f.camera->start().ok());
  std::vector<camera::CameraFrame> batch;
  for (;;) {
    batch.clear();
    const camera::CameraRead r = f.camera->read(batch, std::chrono::milliseconds(100));
    for (const camera::CameraFrame& frame : batch) {
      f.markers.push_back(tracker.track(frame.bgr, frame.t_s));
      f.drawn.push_back(f.camera->truth_of(frame.index));
    }
    if (r == camera::CameraRead::kEnded) break;
  }
  return f;
}

std::vector<RepTruth> rep_truth(const sim::SubjectModel& subject) {
  std::vector<RepTruth> out;
  for (const sim::SquatRepTruth& rep : subject.truth().reps) {
    RepTruth t;
    t.start_s = rep.start_s;
    t.bottom_s = rep.bottom_s;
    t.end_s = rep.end_s;
    t.peak_markers_deg = t.peak_joints_deg = -1e9;
    for (double s = rep.start_s; s <= rep.end_s; s += 0.002) {
      const sim::BodyTruthSample b = subject.body_at(s);
      t.peak_markers_deg = std::max(t.peak_markers_deg, b.fppa_markers_deg);
      t.peak_joints_deg = std::max(t.peak_joints_deg, b.fppa_deg);
    }
    out.push_back(t);
  }
  return out;
}

std::optional<double> drawn_fppa_deg(const sim::RenderedFrame& frame, Limb limb) {
  const auto& m = frame.markers;
  if (!m[0] || !m[1] || !m[2]) return std::nullopt;
  const auto px = [](const sim::ImagePoint& p) { return knee::PointPx{p.u_px, p.v_px}; };
  return knee::fppa_deg(px(*m[0]), px(*m[1]), px(*m[2]), limb);
}

std::optional<double> picture_peak_deg(const sim::SimulatedCamera& camera, Limb limb,
                                       double start_s, double end_s) {
  std::optional<double> peak;
  for (std::int64_t i = 0; i < camera.expected_frames(); ++i) {
    const double t = camera.frame_time_s(i);
    if (t < start_s || t > end_s) continue;
    if (const auto a = drawn_fppa_deg(camera.truth_of(i), limb)) {
      peak = std::max(peak.value_or(*a), *a);
    }
  }
  return peak;
}

}  // namespace stance::test
