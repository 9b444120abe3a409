// Section 5's host rules: frames out of transfers, with sync/CRC errors, lost frames and device
// resets counted. Runs in the USB callback: it allocates only by appending to its outputs.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "spp_wire/spp_wire.hpp"
#include "spp_wire/wire.hpp"

namespace stance::spp {
namespace {

// seq - expected, modulo 2^32, at or above this means seq went backwards.
constexpr std::uint32_t kBackwards = 0x80000000u;
// A device that resets counts from 0 again; a backward seq below this is a fresh count (a few
// frames after the reset may be lost), anything higher is an old frame arriving late.
constexpr std::uint32_t kResetSeqLimit = 0x10000u;

// Fits in std::string's small buffer: recording the error allocates only the event slot.
constexpr const char* kStreamErrorDetail = "bad sync or CRC";

// Offset of the next frame boundary after `from` where a whole frame starts with the sync word,
// or transfer.size() if there is none.
std::size_t next_sync(std::span<const std::uint8_t> transfer, std::size_t from,
                      std::size_t frame_bytes) {
  for (std::size_t at = from + frame_bytes; at + frame_bytes <= transfer.size();
       at += frame_bytes) {
    if (wire::get_u16(transfer, at) == kSync) return at;
  }
  return transfer.size();
}

std::string reset_detail(std::uint32_t from_seq, std::uint32_t to_seq) {
  char text[64];
  char* end = text;
  const auto append = [&](const char* literal) {
    while (*literal != '\0') *end++ = *literal++;
  };
  append("device reset: seq went back from ");
  end = std::to_chars(end, text + sizeof text, from_seq).ptr;
  append(" to ");
  end = std::to_chars(end, text + sizeof text, to_seq).ptr;
  return std::string(text, end);
}

}  // namespace

StreamDecoder::StreamDecoder(int channel_count)
    : channel_count_(clamp_channel_count(channel_count)), frame_size_(frame_size(channel_count_)) {}

void StreamDecoder::on_start_stream(std::optional<StreamOrigin> previous) {
  have_expected_seq_ = true;
  next_seq_ = 0;
  previous_ = previous;
}

void StreamDecoder::decode(std::span<const std::uint8_t> transfer, std::vector<RawFrame>& frames,
                           std::vector<RecordingEvent>& events) {
  // One kStreamError event per transfer, placed at its first error and counting all of them.
  std::size_t error_event = 0;
  bool have_error_event = false;
  const auto note_error = [&] {
    if (have_error_event) {
      ++events[error_event].count;
      return;
    }
    events.push_back(
        RecordingEvent{RecordingEventKind::kStreamError, frames.size(), 1, kStreamErrorDetail});
    error_event = events.size() - 1;
    have_error_event = true;
  };

  std::size_t at = 0;
  while (at < transfer.size()) {
    RawFrame frame;
    switch (decode_frame(transfer.subspan(at), channel_count_, frame)) {
      case FrameCheck::kOk:
        accept(frame, frames, events);
        at += frame_size_;
        break;
      case FrameCheck::kBadCrc:
        ++counters_.crc_errors;
        note_error();
        at += frame_size_;
        break;
      case FrameCheck::kBadSync:
        ++counters_.sync_errors;
        note_error();
        at = next_sync(transfer, at, frame_size_);
        if (at < transfer.size()) ++counters_.resyncs;
        break;
      case FrameCheck::kTooShort:  // a device never splits a frame: these bytes are not one
        ++counters_.sync_errors;
        note_error();
        at = transfer.size();
        break;
    }
  }
}

void StreamDecoder::accept(const RawFrame& frame, std::vector<RawFrame>& frames,
                           std::vector<RecordingEvent>& events) {
  if (previous_) {
    if (belongs_to(*previous_, frame)) {
      ++previous_stream_frames_;
      return;
    }
    previous_.reset();  // the plate sends in order: the last stream's frames are all behind
  }
  if (have_expected_seq_) {
    const std::uint32_t ahead = frame.seq - next_seq_;  // modular: the wrap is no gap
    if (ahead >= kBackwards) {
      if (frame.seq >= kResetSeqLimit) {
        ++counters_.stale_frames;
        return;
      }
      // Like after START_STREAM: the device counted from 0 again, so seq k means k frames lost.
      ++counters_.device_resets;
      counters_.frames_lost += frame.seq;
      events.push_back(RecordingEvent{RecordingEventKind::kDeviceReset, frames.size(), 0,
                                      reset_detail(last_seq_, frame.seq)});
    } else {
      counters_.frames_lost += ahead;
    }
  }
  have_expected_seq_ = true;
  next_seq_ = frame.seq + 1;
  last_seq_ = frame.seq;

  ++counters_.frames_received;
  if ((frame.flags & frame_flag::kOverloadMask) != 0) ++overload_frames_;
  if ((frame.flags & frame_flag::kAdcError) != 0) ++adc_error_frames_;
  frames.push_back(frame);
}

}  // namespace stance::spp
