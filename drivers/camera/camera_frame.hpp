#pragma once
// One frame from a camera or a video file, stamped on the host's steady clock: the clock the
// plate's samples are put on (drivers/usb_spp/device_clock.hpp maps every plate sample to
// std::chrono::steady_clock), so camera and plate meet on one time axis.
#include <chrono>
#include <cstdint>
#include <opencv2/core.hpp>

namespace stance::camera {

struct CameraFrame {
  std::int64_t index = 0;  // 0-based, in capture order (a webcam's dropped frames are skipped)
  double t_s = 0.0;        // seconds since the stream's first frame (a file: index / its fps)
  // A webcam: when the frame was grabbed; a file: the stream's start + t_s.
  std::chrono::steady_clock::time_point captured_at{};
  cv::Mat bgr;  // 8-bit BGR
};

// Why a stream ended.
enum class CameraEnd : std::uint8_t {
  kNone,          // still streaming (or not started)
  kStopped,       // stop() was called
  kFileEnded,     // the video file (or the simulated trial) has no more frames
  kDisconnected,  // the camera stopped delivering frames (unplugged)
};
const char* to_string(CameraEnd end);

enum class CameraRead : std::uint8_t {
  kFrames,   // frames were appended
  kTimeout,  // nothing arrived within the timeout
  kEnded,    // the stream has ended and every frame was handed out: see end_reason()
};

}  // namespace stance::camera
