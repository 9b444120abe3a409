#pragma once
// Films the three markers on a capture thread while the plate records a trial (`stance record
// --camera`): every frame through the tracker, kept as marker positions on the camera stream's
// time axis; the pictures themselves are not kept. docs/camera.md.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "camera/frame_source.hpp"
#include "core/knee/marker_frame.hpp"
#include "vision/marker_tracker.hpp"

namespace stance::vision {

class MarkerFilming {
 public:
  explicit MarkerFilming(std::unique_ptr<camera::FrameSource> source, TrackerOptions tracker = {});
  ~MarkerFilming();
  MarkerFilming(const MarkerFilming&) = delete;
  MarkerFilming& operator=(const MarkerFilming&) = delete;

  // Starts the camera and its thread: call just before the plate's trial starts, so both streams'
  // time 0 is the same moment (within the start-up of each; docs/camera.md says how close).
  Status start();
  // Reads on until the camera's frames reach `plate_end_s` (a file or the simulated camera on a
  // virtual clock run ahead of or behind the plate; a webcam is there within a frame), then stops
  // it and hands over the track. A camera that ended before (unplugged, a file that ran out) or
  // sends nothing for 2 s gives what it filmed, marked as interrupted with the reason.
  knee::MarkerTrack finish(double plate_end_s);

 private:
  void run();

  std::unique_ptr<camera::FrameSource> source_;
  MarkerTracker tracker_;
  knee::MarkerTrack track_;
  std::atomic<bool> stopping_{false};   // the destructor: stop at once
  std::atomic<bool> finishing_{false};  // finish(): stop once the frames reach end_s_
  std::atomic<double> end_s_{0.0};
  std::thread thread_;
};

// The camera of a trial: `camera` as camera::open_camera takes it; the simulated camera given as
// just "sim-camera" films the simulated plate's person (`plate_device` "sim:OPTIONS") for the
// plate's `plate_seconds`.
Result<std::unique_ptr<MarkerFilming>> open_marker_filming(const std::string& camera,
                                                           const std::string& plate_device,
                                                           double plate_seconds);

}  // namespace stance::vision
