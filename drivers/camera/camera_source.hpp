#pragma once
// A webcam (V4L2) or a video file read by OpenCV videoio on its own capture thread. The thread
// only grabs, decodes, stamps and queues; the caller takes frames with read(). A webcam never
// waits for the caller: when the queue is full the oldest frame is dropped and counted. A file
// is read as fast as the caller takes it (or at its own frame rate with `realtime`). The end of
// the stream (an unplugged camera, the end of the file) is reported once the queue is empty,
// with a reason a person can act on; frames read before it stay valid (the caller keeps the
// plate's trial). docs/camera.md.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <opencv2/videoio.hpp>
#include <string>
#include <thread>
#include <vector>

#include "camera/camera_frame.hpp"
#include "camera/frame_source.hpp"
#include "support/result.hpp"

namespace stance::camera {

struct CameraSettings {
  int width_px = 640, height_px = 480;
  double rate_hz = 30.0;
  bool mjpeg = true;             // ask the webcam for MJPEG (more frames/s over USB 2)
  std::size_t queue_frames = 8;  // frames held for the caller (about 0.25 s at 30 Hz)
  bool realtime = false;         // a file: deliver at its frame rate instead of as fast as read
};

class CameraSource final : public FrameSource {
 public:
  // A video file; errors: missing, not a video OpenCV can read, no frame rate.
  static Result<std::unique_ptr<CameraSource>> open_file(const std::string& path,
                                                         const CameraSettings& settings = {});
  // A webcam by its node, e.g. "/dev/video0".
  static Result<std::unique_ptr<CameraSource>> open_device(const std::string& node,
                                                           const CameraSettings& settings = {});
  ~CameraSource() override;  // stops the thread
  CameraSource(const CameraSource&) = delete;
  CameraSource& operator=(const CameraSource&) = delete;

  Status start() override;  // starts the capture thread; the stream's time 0 is its first frame
  void stop() override;

  // Appends the frames that arrived since the last call, waiting up to `timeout` for the first.
  CameraRead read(std::vector<CameraFrame>& frames, std::chrono::milliseconds timeout) override;

  bool is_file() const override { return is_file_; }
  const std::string& address() const override { return address_; }
  double rate_hz() const override { return rate_hz_; }
  int width_px() const override { return width_px_; }
  int height_px() const override { return height_px_; }
  std::int64_t expected_frames() const override { return expected_frames_; }  // a file's count; -1
  std::uint64_t dropped_frames() const override { return dropped_.load(); }
  CameraEnd end() const override;
  std::string end_reason() const override;  // empty while streaming

 private:
  CameraSource(cv::VideoCapture capture, std::string address, bool is_file,
               const CameraSettings& settings);
  void run();
  void finish(CameraEnd end, std::string reason);

  cv::VideoCapture capture_;
  const std::string address_;
  const bool is_file_;
  const CameraSettings settings_;
  double rate_hz_ = 0.0;
  int width_px_ = 0, height_px_ = 0;
  std::int64_t expected_frames_ = -1;

  std::thread thread_;
  std::atomic<bool> stop_requested_{false};
  std::atomic<std::uint64_t> dropped_{0};
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<CameraFrame> queue_;
  CameraEnd end_ = CameraEnd::kNone;
  std::string end_reason_;
};

}  // namespace stance::camera
