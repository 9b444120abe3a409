#include "usb_spp/stream_intake.hpp"

#include <algorithm>

#include "core/units.hpp"

namespace stance::usb {
namespace {

constexpr std::size_t kEventReserve = 256;

}  // namespace

StreamIntake::StreamIntake(int channel_count, std::size_t capacity_frames,
                           std::size_t transfer_frames)
    : channel_count_(channel_count), capacity_frames_(capacity_frames) {
  frames_.reserve(capacity_frames_);
  events_.reserve(kEventReserve);
  scratch_frames_.reserve(transfer_frames + 1);
  scratch_events_.reserve(kEventReserve);
}

void StreamIntake::reserve_transfer(std::size_t transfer_frames) {
  scratch_frames_.reserve(transfer_frames + 1);
}

void StreamIntake::start(DeviceClock::TimePoint start_sent, std::uint16_t rate_hz) {
  decoder_ = std::make_unique<spp::StreamDecoder>(channel_count_);
  decoder_->on_start_stream(last_origin_);
  rate_hz_ = rate_hz;
  clock_.start(start_sent, rate_hz);
  frames_.clear();  // a new stream: nothing of the last one is mixed into it
  events_.clear();
  transfers_ = 0;
  transfer_errors_ = 0;
  host_overflow_frames_ = 0;
}

void StreamIntake::on_transfer(std::span<const std::uint8_t> bytes,
                               DeviceClock::TimePoint arrival) {
  ++arrivals_;
  if (!decoder_) {
    learn_origin(bytes);
    return;
  }
  scratch_frames_.clear();
  scratch_events_.clear();
  decoder_->decode(bytes, scratch_frames_, scratch_events_);
  for (const RawFrame& f : scratch_frames_) (void)clock_.on_frame(f.seq, f.t_us, arrival);
  if (!scratch_frames_.empty()) last_origin_ = spp::stream_origin(scratch_frames_.back(), rate_hz_);
  ++transfers_;
  const std::size_t offset = frames_.size();
  if (offset + scratch_frames_.size() <= capacity_frames_) {
    frames_.insert(frames_.end(), scratch_frames_.begin(), scratch_frames_.end());
  } else {
    host_overflow_frames_ += scratch_frames_.size();
  }
  for (RecordingEvent& e : scratch_events_) {
    e.frame_index = std::min(e.frame_index + offset, frames_.size());
    events_.push_back(std::move(e));
  }
}

void StreamIntake::learn_origin(std::span<const std::uint8_t> bytes) {
  const std::size_t size = spp::frame_size(channel_count_);
  for (std::size_t at = 0; at + size <= bytes.size(); at += size) {
    RawFrame frame;
    if (spp::decode_frame(bytes.subspan(at), channel_count_, frame) != spp::FrameCheck::kOk) {
      continue;
    }
    if (unstarted_frame_) {
      if (const auto origin = spp::stream_origin(*unstarted_frame_, frame)) last_origin_ = origin;
    }
    unstarted_frame_ = frame;
  }
}

void StreamIntake::swap_pending(std::vector<RawFrame>& frames,
                                std::vector<RecordingEvent>& events) {
  frames_.swap(frames);
  events_.swap(events);
  // The capacity read() handed over becomes ours: keep at least what was promised.
  if (frames_.capacity() < capacity_frames_) frames_.reserve(capacity_frames_);
  if (events_.capacity() < kEventReserve) events_.reserve(kEventReserve);
}

std::uint64_t StreamIntake::previous_stream_frames() const {
  return decoder_ ? decoder_->previous_stream_frames() : 0;
}

PlateHealth StreamIntake::health() const {
  PlateHealth h;
  if (decoder_) {
    h.stream = decoder_->counters();
    h.overload_frames = decoder_->overload_frames();
    h.adc_error_frames = decoder_->adc_error_frames();
  }
  h.stream.frames_received -= host_overflow_frames_;
  h.stream.frames_lost += host_overflow_frames_;
  h.transfer_errors = transfer_errors_;
  h.mean_latency_ms = ms_from_s(clock_.mean_latency_s());
  return h;
}

}  // namespace stance::usb
