#include "simulated/camera/simulated_camera.hpp"

#include <cmath>
#include <cstdio>

#include "simulated/seeds.hpp"

namespace stance::sim {
namespace {

using Clock = std::chrono::steady_clock;
using camera::CameraEnd;
using camera::CameraRead;

std::string seconds_text(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", s);
  return text;
}

}  // namespace

Result<std::unique_ptr<SimulatedCamera>> SimulatedCamera::open(const std::string& options) {
  if (options == "help") return Error{sim_camera_options_help()};
  Result<SimCameraSetup> setup = parse_sim_camera_options(options);
  if (!setup) return setup.error();
  const SimOptions& person = setup->person;
  SimCameraPacing pacing;
  pacing.realtime = person.realtime;
  pacing.speed = person.speed;
  return std::unique_ptr<SimulatedCamera>(
      new SimulatedCamera(std::make_unique<SubjectModel>(person.subject), setup->camera, pacing,
                          derive_seed(person.seed, SeedStream::kCamera), "sim-camera:" + options));
}

SimulatedCamera::SimulatedCamera(const SubjectModel& subject, const SimCameraOptions& options,
                                 const SimCameraPacing& pacing, std::uint64_t seed)
    : subject_(&subject),
      options_(options),
      pacing_(pacing),
      address_("sim-camera"),
      renderer_(subject, options, seed) {
  const double duration_s = options_.duration_s.value_or(subject.truth().trial_end_s + 0.5);
  frame_count_ = static_cast<std::int64_t>(std::floor(duration_s * options_.rate_hz)) + 1;
  if (options_.unplug_s) {
    unplug_frame_ = static_cast<std::int64_t>(std::ceil(*options_.unplug_s * options_.rate_hz));
  }
}

SimulatedCamera::SimulatedCamera(std::unique_ptr<SubjectModel> owned,
                                 const SimCameraOptions& options, const SimCameraPacing& pacing,
                                 std::uint64_t seed, std::string address)
    : SimulatedCamera(*owned, options, pacing, seed) {
  owned_ = std::move(owned);
  address_ = std::move(address);
}

SimulatedCamera::~SimulatedCamera() {
  stop();
}

Status SimulatedCamera::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (started_) return Error{address_ + ": already started"};
  started_ = true;
  started_at_ = Clock::now();
  return {};
}

void SimulatedCamera::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_requested_ = true;
    finish(CameraEnd::kStopped, "stopped");
  }
  changed_.notify_all();
}

void SimulatedCamera::finish(CameraEnd end, std::string reason) {
  if (end_ != CameraEnd::kNone) return;
  end_ = end;
  end_reason_ = std::move(reason);
}

std::uint64_t SimulatedCamera::dropped_frames() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return dropped_;
}

CameraEnd SimulatedCamera::end() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return end_;
}

std::string SimulatedCamera::end_reason() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return end_reason_;
}

RenderedFrame SimulatedCamera::truth_of(std::int64_t index) const {
  return renderer_.truth(frame_time_s(index));
}

camera::CameraFrame SimulatedCamera::render(std::int64_t index) {
  camera::CameraFrame frame;
  frame.index = index;
  frame.t_s = frame_time_s(index);
  // The wall-clock stamp: when the frame's instant passes at the pacing's speed.
  frame.captured_at = started_at_ + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(frame.t_s / pacing_.speed));
  renderer_.render(frame.t_s, index, frame.bgr);
  return frame;
}

CameraRead SimulatedCamera::read(std::vector<camera::CameraFrame>& frames,
                                 std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  const std::int64_t last = unplug_frame_ >= 0 ? std::min(unplug_frame_, frame_count_)
                                               : frame_count_;  // frames [0, last) exist
  if (started_ && end_ == CameraEnd::kNone && next_ >= last) {
    const double got_s = static_cast<double>(next_) / options_.rate_hz;
    const std::string got = std::to_string(next_) + " frames (" + seconds_text(got_s) + ")";
    if (last < frame_count_) {
      finish(CameraEnd::kDisconnected,
             address_ + " stopped delivering frames after " + got + ": unplugged (cam_unplug_s)");
    } else {
      finish(CameraEnd::kFileEnded, address_ + ": the simulated trial ended after " + got);
    }
  }
  if (end_ != CameraEnd::kNone) return CameraRead::kEnded;
  if (!started_) {
    changed_.wait_for(lock, timeout, [this] { return stop_requested_; });
    return end_ != CameraEnd::kNone ? CameraRead::kEnded : CameraRead::kTimeout;
  }
  std::int64_t due = next_ + 1;  // the virtual clock: the next frame is always ready
  if (pacing_.realtime) {
    const auto due_at = [this](std::int64_t index) {
      return started_at_ + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(frame_time_s(index) / pacing_.speed));
    };
    changed_.wait_until(lock, std::min(due_at(next_), Clock::now() + timeout),
                        [this] { return stop_requested_; });
    if (stop_requested_) return CameraRead::kEnded;
    const double elapsed_s =
        std::chrono::duration<double>(Clock::now() - started_at_).count() * pacing_.speed;
    due = std::min(last, static_cast<std::int64_t>(std::floor(elapsed_s * options_.rate_hz)) + 1);
    if (due <= next_) return CameraRead::kTimeout;
    // A webcam keeps only its queue for a reader that fell behind: older frames are lost.
    const auto queue = static_cast<std::int64_t>(pacing_.queue_frames);
    if (due - next_ > queue) {
      dropped_ += static_cast<std::uint64_t>(due - next_ - queue);
      next_ = due - queue;
    }
  }
  const std::int64_t first = next_;
  next_ = due;
  lock.unlock();  // drawing needs no lock: only the reader's thread draws
  for (std::int64_t i = first; i < due; ++i) frames.push_back(render(i));
  return CameraRead::kFrames;
}

}  // namespace stance::sim
