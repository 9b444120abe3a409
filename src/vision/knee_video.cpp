#include "vision/knee_video.hpp"

#include <algorithm>

#include "camera/open_camera.hpp"

namespace stance::vision {

Result<KneeVideo> analyze_knee_video(camera::FrameSource& source, const KneeVideoOptions& o) {
  if (Status s = source.start(); !s) return s.error();
  MarkerTracker tracker(o.tracker);
  std::vector<MarkerFrame> markers;
  std::vector<camera::CameraFrame> batch;
  for (;;) {
    batch.clear();
    const camera::CameraRead r = source.read(batch, std::chrono::milliseconds(200));
    for (const camera::CameraFrame& f : batch) markers.push_back(tracker.track(f.bgr, f.t_s));
    if (r == camera::CameraRead::kEnded) break;
  }
  KneeVideo video;
  video.address = source.address();
  video.rate_hz = source.rate_hz();
  video.width_px = source.width_px();
  video.height_px = source.height_px();
  video.frames_read = static_cast<std::int64_t>(markers.size());
  video.expected_frames = source.expected_frames();
  video.end = source.end();
  video.end_reason = source.end_reason();
  video.cut_short =
      source.is_file() && video.expected_frames > 0 && video.frames_read < video.expected_frames;
  if (markers.empty()) {
    return Error{source.address() + ": no frame could be read (" + video.end_reason + ")"};
  }
  if (std::none_of(markers.begin(), markers.end(),
                   [](const MarkerFrame& f) { return f.all_found(); })) {
    return Error{source.address() + ": no markers found: none of its " +
                 std::to_string(markers.size()) +
                 " frames shows the hip, knee and ankle markers (magenta, green, blue) together; "
                 "check the light and the marker colours (docs/camera.md)"};
  }
  video.trial =
      knee::analyze_knee(markers, o.knee, o.plate_squats.empty() ? nullptr : &o.plate_squats);
  if (video.cut_short) video.trial.notes.push_back(video.end_reason);
  return video;
}

Result<KneeVideo> analyze_knee_video_file(const std::string& address, const KneeVideoOptions& o) {
  auto source = camera::open_camera(address, o.camera);
  if (!source) return source.error();
  return analyze_knee_video(**source, o);
}

}  // namespace stance::vision
