#pragma once
// What a transfer callback does with the bytes: decode them with the shared
// stance::spp::StreamDecoder (every stream rule of SPP section 5), time each frame with the
// DeviceClock, and keep frames and events for read() in buffers sized up front, so that the
// steady state allocates nothing (a device-reset event's text is the one allocation). Not
// thread-safe: UsbPlate holds its data lock around every call.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/raw_frame.hpp"
#include "core/recording.hpp"
#include "device/plate_device.hpp"
#include "spp_wire/spp_wire.hpp"
#include "usb_spp/device_clock.hpp"

namespace stance::usb {

class StreamIntake {
 public:
  // `capacity_frames`: frames kept for read(); beyond them a transfer's frames are dropped and
  // counted (host_overflow_frames). `transfer_frames`: the most one transfer can carry.
  StreamIntake(int channel_count, std::size_t capacity_frames, std::size_t transfer_frames);

  // A new stream, START_STREAM sent at `start_sent`: counters, clock and buffers start afresh,
  // and frames of the last stream that still arrive are told apart by their origin and dropped.
  void start(DeviceClock::TimePoint start_sent, std::uint16_t rate_hz);
  // Makes room for transfers of up to `transfer_frames` frames (call outside callbacks).
  void reserve_transfer(std::size_t transfer_frames);

  // One transfer's bytes (whole frames; anything else is counted by the decoder). Before the
  // first start() they are frames of a stream another program left: only its origin is kept.
  void on_transfer(std::span<const std::uint8_t> bytes, DeviceClock::TimePoint arrival);
  void on_transfer_error() { ++transfer_errors_; }

  bool has_pending() const { return !frames_.empty() || !events_.empty(); }
  // Exchanges the pending frames and events with `frames` and `events`, which must be empty;
  // their capacity becomes the next pending buffers'.
  void swap_pending(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events);

  bool started() const { return decoder_ != nullptr; }
  std::uint64_t transfers() const { return transfers_; }
  // Every transfer with data, also before the first start() (never reset): to see a quiet bus.
  std::uint64_t arrivals() const { return arrivals_; }
  std::uint64_t host_overflow_frames() const { return host_overflow_frames_; }
  // Frames of the last stream that arrived after this one started (dropped).
  std::uint64_t previous_stream_frames() const;
  // Stream counters as PlateHealth has them: frames dropped for lack of room are lost.
  PlateHealth health() const;
  const DeviceClock& clock() const { return clock_; }

 private:
  int channel_count_;
  std::size_t capacity_frames_;
  std::unique_ptr<spp::StreamDecoder> decoder_;
  DeviceClock clock_;
  std::vector<RawFrame> frames_;
  std::vector<RecordingEvent> events_;
  std::vector<RawFrame> scratch_frames_;
  std::vector<RecordingEvent> scratch_events_;
  std::uint64_t transfers_ = 0;
  std::uint64_t arrivals_ = 0;
  std::uint64_t transfer_errors_ = 0;
  std::uint64_t host_overflow_frames_ = 0;
  std::uint16_t rate_hz_ = 0;
  std::optional<spp::StreamOrigin> last_origin_;  // of the last frame received
  std::optional<RawFrame> unstarted_frame_;       // the last one before the first start()

  void learn_origin(std::span<const std::uint8_t> bytes);
};

}  // namespace stance::usb
