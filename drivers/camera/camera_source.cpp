#include "camera/camera_source.hpp"

#include <cmath>
#include <filesystem>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

namespace stance::camera {
namespace {

using Clock = std::chrono::steady_clock;

// OpenCV's own warnings go to stderr; a library here never prints, so they are silenced and
// every failure comes back as an Error instead.
void silence_opencv() {
  static const bool done = [] {
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    return true;
  }();
  (void)done;
}

std::string seconds_text(double s) {
  std::ostringstream out;
  out.precision(1);
  out << std::fixed << s << " s";
  return out.str();
}

}  // namespace

const char* to_string(CameraEnd end) {
  switch (end) {
    case CameraEnd::kNone:
      return "streaming";
    case CameraEnd::kStopped:
      return "stopped";
    case CameraEnd::kFileEnded:
      return "file ended";
    case CameraEnd::kDisconnected:
      return "disconnected";
  }
  return "?";
}

CameraSource::CameraSource(cv::VideoCapture capture, std::string address, bool is_file,
                           const CameraSettings& settings)
    : capture_(std::move(capture)),
      address_(std::move(address)),
      is_file_(is_file),
      settings_(settings) {
  rate_hz_ = capture_.get(cv::CAP_PROP_FPS);
  width_px_ = static_cast<int>(capture_.get(cv::CAP_PROP_FRAME_WIDTH));
  height_px_ = static_cast<int>(capture_.get(cv::CAP_PROP_FRAME_HEIGHT));
  if (is_file_) {
    const double count = capture_.get(cv::CAP_PROP_FRAME_COUNT);
    if (count > 0.0) expected_frames_ = static_cast<std::int64_t>(std::llround(count));
  }
}

Result<std::unique_ptr<CameraSource>> CameraSource::open_file(const std::string& path,
                                                              const CameraSettings& settings) {
  silence_opencv();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return Error{path + ": no such file"};
  // Named back ends only: with CAP_ANY, OpenCV also tries libgphoto2, which enumerates every USB
  // device on the machine (the plate's too) and leaks what it read.
  cv::VideoCapture capture;
  for (const int api : {cv::CAP_FFMPEG, cv::CAP_OPENCV_MJPEG}) {
    try {
      if (capture.open(path, api)) break;
    } catch (const cv::Exception&) {
    }
  }
  if (!capture.isOpened()) {
    return Error{path + ": not a video that can be read (an MJPEG AVI always can)"};
  }
  std::unique_ptr<CameraSource> source(new CameraSource(std::move(capture), path, true, settings));
  if (!(source->rate_hz_ > 0.0 && source->rate_hz_ < 1000.0)) {
    return Error{path + ": the video does not give its frame rate, so its frames have no times"};
  }
  return source;
}

Result<std::unique_ptr<CameraSource>> CameraSource::open_device(const std::string& node,
                                                                const CameraSettings& settings) {
  silence_opencv();
  std::error_code ec;
  if (!std::filesystem::exists(node, ec)) {
    return Error{node + ": no such camera (see `stance devices` for the cameras present)"};
  }
  cv::VideoCapture capture;
  try {
    capture.open(node, cv::CAP_V4L2);
  } catch (const cv::Exception&) {
  }
  if (!capture.isOpened()) {
    return Error{node +
                 ": the camera cannot be opened (in use by another program, or no "
                 "permission: is the user in the 'video' group?)"};
  }
  if (settings.mjpeg) capture.set(cv::CAP_PROP_FOURCC, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'));
  capture.set(cv::CAP_PROP_FRAME_WIDTH, settings.width_px);
  capture.set(cv::CAP_PROP_FRAME_HEIGHT, settings.height_px);
  capture.set(cv::CAP_PROP_FPS, settings.rate_hz);
  std::unique_ptr<CameraSource> source(new CameraSource(std::move(capture), node, false, settings));
  if (!(source->rate_hz_ > 0.0)) source->rate_hz_ = settings.rate_hz;  // not every driver says
  return source;
}

CameraSource::~CameraSource() {
  stop();
}

Status CameraSource::start() {
  if (thread_.joinable()) return Error{address_ + ": already started"};
  stop_requested_ = false;
  thread_ = std::thread([this] { run(); });
  return {};
}

void CameraSource::stop() {
  stop_requested_ = true;
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  finish(CameraEnd::kStopped, "stopped");
}

void CameraSource::finish(CameraEnd end, std::string reason) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (end_ != CameraEnd::kNone) return;
    end_ = end;
    end_reason_ = std::move(reason);
  }
  changed_.notify_all();
}

CameraEnd CameraSource::end() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return end_;
}

std::string CameraSource::end_reason() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return end_reason_;
}

void CameraSource::run() {
  Clock::time_point start{};
  std::int64_t index = 0;
  while (!stop_requested_) {
    CameraFrame frame;
    bool ok = false;
    try {
      ok = capture_.read(frame.bgr) && !frame.bgr.empty();
    } catch (const cv::Exception&) {
      ok = false;
    }
    if (stop_requested_) break;
    const Clock::time_point now = Clock::now();
    if (!ok) {
      const double seconds = is_file_ ? static_cast<double>(index) / rate_hz_
                                      : std::chrono::duration<double>(now - start).count();
      const std::string got = std::to_string(index) + " frames (" + seconds_text(seconds) + ")";
      if (!is_file_) {
        finish(CameraEnd::kDisconnected,
               address_ + " stopped delivering frames after " + got + ": unplugged?");
      } else if (expected_frames_ > 0 && index < expected_frames_) {
        finish(CameraEnd::kFileEnded, address_ + " ended after " + got + ", before the " +
                                          std::to_string(expected_frames_) +
                                          " frames it announces: the file is cut short");
      } else {
        finish(CameraEnd::kFileEnded, address_ + " ended after " + got);
      }
      return;
    }
    if (index == 0) start = now;
    if (frame.bgr.channels() == 1) cv::cvtColor(frame.bgr, frame.bgr, cv::COLOR_GRAY2BGR);
    frame.index = index;
    if (is_file_) {
      frame.t_s = static_cast<double>(index) / rate_hz_;
      frame.captured_at = start + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(frame.t_s));
    } else {
      frame.t_s = std::chrono::duration<double>(now - start).count();
      frame.captured_at = now;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    if (is_file_) {
      // A file waits for the caller (and for its own clock when real time).
      if (settings_.realtime) {
        changed_.wait_until(lock, frame.captured_at, [this] { return stop_requested_.load(); });
      }
      changed_.wait(lock,
                    [this] { return stop_requested_ || queue_.size() < settings_.queue_frames; });
      if (stop_requested_) break;
    } else if (queue_.size() >= settings_.queue_frames) {
      queue_.pop_front();  // a camera never waits: the oldest frame goes
      dropped_.fetch_add(1);
    }
    queue_.push_back(std::move(frame));
    lock.unlock();
    changed_.notify_all();
    ++index;
  }
  finish(CameraEnd::kStopped, "stopped");
}

CameraRead CameraSource::read(std::vector<CameraFrame>& frames, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait_for(lock, timeout, [this] { return !queue_.empty() || end_ != CameraEnd::kNone; });
  if (!queue_.empty()) {
    while (!queue_.empty()) {
      frames.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    changed_.notify_all();  // room for a file's next frames
    return CameraRead::kFrames;
  }
  return end_ != CameraEnd::kNone ? CameraRead::kEnded : CameraRead::kTimeout;
}

}  // namespace stance::camera
