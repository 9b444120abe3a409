#pragma once
// One interface for every camera: a webcam or a video file (CameraSource) and the simulated
// camera that films the simulated person (drivers/simulated/camera). The consumer (the marker
// tracker, `stance knee`, a recorder) takes frames the same way from either; each source keeps
// its own pacing (a capture thread and queue for the real one, the clock for the simulated one),
// so no queue logic is repeated in the consumer. docs/camera.md.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "camera/camera_frame.hpp"
#include "support/result.hpp"

namespace stance::camera {

class FrameSource {
 public:
  virtual ~FrameSource() = default;

  // Starts the stream; its time 0 (t_s of the first frame) is this moment.
  virtual Status start() = 0;
  virtual void stop() = 0;
  // Appends the frames that are ready, waiting up to `timeout` for the first; kEnded once the
  // stream has ended and every frame was handed out (see end() and end_reason()).
  virtual CameraRead read(std::vector<CameraFrame>& frames, std::chrono::milliseconds timeout) = 0;

  virtual const std::string& address() const = 0;
  virtual bool is_file() const = 0;  // a recorded video: its end is its length
  virtual double rate_hz() const = 0;
  virtual int width_px() const = 0;
  virtual int height_px() const = 0;
  virtual std::int64_t expected_frames() const = 0;  // -1 when not known in advance
  virtual std::uint64_t dropped_frames() const = 0;  // frames the reader was too late for
  virtual CameraEnd end() const = 0;
  virtual std::string end_reason() const = 0;  // empty while streaming
};

}  // namespace stance::camera
