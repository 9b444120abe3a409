#pragma once
// SPP v1 (../shared/protocol/spp-usb.md) as bytes: frames, the info, calibration and status
// blocks, and the stream rules of section 5. No USB here, so it is unit-testable and shared by the
// simulated plate (which emits real SPP bytes) and the USB driver.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/plate.hpp"
#include "core/raw_frame.hpp"
#include "core/recording.hpp"
#include "support/result.hpp"

namespace stance::spp {

inline constexpr std::uint16_t kSync = 0xA55A;
inline constexpr std::uint32_t kInfoMagic = 0x31505053;  // "SPP1"
inline constexpr std::uint16_t kProtocolVersion = 1;
inline constexpr std::size_t kInfoBlockSize = 64;
inline constexpr std::size_t kStatusBlockSize = 8;
inline constexpr std::array<std::uint16_t, 6> kAllowedRates_hz{100, 200, 250, 500, 1000, 2000};

enum class Request : std::uint8_t {
  kGetInfo = 0x01,
  kGetCalibration = 0x02,
  kSetRate = 0x03,
  kStartStream = 0x04,
  kStopStream = 0x05,
  kGetStatus = 0x06,
};

// CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor.
std::uint16_t crc16_ccitt_false(std::span<const std::uint8_t> bytes);

// Channel counts outside 0..kMaxChannels are clamped everywhere in this layer, so a wrong count
// can never index past RawFrame::counts; SPP itself only uses 4 and 6.
constexpr int clamp_channel_count(int channel_count) {
  return channel_count < 0 ? 0 : (channel_count > kMaxChannels ? kMaxChannels : channel_count);
}
constexpr std::size_t frame_size(int channel_count) {
  return 12 + 4 * static_cast<std::size_t>(clamp_channel_count(channel_count)) + 4;
}
constexpr std::size_t calibration_block_size(PlateLayout layout) {
  return layout == PlateLayout::kFourCell ? 40 : 176;
}
// True for one of kAllowedRates_hz that is at most max_rate_hz.
bool rate_allowed(std::uint16_t rate_hz, std::uint16_t max_rate_hz);

// Appends one frame (sync, flags, seq, t_us, counts, crc, reserved).
void encode_frame(const RawFrame& frame, int channel_count, std::vector<std::uint8_t>& out);

enum class FrameCheck : std::uint8_t {
  kOk,
  kTooShort,  // fewer than frame_size(channel_count) bytes
  kBadSync,
  kBadCrc,
};
// Checks and decodes the frame at the start of `bytes` (only its first frame_size bytes are
// read). `frame` is written only when the result is kOk; counts past channel_count are 0.
FrameCheck decode_frame(std::span<const std::uint8_t> bytes, int channel_count, RawFrame& frame);

// Info block. Strings (manufacturer, product, serial) are USB string descriptors, not in it.
// Lengths in metres go to whole millimetres (cells too) and origin_dz_m to micrometres, rounded
// to nearest and saturated at the field's range. decode_info checks every field it can (length,
// magic, version, layout, channel count, ADC bits, rates, size, capacity, cell positions, dz) and
// says what is wrong in the error; reserved bytes are ignored.
std::array<std::uint8_t, kInfoBlockSize> encode_info(const PlateInfo& info);
Result<PlateInfo> decode_info(std::span<const std::uint8_t> block);

// Layout 1 uses gain_n_per_count and zero_counts[0..3]; layout 2 matrix and zero_counts[0..5].
// decode_calibration rejects a wrong length, non-finite values, a zero gain (layout 1) and an
// all-zero matrix row (layout 2): those plates are not calibrated and would read 0 N silently.
std::vector<std::uint8_t> encode_calibration(PlateLayout layout, const Calibration& calibration);
Result<Calibration> decode_calibration(PlateLayout layout, std::span<const std::uint8_t> block);

struct StatusBlock {
  bool streaming = false;
  std::uint8_t error_flags = 0;  // bit 0 ADC fault, bit 1 calibration checksum bad
  double temperature_c = 0.0;
  std::uint32_t frames_dropped = 0;
};
// Temperature goes in 0.01 degC steps, rounded and saturated to i16. decode_status rejects a
// wrong length and a streaming byte other than 0 or 1.
std::array<std::uint8_t, kStatusBlockSize> encode_status(const StatusBlock& status);
Result<StatusBlock> decode_status(std::span<const std::uint8_t> block);

// Which stream a frame belongs to. SPP frames carry no stream id and START_STREAM has no
// acknowledgement, but a plate samples frame seq k of a stream at t0 + k * period on its own
// clock (t_us), and START_STREAM restarts seq at 0: every frame of one stream gives the same t0,
// and a later stream's t0 is later. So a frame of the last stream that arrives after the next
// START_STREAM (a slow host) is told apart by its t0, whatever the timing.
struct StreamOrigin {
  std::uint32_t t0_us = 0;  // device time of seq 0, modulo 2^32
  std::uint32_t period_us = 0;
};
// The origin of the stream `frame` came from, sampled at `rate_hz`.
StreamOrigin stream_origin(const RawFrame& frame, std::uint16_t rate_hz);
// The origin of a stream whose rate is not known (one another program started), from two of its
// frames, `earlier` received before `later`; none unless they fit one whole period.
std::optional<StreamOrigin> stream_origin(const RawFrame& earlier, const RawFrame& later);
// True when `frame` was sampled on that stream's timeline (within half a period).
bool belongs_to(const StreamOrigin& origin, const RawFrame& frame);

// Host side of the stream rules (section 5), one per plate. Feed it each IN transfer's bytes.
// It allocates nothing itself apart from appending to the output vectors, so it may run inside
// a USB callback.
class StreamDecoder {
 public:
  explicit StreamDecoder(int channel_count);

  // Call when this host sends START_STREAM: the next frame is expected to have seq 0 (seq k > 0
  // means k frames were lost), and seq 0 is then not a device reset. Without it, the first frame
  // the decoder sees sets the expected sequence (a host joining a plate that already streams).
  // `previous`: the origin of the stream this host had before; until this stream's first frame,
  // frames of that stream (still queued in the plate or on the bus) are dropped and counted in
  // previous_stream_frames(), never taken for this stream's.
  void on_start_stream(std::optional<StreamOrigin> previous = std::nullopt);

  // Decodes whole frames from one transfer and appends them to `frames`.
  // - A bad sync word is one sync error; the decoder then looks for 0xA55A at the next frame
  //   boundaries of its own frame size, counts a resync if a whole frame starts there, else
  //   drops the rest of the transfer. A trailing partial frame is dropped as a sync error.
  // - A bad CRC is one crc error and that frame is skipped.
  //   A transfer with such errors gets one kStreamError event at frames.size() of its first
  //   error, whose count is the number of sync + crc errors counted in that transfer.
  // - seq gaps are counted in frames_lost (wrap 0xFFFFFFFF -> 0 is no gap). seq going back to a
  //   small value (< 65536) is a device reset: counted, a kDeviceReset event at frames.size()
  //   before that frame, and the frame is kept (seq k > 0 there also counts k lost frames). Any
  //   other backward seq is a stale or duplicate frame: counted in stale_frames and dropped.
  // - Frames flagged overloaded or ADC error are kept with their flags and counted.
  // counters().frames_received counts exactly the frames appended.
  void decode(std::span<const std::uint8_t> transfer, std::vector<RawFrame>& frames,
              std::vector<RecordingEvent>& events);

  const StreamCounters& counters() const { return counters_; }
  std::uint64_t overload_frames() const { return overload_frames_; }
  std::uint64_t adc_error_frames() const { return adc_error_frames_; }
  std::uint64_t previous_stream_frames() const { return previous_stream_frames_; }

 private:
  void accept(const RawFrame& frame, std::vector<RawFrame>& frames,
              std::vector<RecordingEvent>& events);

  int channel_count_;
  std::size_t frame_size_;
  bool have_expected_seq_ = false;  // false until on_start_stream() or the first frame
  std::uint32_t next_seq_ = 0;
  std::uint32_t last_seq_ = 0;            // of the last accepted frame, for the reset event's text
  std::optional<StreamOrigin> previous_;  // until this stream's first frame
  std::uint64_t previous_stream_frames_ = 0;
  StreamCounters counters_;
  std::uint64_t overload_frames_ = 0;
  std::uint64_t adc_error_frames_ = 0;
};

}  // namespace stance::spp
