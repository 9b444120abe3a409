// Marker detection and tracking on 640×480 frames (src/vision), one core: frames/s of the
// tracker following three markers (the usual case), of acquiring the leg over the whole frame
// (the first frame, or after every marker was lost), and of the HSV conversion alone. Frames are
// the tests' synthetic squat (tests/vision/synthetic_squat.hpp), rendered outside the timed loop.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "camera/camera_source.hpp"
#include "synthetic_squat.hpp"
#include "video_file.hpp"
#include "vision/colour_threshold.hpp"
#include "vision/marker_tracker.hpp"

namespace stance {
namespace {

const std::vector<cv::Mat>& frames() {
  static const std::vector<cv::Mat> all = [] {
    cv::setNumThreads(1);  // one core, as the capture thread has
    test::SceneOptions o;
    o.textured = true;
    o.distractors = {{420, 250, 9, test::kGreen}, {190, 110, 10, test::kMagenta}};
    const test::SyntheticSquat scene(o);
    std::vector<cv::Mat> out;
    for (int i = 0; i < scene.frame_count(); ++i) out.push_back(scene.render(i));
    return out;
  }();
  return all;
}

void BM_TrackThreeMarkers_640x480(benchmark::State& state) {
  const auto& f = frames();
  vision::MarkerTracker tracker;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(tracker.track(f[i % f.size()], static_cast<double>(i) / 30.0));
    if (++i % f.size() == 0) tracker.reset();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["frames_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TrackThreeMarkers_640x480)->Unit(benchmark::kMillisecond);

void BM_AcquireLegWholeFrame_640x480(benchmark::State& state) {
  const auto& f = frames();
  vision::MarkerTracker tracker;
  std::size_t i = 0;
  for (auto _ : state) {
    tracker.reset();  // every frame searched whole, as at the start
    benchmark::DoNotOptimize(tracker.track(f[i % f.size()], 0.0));
    ++i;
  }
  state.counters["frames_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AcquireLegWholeFrame_640x480)->Unit(benchmark::kMillisecond);

void BM_HsvOfWholeFrame_640x480(benchmark::State& state) {
  const auto& f = frames();
  cv::Mat hsv;
  std::size_t i = 0;
  for (auto _ : state) {
    vision::to_hsv(f[i++ % f.size()], hsv);
    benchmark::DoNotOptimize(hsv.data);
  }
  state.counters["frames_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HsvOfWholeFrame_640x480)->Unit(benchmark::kMillisecond);

// The camera source reading a 90-frame 640×480 MJPEG AVI to its end (decoding on its capture
// thread, the caller taking the frames): frames/s of decoding and handing over, wall time.
void BM_ReadMjpegFile_640x480(benchmark::State& state) {
  struct TempVideo {  // written once, removed at exit
    std::string path = "/tmp/stance-vision-bench-" + std::to_string(::getpid()) + ".avi";
    TempVideo() { test::write_mjpeg_avi(test::SyntheticSquat(test::SceneOptions{}), path, 90); }
    ~TempVideo() { std::remove(path.c_str()); }
  };
  static const TempVideo video;
  const std::string& path = video.path;
  std::int64_t frames = 0;
  for (auto _ : state) {
    auto source = camera::CameraSource::open_file(path);
    if (!source || !(*source)->start()) {
      state.SkipWithError("cannot read the benchmark's video");
      break;
    }
    std::vector<camera::CameraFrame> got;
    while ((*source)->read(got, std::chrono::milliseconds(500)) != camera::CameraRead::kEnded) {
      frames += static_cast<std::int64_t>(got.size());
      got.clear();
    }
    frames += static_cast<std::int64_t>(got.size());
  }
  state.counters["frames_per_s"] =
      benchmark::Counter(static_cast<double>(frames), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadMjpegFile_640x480)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace stance
