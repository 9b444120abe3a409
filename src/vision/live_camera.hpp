#pragma once
// The dashboard's camera: it films the three markers for the whole visit on its own thread,
// publishes what the screen shows (the newest picture with its markers and FPPA, the FPPA trace
// on the plate's time axis) and gives the live session the markers of every trial it records
// (knee::MarkerFeed). The pictures are shown and not kept, unless the session keeps video (the
// clinic's switch and the patient's consent): then each is JPEG-compressed on the camera's
// thread and the trial's are handed over at its end. docs/dashboard.md, "The camera".
//
// Time: a webcam's frames are stamped on the steady clock and placed on the plate's time axis
// through the origin the live session estimates (frame − origin). The simulated camera paired
// with the simulated plate films that plate's person from the same start: its own frame times are
// the plate's (on_plate_clock), at any simulated speed.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "camera/frame_source.hpp"
#include "core/knee/marker_feed.hpp"
#include "core/recording.hpp"
#include "vision/marker_tracker.hpp"

namespace stance::vision {

// A picture ready for the screen: 8-bit RGBA rows, top first.
struct CameraPicture {
  std::int64_t index = 0;  // the camera frame it is
  int width_px = 0, height_px = 0;
  std::vector<std::uint8_t> rgba;
};

struct FppaPoint {
  double t_s = 0.0;  // plate time
  double fppa_deg = 0.0;
};

// What the screen shows of the camera, published after every frame (an immutable snapshot).
struct CameraView {
  std::string address;
  bool streaming = false;
  std::string problem;  // why there are no pictures (not started yet, unplugged, ended)
  double rate_hz = 0.0;
  std::uint64_t frames = 0, dropped = 0;
  Limb limb = Limb::kUnspecified;  // the FPPA's sign is that limb's (knee/fppa.hpp)
  std::shared_ptr<const CameraPicture> picture;
  knee::MarkerFrame markers;  // of the newest frame, t_s on the plate's time axis
  std::optional<double> fppa_deg;
  std::vector<FppaPoint> trace;  // the last trace_s, oldest first (frames with an FPPA)
  // From a frame's capture stamp to its picture in a snapshot (tracking, conversion), over the
  // pictures so far: the screen shows it at its next display frame.
  double capture_to_view_mean_ms = 0.0, capture_to_view_max_ms = 0.0;
};

struct LiveCameraOptions {
  TrackerOptions tracker;
  bool on_plate_clock = false;    // the camera's frame times are the plate's (the paired simulator)
  double keep_s = 300.0;          // marker frames kept for trials (longer than any trial)
  double trace_s = 60.0;          // the FPPA trace shown (the force plot's span)
  double keep_pictures_s = 90.0;  // pictures kept while keeping video (a trial is ≤ 60 s)
  int jpeg_quality = 85;
};

class LiveCamera final : public knee::MarkerFeed {
 public:
  LiveCamera(std::unique_ptr<camera::FrameSource> source, const LiveCameraOptions& options);
  ~LiveCamera() override;  // stops the thread and the camera
  LiveCamera(const LiveCamera&) = delete;
  LiveCamera& operator=(const LiveCamera&) = delete;

  Status start();            // the camera and its thread
  void set_limb(Limb limb);  // the limb tested now: the FPPA's sign
  // Learns marker `m`'s colour from a click on the newest picture (pixels), and tracks with it
  // from the next frame (colour_threshold.hpp says what makes a click unusable).
  Status learn_colour(Marker m, int x_px, int y_px);
  MarkerColours colours() const;
  std::shared_ptr<const CameraView> view() const;

  // Keeps the pictures (for the session of a consenting patient) or drops the kept ones.
  void set_keep_pictures(bool keep);

  void set_plate_origin(TimePoint origin) override;
  knee::MarkerTrack markers_between(double start_s, double end_s,
                                    std::chrono::milliseconds settle) override;
  std::shared_ptr<const knee::KeptVideo> pictures_between(double start_s, double end_s) override;

 private:
  struct Kept {
    std::chrono::steady_clock::time_point captured_at;
    double camera_t_s = 0.0;
    knee::MarkerFrame markers;       // t_s: the camera's own time
    std::vector<std::uint8_t> jpeg;  // the picture, while keeping video (moved to pictures_)
  };

  void run();
  // With mutex_ held:
  void take(Kept k);
  // null: the last one stays; `captured_at` is the new picture's stamp
  void publish(std::shared_ptr<const CameraPicture> picture,
               std::optional<std::chrono::steady_clock::time_point> captured_at = std::nullopt);
  std::optional<double> plate_time_s(const Kept& k) const;
  std::optional<double> newest_plate_time_s() const;

  std::unique_ptr<camera::FrameSource> source_;
  const LiveCameraOptions options_;
  MarkerTracker tracker_;  // the camera thread's alone
  TrackerOptions tracker_options_;
  std::thread thread_;

  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  bool stopping_ = false, ended_ = false;
  std::string end_reason_;
  std::optional<TimePoint> plate_origin_;
  cv::Mat newest_bgr_;            // for a colour click
  MarkerColours colours_;         // the tracker's, as learnt
  bool colours_changed_ = false;  // the camera thread takes them before its next frame
  Limb limb_ = Limb::kUnspecified;
  std::deque<Kept> kept_;
  bool keep_pictures_ = false;
  std::deque<Kept> pictures_;  // while keeping video: the last keep_pictures_s (no markers)
  std::uint64_t frames_ = 0;
  double delay_sum_ms_ = 0.0, delay_max_ms_ = 0.0;
  std::uint64_t delays_ = 0;
  std::shared_ptr<const CameraView> view_;
};

// The camera beside the plate at `plate_address` ("sim:…" or a real plate). "sim-camera" alone
// beside the simulated plate films that plate's person on its clock for as long as the plate
// streams; any other address is opened as camera::open_camera does.
Result<std::unique_ptr<LiveCamera>> open_live_camera(const std::string& camera_address,
                                                     const std::string& plate_address);

}  // namespace stance::vision
