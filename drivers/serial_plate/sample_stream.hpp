#pragma once
// The host-side stream rules of a serial plate: lines into RawFrames on the plate's sample grid,
// with what went wrong counted (docs/serial-plate.md, "Faults").
//   - garbled line (not a sample, not a header, too long): sync_errors; one sample lost when the
//     plate prints no time (with time, the time gap says how many were lost);
//   - lost samples: from the device time (a gap of n periods is n − 1 lost), or after a stall;
//   - reset: the device time went backwards (the plate restarted): device_resets, an event;
//   - stall: nothing for `stall_after` (seen as silence on the port or as a gap in device time):
//     counted once per silence, with an event.
#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/raw_frame.hpp"
#include "core/recording.hpp"
#include "serial_plate/line_format.hpp"

namespace stance::serial {

struct SerialCounters {
  StreamCounters stream;  // sync_errors: garbled lines
  std::uint64_t stalls = 0;
  std::uint64_t header_lines = 0;
};

class SampleStream {
 public:
  using Clock = std::chrono::steady_clock;

  SampleStream(double rate_hz, std::chrono::milliseconds stall_after);

  // A new stream: numbering from 0, counters zeroed; `now` starts the silence clock.
  void restart(Clock::time_point now);
  // One line that arrived at `arrival`; frames and events are appended (an event's frame_index
  // is frames.size() when it happened).
  void on_line(std::string_view line, bool too_long, Clock::time_point arrival,
               std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events);
  // Nothing arrived until `now`: counts a stall once the silence is long enough.
  void on_silence(Clock::time_point now, std::size_t frame_index,
                  std::vector<RecordingEvent>& events);

  const SerialCounters& counters() const { return counters_; }
  std::chrono::milliseconds stall_after() const { return stall_after_; }

 private:
  void on_garbled(std::size_t frame_index, std::vector<RecordingEvent>& events);
  void on_sample(const SampleLine& sample, Clock::time_point arrival, std::vector<RawFrame>& frames,
                 std::vector<RecordingEvent>& events);
  std::uint64_t samples_in(double seconds) const;
  void note_stall(double silent_s, std::size_t frame_index, std::vector<RecordingEvent>& events);

  double rate_hz_;
  double period_us_;
  std::chrono::milliseconds stall_after_;
  SerialCounters counters_;
  bool have_sample_ = false;
  std::uint32_t next_seq_ = 0;
  std::uint32_t last_device_t_us_ = 0;
  double t_us_ = 0.0;  // the stream's time of the last frame, µs (device time, made monotonic)
  Clock::time_point last_arrival_{};
  std::uint64_t garbled_since_sample_ = 0;
  bool in_stall_ = false;  // this silence was already counted
};

// The stall threshold for a rate: `asked`, or 250 ms / 10 sample periods, whichever is longer.
std::chrono::milliseconds stall_threshold(double rate_hz, std::chrono::milliseconds asked);

}  // namespace stance::serial
