#pragma once
// The knee of a whole video: frames from a camera source (a file or a webcam) through the
// marker tracker into the knee analysis. The command line's `stance knee` and the tests use it;
// the live camera will use the same tracker frame by frame.
#include <string>
#include <vector>

#include "camera/camera_source.hpp"
#include "camera/frame_source.hpp"
#include "core/knee/knee_analysis.hpp"
#include "vision/marker_tracker.hpp"

namespace stance::vision {

struct KneeVideoOptions {
  TrackerOptions tracker;
  knee::KneeOptions knee;
  camera::CameraSettings camera;
  // The plate's squats on the video's time axis (seconds from its first frame); empty: from
  // the hip marker.
  std::vector<TimeInterval> plate_squats;
};

struct KneeVideo {
  knee::KneeTrial trial;
  std::string address;  // the file or camera node
  double rate_hz = 0.0;
  int width_px = 0, height_px = 0;
  std::int64_t frames_read = 0;
  std::int64_t expected_frames = -1;  // a file's announced count
  camera::CameraEnd end = camera::CameraEnd::kNone;
  std::string end_reason;
  bool cut_short = false;  // the file ended before its announced count
};

// Reads the source (a webcam, a file or the simulated camera) to its end. Errors: nothing could
// be read; no frame shows the three markers together.
Result<KneeVideo> analyze_knee_video(camera::FrameSource& source, const KneeVideoOptions& options);
// `address` as camera::open_camera takes it: a video file, a webcam node or "sim-camera:…".
Result<KneeVideo> analyze_knee_video_file(const std::string& address,
                                          const KneeVideoOptions& options = {});

}  // namespace stance::vision
