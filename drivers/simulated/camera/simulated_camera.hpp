#pragma once
// The simulated camera as a camera::FrameSource: it films a simulated person (SubjectModel)
// through a pinhole camera (scene_renderer.hpp), so the marker tracker, `stance knee` and a
// recorder run the whole picture path with no hardware, against known truth.
//
// Time: frame k is stamped t_s = k / rate from start(), the same origin as the simulated plate's
// samples (sample n at n / plate rate from its START_STREAM), so a frame and a plate sample of
// the same person are matched by their times. With `realtime` (the simulator's option) frames
// become ready as the wall clock (× speed) passes their stamps, and a reader that falls behind
// loses the oldest beyond its queue, as from a webcam; without, every read() returns the next
// frame at once (a virtual clock, for tests and the demo). Frames are drawn on the reader's
// thread when read: no capture thread is needed. docs/camera.md.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "camera/frame_source.hpp"
#include "simulated/camera/scene_renderer.hpp"
#include "simulated/camera/sim_camera_options.hpp"
#include "simulated/subject_model.hpp"

namespace stance::sim {

struct SimCameraPacing {
  bool realtime = false;
  double speed = 1.0;            // simulated seconds per wall-clock second
  std::size_t queue_frames = 8;  // realtime: frames kept for a reader that fell behind
};

class SimulatedCamera final : public camera::FrameSource {
 public:
  // "sim-camera:OPTIONS": the text after the colon; "help" answers with the help as the error.
  // The camera films its own person, built from the same options as a simulated plate's.
  static Result<std::unique_ptr<SimulatedCamera>> open(const std::string& options);
  // Films `subject` (not owned; it must outlive the camera), e.g. SimulatedPlate::subject() of
  // the stream being recorded. `seed` seeds the sensor noise.
  SimulatedCamera(const SubjectModel& subject, const SimCameraOptions& options,
                  const SimCameraPacing& pacing, std::uint64_t seed);
  ~SimulatedCamera() override;
  SimulatedCamera(const SimulatedCamera&) = delete;
  SimulatedCamera& operator=(const SimulatedCamera&) = delete;

  Status start() override;
  void stop() override;
  camera::CameraRead read(std::vector<camera::CameraFrame>& frames,
                          std::chrono::milliseconds timeout) override;

  const std::string& address() const override { return address_; }
  bool is_file() const override { return false; }
  double rate_hz() const override { return options_.rate_hz; }
  int width_px() const override { return options_.width_px; }
  int height_px() const override { return options_.height_px; }
  std::int64_t expected_frames() const override { return frame_count_; }
  std::uint64_t dropped_frames() const override;
  camera::CameraEnd end() const override;
  std::string end_reason() const override;

  // Truth, for tests: the person, the camera, what was drawn in the last frame handed out.
  const SubjectModel& subject() const { return *subject_; }
  const SimCameraOptions& options() const { return options_; }
  const PinholeCamera& pinhole() const { return renderer_.camera(); }
  // What frame `index` shows (its stamp, the instant of the body, where each marker was drawn),
  // without drawing anything.
  RenderedFrame truth_of(std::int64_t index) const;
  double frame_time_s(std::int64_t index) const {
    return static_cast<double>(index) / options_.rate_hz;
  }

 private:
  SimulatedCamera(std::unique_ptr<SubjectModel> owned, const SimCameraOptions& options,
                  const SimCameraPacing& pacing, std::uint64_t seed, std::string address);
  camera::CameraFrame render(std::int64_t index);
  void finish(camera::CameraEnd end, std::string reason);  // with mutex_ held

  std::unique_ptr<SubjectModel> owned_;
  const SubjectModel* subject_;
  SimCameraOptions options_;
  SimCameraPacing pacing_;
  std::string address_;
  SceneRenderer renderer_;
  std::int64_t frame_count_ = 0;  // frames until the video's end
  std::int64_t unplug_frame_ = -1;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool started_ = false, stop_requested_ = false;
  std::chrono::steady_clock::time_point started_at_{};
  std::int64_t next_ = 0;
  std::uint64_t dropped_ = 0;
  camera::CameraEnd end_ = camera::CameraEnd::kNone;
  std::string end_reason_;
};

}  // namespace stance::sim
