#pragma once
// The live plate: one processing thread reads the plate, calibrates every frame, runs the trial
// flow, records trials, computes the live figures and publishes a snapshot for the UI; the UI
// (or a test) sends commands and takes finished trials. The UI thread never waits on the device:
// every call here returns at once.
//
//   LiveSession live(std::move(plate), adjustment.tare);
//   live.begin_trial(plan);         // may be queued before start()
//   live.start();
//   auto snapshot = live.snapshot();   // any thread, any time
//   while (auto trial = live.take_completed_trial()) store(*trial);
#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/calibration.hpp"
#include "core/knee/marker_feed.hpp"
#include "device/plate_device.hpp"
#include "live/force_columns.hpp"
#include "live/live_metrics.hpp"
#include "live/live_snapshot.hpp"
#include "live/trial_flow.hpp"

namespace stance::live {

struct LiveOptions {
  double force_window_s = 60.0;  // the force plot's span
  int force_columns = 600;
  double trace_rate_hz = 100.0;   // COP trace points per second
  double idle_trace_s = 10.0;     // COP trace shown when no trial is recording
  double metrics_every_s = 0.25;  // live figures, plate time
  double publish_hz = 60.0;  // snapshots per second with no frames (also every batch, every change)
  std::chrono::milliseconds read_timeout{20};
  std::chrono::milliseconds restart_every{500};  // after an unplug: try to stream again
  std::string calibration_text;                  // the adjustment in use, for the device view
  // A camera filming the markers beside the plate: every trial recorded keeps the markers filmed
  // during it, and its analysis measures the knee on them (docs/dashboard.md, "The camera").
  std::shared_ptr<knee::MarkerFeed> camera;
};

class LiveSession {
 public:
  LiveSession(std::unique_ptr<PlateDevice> plate, const Tare& adjustment,
              const LiveOptions& options = {});
  ~LiveSession();  // stops the thread and the plate; a trial in progress is kept, interrupted
  LiveSession(const LiveSession&) = delete;
  LiveSession& operator=(const LiveSession&) = delete;

  void start();  // starts the processing thread (and the plate's stream)

  // Commands, carried out by the processing thread in order.
  void begin_trial(const TrialPlan& plan);  // replaces a trial not yet recording
  void start_now();                         // manual start of the planned trial
  void cancel_trial();                      // a recording in progress is kept, interrupted

  std::shared_ptr<const LiveSnapshot> snapshot() const;
  std::optional<CompletedTrial> take_completed_trial();

 private:
  struct Command {
    enum class Kind : std::uint8_t { kBegin, kStartNow, kCancel } kind;
    TrialPlan plan;
  };

  void run();
  void run_commands();
  void on_frames(std::chrono::steady_clock::time_point arrival);
  void on_disconnect();
  void try_restart();
  void begin_recording();
  void finish_trial(bool interrupted, const std::string& why);
  void update_metrics();
  void publish();
  double frame_time_s(const RawFrame& frame);
  void estimate_plate_origin(std::chrono::steady_clock::time_point arrival);
  void attach_markers(std::chrono::milliseconds settle);

  std::unique_ptr<PlateDevice> plate_;
  const Tare adjustment_;
  const LiveOptions options_;
  const CountsCalibrator calibrator_;
  const double rate_hz_;

  std::thread thread_;
  std::atomic<bool> stop_{false};
  mutable std::mutex commands_mutex_;
  std::vector<Command> commands_;
  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const LiveSnapshot> snapshot_;
  std::mutex completed_mutex_;
  std::deque<CompletedTrial> completed_;

  // Processing-thread state.
  bool streaming_ = false, connected_ = true;
  std::string device_error_;
  std::chrono::steady_clock::time_point last_restart_{}, last_publish_{}, newest_arrival_{};
  std::vector<RawFrame> frames_;
  std::vector<RecordingEvent> events_;
  bool have_seq_ = false;
  std::uint32_t last_seq_ = 0;
  double plate_time_s_ = 0.0;
  // The stream's time 0 on the steady clock: the earliest arrival minus its plate time (a frame
  // cannot arrive before it was sampled), for the camera. Unset after every (re)start.
  std::optional<std::chrono::steady_clock::time_point> plate_origin_;
  double fz_n_ = 0.0;
  CopPoint cop_{};
  ForceColumns force_;
  std::deque<CopSample> idle_trace_;
  std::vector<CopSample> trial_trace_;
  std::uint64_t samples_seen_ = 0;
  std::optional<TrialFlow> flow_;
  std::optional<Recording> recording_;  // the trial being recorded
  double next_metrics_s_ = 0.0;
  LiveMetrics metrics_;
  std::shared_ptr<const CompletedTrial> last_trial_;
  std::uint64_t sequence_ = 0;
  // Arrival of the oldest frame not yet in a snapshot: it waits the longest.
  std::optional<std::chrono::steady_clock::time_point> oldest_unpublished_arrival_;
  double delay_sum_ms_ = 0.0, delay_max_ms_ = 0.0;
  std::uint64_t delay_count_ = 0;
  bool changed_ = true;
};

}  // namespace stance::live
