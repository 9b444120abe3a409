// The simulated camera (drivers/simulated/camera) drawing 640×480 frames of the simulated person
// in a squat, one core: the whole frame as the camera hands it out (posture, room, body, markers,
// blur, noise), its parts, and drawing plus the marker tracker (the picture path of the demo
// and the tests). Figures in docs/performance.md.
#include <benchmark/benchmark.h>

#include <opencv2/core.hpp>

#include "simulated/camera/body_figure.hpp"
#include "simulated/camera/scene_renderer.hpp"
#include "vision/marker_tracker.hpp"

namespace stance {
namespace {

// The person of the camera's tests: squats of 0.12 m, a patellofemoral-pain knee.
const sim::SimCameraSetup& setup() {
  static const sim::SimCameraSetup s = [] {
    cv::setNumThreads(1);
    auto parsed = sim::parse_sim_camera_options("task=squat,depth_m=0.12,preset=pfp,seed=13");
    return parsed ? *parsed : sim::SimCameraSetup{};
  }();
  return s;
}

const sim::SubjectModel& person() {
  static const sim::SubjectModel p(setup().person.subject);
  return p;
}

// Frame times cycle through a squat (3 s to 8 s), 30 frames/s.
double frame_time_s(std::int64_t i) {
  return 3.0 + static_cast<double>(i % 150) / 30.0;
}

void render_frames(benchmark::State& state, const sim::SimCameraOptions& options) {
  sim::SceneRenderer renderer(person(), options, 1);
  cv::Mat bgr;
  std::int64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(renderer.render(frame_time_s(i), i, bgr));
    ++i;
  }
  state.counters["frames_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_SimCameraFrame_640x480(benchmark::State& state) {
  render_frames(state, setup().camera);  // defaults: noise SD 3, blur sigma 0.7 px
}
BENCHMARK(BM_SimCameraFrame_640x480)->Unit(benchmark::kMillisecond);

void BM_SimCameraFrameNoNoiseNoBlur_640x480(benchmark::State& state) {
  sim::SimCameraOptions o = setup().camera;
  o.noise_sd = 0.0;
  o.blur_px = 0.0;
  render_frames(state, o);
}
BENCHMARK(BM_SimCameraFrameNoNoiseNoBlur_640x480)->Unit(benchmark::kMillisecond);

void BM_SimCameraFrameNoNoise_640x480(benchmark::State& state) {
  sim::SimCameraOptions o = setup().camera;
  o.noise_sd = 0.0;
  render_frames(state, o);
}
BENCHMARK(BM_SimCameraFrameNoNoise_640x480)->Unit(benchmark::kMillisecond);

void BM_SimCameraBodyPosture(benchmark::State& state) {
  std::int64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(sim::body_figure(person(), frame_time_s(i++)));
}
BENCHMARK(BM_SimCameraBodyPosture)->Unit(benchmark::kMicrosecond);

void BM_SimCameraRoom_640x480(benchmark::State& state) {
  for (auto _ : state) {
    const sim::SceneRenderer renderer(person(), setup().camera, 1);  // draws the room once
    benchmark::DoNotOptimize(&renderer);
  }
}
BENCHMARK(BM_SimCameraRoom_640x480)->Unit(benchmark::kMillisecond);

void BM_SimCameraFrameAndTracking_640x480(benchmark::State& state) {
  sim::SceneRenderer renderer(person(), setup().camera, 1);
  vision::MarkerTracker tracker;
  cv::Mat bgr;
  std::int64_t i = 0;
  for (auto _ : state) {
    renderer.render(frame_time_s(i), i, bgr);
    benchmark::DoNotOptimize(tracker.track(bgr, frame_time_s(i)));
    ++i;
  }
  state.counters["frames_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimCameraFrameAndTracking_640x480)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace stance
