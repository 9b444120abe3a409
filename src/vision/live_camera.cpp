#include "vision/live_camera.hpp"

#include <algorithm>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "camera/open_camera.hpp"
#include "core/knee/fppa.hpp"
#include "simulated/camera/sim_camera_options.hpp"
#include "vision/colour_threshold.hpp"

namespace stance::vision {
namespace {

using Clock = std::chrono::steady_clock;

std::shared_ptr<const CameraPicture> picture_of(const camera::CameraFrame& frame) {
  auto p = std::make_shared<CameraPicture>();
  p->index = frame.index;
  p->width_px = frame.bgr.cols;
  p->height_px = frame.bgr.rows;
  cv::Mat rgba;
  cv::cvtColor(frame.bgr, rgba, cv::COLOR_BGR2RGBA);
  p->rgba.assign(rgba.data, rgba.data + rgba.total() * rgba.elemSize());
  return p;
}

}  // namespace

LiveCamera::LiveCamera(std::unique_ptr<camera::FrameSource> source,
                       const LiveCameraOptions& options)
    : source_(std::move(source)),
      options_(options),
      tracker_(options.tracker),
      tracker_options_(options.tracker) {
  std::lock_guard lock(mutex_);
  colours_ = options.tracker.colours;
  publish(nullptr);
}

LiveCamera::~LiveCamera() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  arrived_.notify_all();
  if (thread_.joinable()) thread_.join();  // a read waits 100 ms at most
  source_->stop();
}

Status LiveCamera::start() {
  if (thread_.joinable()) return Error{source_->address() + ": the camera is already filming"};
  if (Status s = source_->start(); !s) {
    std::lock_guard lock(mutex_);
    ended_ = true;
    end_reason_ = s.error().message;
    publish(nullptr);
    return s;
  }
  thread_ = std::thread([this] { run(); });
  return {};
}

void LiveCamera::set_limb(Limb limb) {
  std::lock_guard lock(mutex_);
  limb_ = limb;
}

std::shared_ptr<const CameraView> LiveCamera::view() const {
  std::lock_guard lock(mutex_);
  return view_;
}

Status LiveCamera::learn_colour(Marker m, int x_px, int y_px) {
  std::lock_guard lock(mutex_);
  if (newest_bgr_.empty()) return Error{"no picture yet: wait for the camera's first picture"};
  Result<HsvRange> range = vision::learn_colour(newest_bgr_, x_px, y_px);
  if (!range) return range.error();
  colours_.of(m) = *range;
  colours_changed_ = true;
  return {};
}

MarkerColours LiveCamera::colours() const {
  std::lock_guard lock(mutex_);
  return colours_;
}

void LiveCamera::set_plate_origin(TimePoint origin) {
  std::lock_guard lock(mutex_);
  plate_origin_ = origin;
}

void LiveCamera::run() {
  std::vector<camera::CameraFrame> batch;
  std::vector<Kept> tracked;
  for (;;) {
    batch.clear();
    tracked.clear();
    bool keep_pictures = false;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      keep_pictures = keep_pictures_;
      if (colours_changed_) {  // a colour learnt from a click: a new tracker acquires the leg
        tracker_options_.colours = colours_;
        tracker_ = MarkerTracker(tracker_options_);
        colours_changed_ = false;
      }
    }
    const camera::CameraRead read = source_->read(batch, std::chrono::milliseconds(100));
    for (const camera::CameraFrame& f : batch) {
      tracked.push_back({f.captured_at, f.t_s, tracker_.track(f.bgr, f.t_s), {}});
      if (keep_pictures) {
        cv::imencode(".jpg", f.bgr, tracked.back().jpeg,
                     {cv::IMWRITE_JPEG_QUALITY, options_.jpeg_quality});
      }
    }
    // Only the newest picture of a batch is shown; it is converted outside the lock.
    auto picture = batch.empty() ? nullptr : picture_of(batch.back());
    {
      std::lock_guard lock(mutex_);
      for (Kept& k : tracked) take(std::move(k));
      if (!batch.empty()) newest_bgr_ = batch.back().bgr;  // shared, not copied
      if (read == camera::CameraRead::kEnded) {
        ended_ = true;
        end_reason_ = source_->end_reason();
      }
      if (picture || ended_) {
        publish(std::move(picture),
                batch.empty() ? std::nullopt : std::optional(batch.back().captured_at));
      }
    }
    arrived_.notify_all();
    if (read == camera::CameraRead::kEnded) return;
  }
}

void LiveCamera::take(Kept k) {
  kept_.push_back(std::move(k));
  ++frames_;
  const double oldest_kept_s = kept_.back().camera_t_s - options_.keep_s;
  while (kept_.front().camera_t_s < oldest_kept_s) kept_.pop_front();
  if (keep_pictures_ && !kept_.back().jpeg.empty()) {
    Kept& newest = kept_.back();
    pictures_.push_back({newest.captured_at, newest.camera_t_s, {}, std::move(newest.jpeg)});
    // Pictures take far more room than markers: only the last keep_pictures_s of them stay.
    const double oldest_picture_s = pictures_.back().camera_t_s - options_.keep_pictures_s;
    while (pictures_.front().camera_t_s < oldest_picture_s) pictures_.pop_front();
  }
}

void LiveCamera::set_keep_pictures(bool keep) {
  std::lock_guard lock(mutex_);
  keep_pictures_ = keep;
  if (!keep) pictures_.clear();
}

std::shared_ptr<const knee::KeptVideo> LiveCamera::pictures_between(double start_s, double end_s) {
  std::lock_guard lock(mutex_);
  if (!keep_pictures_) return nullptr;
  auto video = std::make_shared<knee::KeptVideo>();
  video->camera = source_->address();
  video->rate_hz = source_->rate_hz();
  video->width_px = source_->width_px();
  video->height_px = source_->height_px();
  for (const Kept& k : pictures_) {
    const std::optional<double> t_s = plate_time_s(k);
    if (!t_s || *t_s < start_s || *t_s > end_s) continue;
    video->pictures.push_back({*t_s - start_s, k.jpeg});
  }
  return video;
}

std::optional<double> LiveCamera::plate_time_s(const Kept& k) const {
  if (options_.on_plate_clock) return k.camera_t_s;
  if (!plate_origin_) return std::nullopt;  // the plate has not streamed yet
  return std::chrono::duration<double>(k.captured_at - *plate_origin_).count();
}

std::optional<double> LiveCamera::newest_plate_time_s() const {
  if (kept_.empty()) return std::nullopt;
  return plate_time_s(kept_.back());
}

void LiveCamera::publish(std::shared_ptr<const CameraPicture> picture,
                         std::optional<Clock::time_point> captured_at) {
  if (captured_at) {
    const double ms =
        std::chrono::duration<double, std::milli>(Clock::now() - *captured_at).count();
    delay_sum_ms_ += ms;
    delay_max_ms_ = std::max(delay_max_ms_, ms);
    ++delays_;
  }
  auto v = std::make_shared<CameraView>();
  if (delays_ > 0) {
    v->capture_to_view_mean_ms = delay_sum_ms_ / static_cast<double>(delays_);
    v->capture_to_view_max_ms = delay_max_ms_;
  }
  v->address = source_->address();
  v->streaming = !ended_ && frames_ > 0;
  if (ended_) {
    v->problem = end_reason_.empty() ? "the camera stopped" : end_reason_;
  } else if (frames_ == 0) {
    v->problem = "waiting for the camera's first picture";
  }
  v->rate_hz = source_->rate_hz();
  v->frames = frames_;
  v->dropped = source_->dropped_frames();
  v->limb = limb_;
  v->picture = picture ? std::move(picture) : (view_ ? view_->picture : nullptr);
  if (!kept_.empty()) {
    const Kept& newest = kept_.back();
    v->markers = newest.markers;
    v->markers.t_s = plate_time_s(newest).value_or(newest.camera_t_s);
    v->fppa_deg = knee::fppa_deg(newest.markers, limb_);
    const std::optional<double> now_s = plate_time_s(newest);
    for (auto k = kept_.rbegin(); now_s && k != kept_.rend(); ++k) {
      const double t_s = *plate_time_s(*k);
      if (t_s < *now_s - options_.trace_s) break;
      if (auto fppa = knee::fppa_deg(k->markers, limb_)) v->trace.push_back({t_s, *fppa});
    }
    std::reverse(v->trace.begin(), v->trace.end());
  }
  view_ = std::move(v);
}

knee::MarkerTrack LiveCamera::markers_between(double start_s, double end_s,
                                              std::chrono::milliseconds settle) {
  std::unique_lock lock(mutex_);
  // Wait while frames keep coming and have not reached the end; a camera that sends nothing
  // for `settle` is not waited for any longer.
  while (settle.count() > 0 && !ended_ && !stopping_) {
    const std::optional<double> newest = newest_plate_time_s();
    if (newest && *newest >= end_s) break;
    const std::uint64_t before = frames_;
    if (!arrived_.wait_for(lock, settle,
                           [&] { return frames_ != before || ended_ || stopping_; })) {
      break;
    }
  }
  knee::MarkerTrack track;
  track.camera = source_->address();
  track.rate_hz = source_->rate_hz();
  track.width_px = source_->width_px();
  track.height_px = source_->height_px();
  for (const Kept& k : kept_) {
    const std::optional<double> t_s = plate_time_s(k);
    if (!t_s || *t_s < start_s || *t_s > end_s) continue;
    knee::MarkerFrame f = k.markers;
    f.t_s = *t_s - start_s;
    track.frames.push_back(f);
  }
  // Finished trials only: did the camera film to the end (within a frame and a half)?
  const double frame_s = track.rate_hz > 0 ? 1.0 / track.rate_hz : 0.1;
  const std::optional<double> newest = newest_plate_time_s();
  if (settle.count() > 0 && (!newest || *newest < end_s - 1.5 * frame_s)) {
    track.interrupted = true;
    if (ended_) {
      track.end_reason = end_reason_;
    } else if (!newest) {
      track.end_reason = track.camera + " filmed nothing of the trial";
    } else {
      track.end_reason = track.camera + " sent no frame for the trial's last " +
                         std::to_string(static_cast<int>(end_s - *newest)) + " s";
    }
  }
  return track;
}

Result<std::unique_ptr<LiveCamera>> open_live_camera(const std::string& camera_address,
                                                     const std::string& plate_address) {
  std::string address = camera_address;
  LiveCameraOptions options;
  if (auto paired = camera::sim_camera_filming_plate(camera_address, plate_address)) {
    // It films the plate's own person, from the plate's start on its clock.
    options.on_plate_clock = true;
    auto setup = sim::parse_sim_camera_options(paired->substr(paired->find(':') + 1));
    if (!setup) return setup.error();
    // Realtime, it films as long as a plate streams (its longest, an hour); on a virtual clock,
    // to the simulated trial's end (it would otherwise draw an hour of frames at once).
    address = setup->person.realtime ? camera::with_sim_camera_duration(*paired, 3600) : *paired;
  }
  auto source = camera::open_camera(address, {});
  if (!source) return source.error();
  return std::make_unique<LiveCamera>(std::move(*source), options);
}

}  // namespace stance::vision
