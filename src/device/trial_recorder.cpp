#include "device/trial_recorder.hpp"

#include <cmath>
#include <ctime>

namespace stance {
namespace {

std::uint64_t grid_samples(const PlateHealth& h) {
  return h.stream.frames_received + h.stream.frames_lost;
}

void mark_interrupted(RecordOutcome& out, const std::string& why) {
  out.interrupted = true;
  out.interruption = why;
  RecordingEvent e;
  e.kind = RecordingEventKind::kInterrupted;
  e.frame_index = out.recording.frames.size();
  e.detail = why;
  out.recording.events.push_back(e);
}

}  // namespace

std::string utc_timestamp_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string utc_timestamp_for_file_name() {
  std::string stamp = utc_timestamp_now();
  for (char& c : stamp) {
    if (c == ':') c = '-';
  }
  return stamp;
}

Result<RecordOutcome> record_trial(PlateDevice& plate, const RecordRequest& request) {
  if (!(request.seconds > 0.0)) return Error{"the recording time must be more than 0 s"};
  RecordOutcome out;
  Recording& r = out.recording;
  r.metadata = request.metadata;
  if (r.metadata.recorded_at_utc.empty()) r.metadata.recorded_at_utc = utc_timestamp_now();
  if (r.metadata.software_version.empty()) r.metadata.software_version = STANCE_VERSION;
  r.plate = plate.info();
  r.calibration = plate.calibration();
  r.tare = request.tare;
  r.rate_hz = plate.rate_hz();

  const auto target = static_cast<std::uint64_t>(std::llround(request.seconds * r.rate_hz));
  // Less than one sample period would record nothing at all (1e-9 s once wrote an empty file).
  if (target == 0) {
    return Error{"the recording time is shorter than one sample at " +
                 std::to_string(std::lround(r.rate_hz)) + " Hz: record for longer"};
  }
  r.frames.reserve(target + target / 16);
  if (Status s = plate.start(); !s) return s.error();
  // Baseline after start(): drivers reset their counters when streaming starts, so a second
  // recording on the same plate object (e.g. after a replug) still runs its full time.
  const std::uint64_t at_start = grid_samples(plate.health());

  auto last_data = std::chrono::steady_clock::now();
  std::uint64_t next_progress = 0;
  while (grid_samples(plate.health()) - at_start < target) {
    if (request.cancel != nullptr && request.cancel->load()) {
      mark_interrupted(out, "recording stopped before the requested time");
      break;
    }
    const ReadStatus status = plate.read(r.frames, r.events, std::chrono::milliseconds(100));
    if (status == ReadStatus::kDisconnected) {
      mark_interrupted(out, "the plate was unplugged during the recording");
      break;
    }
    const auto now = std::chrono::steady_clock::now();
    if (status == ReadStatus::kFrames) last_data = now;
    if (now - last_data > request.silence_timeout) {
      mark_interrupted(out, "the plate stopped sending data");
      break;
    }
    const std::uint64_t done = grid_samples(plate.health()) - at_start;
    if (request.progress && done >= next_progress) {
      request.progress(static_cast<double>(done) / r.rate_hz);
      next_progress = done + static_cast<std::uint64_t>(r.rate_hz / 10);
    }
  }
  // Frames that arrive after the requested time are kept too: nothing received is thrown away,
  // including what the driver drained from the plate while stopping it.
  if (!out.interrupted || request.cancel != nullptr) {
    (void)plate.stop();
    (void)plate.read(r.frames, r.events, std::chrono::milliseconds(0));
  }
  r.counters = plate.health().stream;
  return out;
}

}  // namespace stance
