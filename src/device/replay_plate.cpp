#include "device/replay_plate.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

namespace stance {

ReplayPlate::ReplayPlate(Recording recording, double speed)
    : recording_(std::move(recording)), speed_(speed > 0.0 ? speed : 1.0) {}

std::uint16_t ReplayPlate::rate_hz() const {
  return static_cast<std::uint16_t>(std::lround(recording_.rate_hz));
}

double ReplayPlate::duration_s() const {
  return recording_.rate_hz > 0.0
             ? static_cast<double>(recording_.frames.size()) / recording_.rate_hz
             : 0.0;
}

Status ReplayPlate::set_rate(std::uint16_t rate_hz) {
  if (rate_hz == this->rate_hz()) return {};
  return Error{"a replayed trial plays at its recorded rate (" + std::to_string(this->rate_hz()) +
               " Hz)"};
}

Status ReplayPlate::start() {
  if (recording_.rate_hz <= 0.0) return Error{"the recording has no sampling rate to replay at"};
  streaming_ = true;
  started_ = std::chrono::steady_clock::now();
  next_ = next_event_ = 0;
  return {};
}

Status ReplayPlate::stop() {
  streaming_ = false;
  return {};
}

std::size_t ReplayPlate::due(std::chrono::steady_clock::time_point now) const {
  const double elapsed_s = std::chrono::duration<double>(now - started_).count();
  const double n = std::floor(elapsed_s * speed_ * recording_.rate_hz);
  return static_cast<std::size_t>(std::clamp(n, 0.0, double(recording_.frames.size())));
}

ReadStatus ReplayPlate::read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                             std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t end = due(std::chrono::steady_clock::now());
  if (!streaming_ || finished()) {
    std::this_thread::sleep_until(deadline);  // a finished replay is a silent plate
    return ReadStatus::kTimeout;
  }
  if (end <= next_) {  // sleep until the next frame is due, or the timeout
    const double next_s = static_cast<double>(next_ + 1) / (speed_ * recording_.rate_hz);
    const auto next_due =
        started_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                       std::chrono::duration<double>(next_s));
    std::this_thread::sleep_until(std::min(next_due, deadline));
    end = due(std::chrono::steady_clock::now());
    if (end <= next_) return ReadStatus::kTimeout;
  }
  const std::size_t first_out = frames.size();
  frames.insert(frames.end(), recording_.frames.begin() + static_cast<std::ptrdiff_t>(next_),
                recording_.frames.begin() + static_cast<std::ptrdiff_t>(end));
  // Events happened before the frame they point at: hand them out with that frame.
  while (next_event_ < recording_.events.size() &&
         recording_.events[next_event_].frame_index < end) {
    RecordingEvent e = recording_.events[next_event_++];
    e.frame_index = first_out + (e.frame_index >= next_ ? e.frame_index - next_ : 0);
    events.push_back(std::move(e));
  }
  next_ = end;
  return ReadStatus::kFrames;
}

PlateHealth ReplayPlate::health() const {
  PlateHealth h;
  h.stream.frames_received = next_;
  return h;
}

}  // namespace stance
