#include "serial_plate/sample_stream.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace stance::serial {
namespace {

// Device times are the low 32 bits of a microsecond clock: a step "backwards" by less than half
// the range is a wrap forwards; more is the clock starting again.
constexpr std::uint32_t kBackwards = 0x80000000u;

void add_event(std::vector<RecordingEvent>& events, RecordingEventKind kind, std::size_t index,
               std::uint32_t count, std::string detail) {
  RecordingEvent e;
  e.kind = kind;
  e.frame_index = index;
  e.count = count;
  e.detail = std::move(detail);
  events.push_back(std::move(e));
}

}  // namespace

std::chrono::milliseconds stall_threshold(double rate_hz, std::chrono::milliseconds asked) {
  if (asked.count() > 0) return asked;
  const auto ten_periods = std::chrono::milliseconds(static_cast<long>(std::ceil(1e4 / rate_hz)));
  return std::max(std::chrono::milliseconds(250), ten_periods);
}

SampleStream::SampleStream(double rate_hz, std::chrono::milliseconds stall_after)
    : rate_hz_(rate_hz),
      period_us_(1e6 / rate_hz),
      stall_after_(stall_threshold(rate_hz, stall_after)) {}

void SampleStream::restart(Clock::time_point now) {
  counters_ = {};
  have_sample_ = false;
  next_seq_ = 0;
  last_device_t_us_ = 0;
  t_us_ = 0.0;
  last_arrival_ = now;
  garbled_since_sample_ = 0;
  in_stall_ = false;
}

std::uint64_t SampleStream::samples_in(double seconds) const {
  return static_cast<std::uint64_t>(std::llround(std::max(0.0, seconds) * rate_hz_));
}

void SampleStream::on_line(std::string_view line, bool too_long, Clock::time_point arrival,
                           std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events) {
  if (too_long) {
    on_garbled(frames.size(), events);
    return;
  }
  const ParsedLine parsed = parse_plate_line(line);
  switch (parsed.kind) {
    case LineKind::kEmpty:
      return;
    case LineKind::kHeader:
      ++counters_.header_lines;  // repeated by the firmware every few seconds; not a fault
      return;
    case LineKind::kGarbled:
      on_garbled(frames.size(), events);
      return;
    case LineKind::kSample:
      on_sample(parsed.sample, arrival, frames, events);
      return;
  }
}

void SampleStream::on_garbled(std::size_t frame_index, std::vector<RecordingEvent>& events) {
  ++counters_.stream.sync_errors;
  ++garbled_since_sample_;
  // One event per stretch of garbled lines between two samples.
  if (!events.empty() && events.back().kind == RecordingEventKind::kStreamError &&
      events.back().frame_index == frame_index && events.back().detail == "garbled lines") {
    ++events.back().count;
    return;
  }
  add_event(events, RecordingEventKind::kStreamError, frame_index, 1, "garbled lines");
}

void SampleStream::note_stall(double silent_s, std::size_t frame_index,
                              std::vector<RecordingEvent>& events) {
  if (in_stall_) return;
  in_stall_ = true;
  ++counters_.stalls;
  add_event(
      events, RecordingEventKind::kStreamError, frame_index, 1,
      "stall: nothing from the plate for " + std::to_string(std::lround(silent_s * 1000)) + " ms");
}

void SampleStream::on_silence(Clock::time_point now, std::size_t frame_index,
                              std::vector<RecordingEvent>& events) {
  if (!have_sample_) return;  // not started yet: the recorder's own silence limit decides
  const std::chrono::duration<double> silent = now - last_arrival_;
  if (silent >= stall_after_) note_stall(silent.count(), frame_index, events);
}

void SampleStream::on_sample(const SampleLine& sample, Clock::time_point arrival,
                             std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events) {
  const double host_gap_s = std::chrono::duration<double>(arrival - last_arrival_).count();
  const double stall_s = std::chrono::duration<double>(stall_after_).count();
  std::uint64_t lost = 0;
  bool reset = false;
  if (have_sample_ && sample.has_time) {
    const std::uint32_t dt_us = sample.t_us - last_device_t_us_;
    if (dt_us >= kBackwards) {
      reset = true;
    } else {
      const std::uint64_t steps = std::max<std::uint64_t>(1, samples_in(dt_us * 1e-6));
      lost = steps - 1;
      if (dt_us * 1e-6 >= stall_s) note_stall(dt_us * 1e-6, frames.size(), events);
    }
  } else if (have_sample_) {
    lost = garbled_since_sample_;  // each garbled line was a sample
  }
  if (have_sample_ && (reset || !sample.has_time) && host_gap_s >= stall_s) {
    // No device time to go by: the silence on the port says how long the plate was away.
    note_stall(host_gap_s, frames.size(), events);
    lost = std::max(lost, samples_in(host_gap_s) - 1);
  }
  if (reset) {
    ++counters_.stream.device_resets;
    add_event(events, RecordingEventKind::kDeviceReset, frames.size(), 0,
              "the plate restarted (its clock went back)");
  }
  RawFrame f;
  f.seq = next_seq_ + static_cast<std::uint32_t>(lost);
  if (!have_sample_) {
    t_us_ = 0.0;
  } else if (sample.has_time && !reset) {
    t_us_ += static_cast<double>(sample.t_us - last_device_t_us_);
  } else {
    t_us_ += static_cast<double>(lost + 1) * period_us_;
  }
  f.t_us = static_cast<std::uint32_t>(std::llround(t_us_));
  for (int i = 0; i < kCells; ++i) f.counts[i] = sample.counts[i];
  frames.push_back(f);

  counters_.stream.frames_received += 1;
  counters_.stream.frames_lost += lost;
  next_seq_ = f.seq + 1;
  last_device_t_us_ = sample.t_us;
  last_arrival_ = arrival;
  have_sample_ = true;
  garbled_since_sample_ = 0;
  in_stall_ = false;
}

}  // namespace stance::serial
