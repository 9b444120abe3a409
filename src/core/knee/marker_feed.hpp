#pragma once
// A camera filming the three markers beside a live plate (the dashboard's camera,
// src/vision/live_camera.hpp). The live session records the plate; when it records a trial, it
// asks the feed for the markers filmed during it, so the trial's one analysis measures the knee
// on the plate's squats. Times are the plate stream's: the live session's plate time (seconds
// from the stream's first sample).
#include <chrono>
#include <memory>

#include "core/knee/kept_video.hpp"
#include "core/knee/marker_frame.hpp"

namespace stance::knee {

class MarkerFeed {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~MarkerFeed() = default;

  // Where the plate stream's time 0 lies on the steady clock (the clock camera frames are
  // stamped on), as the live session knows it best: told again whenever the estimate improves.
  virtual void set_plate_origin(TimePoint origin) = 0;

  // The markers filmed from plate time `start_s` to `end_s`, with times from `start_s` (the
  // trial's time axis). `settle`: how long to wait for frames up to `end_s` still on their way
  // (0 while the trial is still going, for its live figures). A camera that stopped before
  // `end_s` gives what it filmed, marked as interrupted with the reason.
  virtual MarkerTrack markers_between(double start_s, double end_s,
                                      std::chrono::milliseconds settle) = 0;

  // The pictures filmed from `start_s` to `end_s` (asked after markers_between with a settle),
  // when this feed keeps pictures (video keeping with the patient's consent); else nullptr.
  virtual std::shared_ptr<const KeptVideo> pictures_between(double /*start_s*/, double /*end_s*/) {
    return nullptr;
  }
};

// A stored trial's markers played back beside its replayed plate: the replay's plate time is
// the trial's own time axis.
class RecordedMarkerFeed final : public MarkerFeed {
 public:
  explicit RecordedMarkerFeed(std::shared_ptr<const MarkerTrack> track)
      : track_(std::move(track)) {}
  void set_plate_origin(TimePoint) override {}
  MarkerTrack markers_between(double start_s, double end_s,
                              std::chrono::milliseconds settle) override;

 private:
  std::shared_ptr<const MarkerTrack> track_;
};

}  // namespace stance::knee
