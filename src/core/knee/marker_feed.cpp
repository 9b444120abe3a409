#include "core/knee/marker_feed.hpp"

namespace stance::knee {

MarkerTrack RecordedMarkerFeed::markers_between(double start_s, double end_s,
                                                std::chrono::milliseconds) {
  MarkerTrack out;
  out.camera = track_->camera;
  out.rate_hz = track_->rate_hz;
  out.width_px = track_->width_px;
  out.height_px = track_->height_px;
  out.interrupted = track_->interrupted;
  out.end_reason = track_->end_reason;
  for (const MarkerFrame& f : track_->frames) {
    if (f.t_s < start_s || f.t_s > end_s) continue;
    out.frames.push_back(f);
    out.frames.back().t_s -= start_s;
  }
  return out;
}

}  // namespace stance::knee
