#include "vision/marker_filming.hpp"

#include <chrono>
#include <vector>

#include "camera/open_camera.hpp"

namespace stance::vision {

MarkerFilming::MarkerFilming(std::unique_ptr<camera::FrameSource> source, TrackerOptions tracker)
    : source_(std::move(source)), tracker_(tracker) {
  track_.camera = source_->address();
}

MarkerFilming::~MarkerFilming() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

Status MarkerFilming::start() {
  if (Status s = source_->start(); !s) return s;
  track_.rate_hz = source_->rate_hz();
  track_.width_px = source_->width_px();
  track_.height_px = source_->height_px();
  thread_ = std::thread([this] { run(); });
  return Status{};
}

void MarkerFilming::run() {
  constexpr int kIdleReadsAllowed = 20;  // 2 s of 100 ms reads with no frame, once finishing
  std::vector<camera::CameraFrame> batch;
  int idle_reads = 0;
  while (!stopping_) {
    if (finishing_ && !track_.frames.empty() && track_.frames.back().t_s >= end_s_) return;
    batch.clear();
    const camera::CameraRead r = source_->read(batch, std::chrono::milliseconds(100));
    for (const camera::CameraFrame& f : batch)
      track_.frames.push_back(tracker_.track(f.bgr, f.t_s));
    if (r == camera::CameraRead::kEnded) {
      track_.interrupted = true;
      track_.end_reason = source_->end_reason();
      return;
    }
    idle_reads = batch.empty() ? idle_reads + 1 : 0;
    if (finishing_ && idle_reads > kIdleReadsAllowed) {
      track_.interrupted = true;
      track_.end_reason = source_->address() + " sent no frame for 2 s";
      return;
    }
  }
}

knee::MarkerTrack MarkerFilming::finish(double plate_end_s) {
  end_s_ = plate_end_s;
  finishing_ = true;
  if (thread_.joinable()) thread_.join();
  source_->stop();
  return std::move(track_);
}

Result<std::unique_ptr<MarkerFilming>> open_marker_filming(const std::string& camera_address,
                                                           const std::string& plate_device,
                                                           double plate_seconds) {
  std::string address = camera_address;
  if (address == camera::kSimCameraScheme) {
    address = camera::sim_camera_filming_plate(address, plate_device).value_or(address);
  }
  // The simulated camera films as long as the plate records (its own default ends with the
  // person's squats).
  if (camera::is_sim_camera_address(address) && plate_seconds > 0) {
    address = camera::with_sim_camera_duration(address, plate_seconds + 0.5);
  }
  auto source = camera::open_camera(address, {});
  if (!source) return source.error();
  return std::make_unique<MarkerFilming>(std::move(*source));
}

}  // namespace stance::vision
