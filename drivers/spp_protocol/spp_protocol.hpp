#pragma once
// SPP v1 (../shared/protocol/spp-usb.md) as bytes: frames, the info, calibration and status
// blocks, and the stream rules of section 5. No USB here, so it is unit-testable and shared by the
// simulated plate (which emits real SPP bytes) and the USB driver.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/plate.hpp"
#include "core/raw_frame.hpp"
#include "core/recording.hpp"
#include "core/result.hpp"

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

constexpr std::size_t frame_size(int channel_count) {
  return 12 + 4 * static_cast<std::size_t>(channel_count) + 4;
}
constexpr std::size_t calibration_block_size(PlateLayout layout) {
  return layout == PlateLayout::kFourCell ? 40 : 176;
}
bool rate_allowed(std::uint16_t rate_hz, std::uint16_t max_rate_hz);

// Appends one frame (sync, flags, seq, t_us, counts, crc, reserved).
void encode_frame(const RawFrame& frame, int channel_count, std::vector<std::uint8_t>& out);

// Info block. Strings (manufacturer, product, serial) are USB string descriptors, not in it.
std::array<std::uint8_t, kInfoBlockSize> encode_info(const PlateInfo& info);
Result<PlateInfo> decode_info(std::span<const std::uint8_t> block);

std::vector<std::uint8_t> encode_calibration(PlateLayout layout, const Calibration& calibration);
Result<Calibration> decode_calibration(PlateLayout layout, std::span<const std::uint8_t> block);

struct StatusBlock {
  bool streaming = false;
  std::uint8_t error_flags = 0;  // bit 0 ADC fault, bit 1 calibration checksum bad
  double temperature_c = 0.0;
  std::uint32_t frames_dropped = 0;
};
std::array<std::uint8_t, kStatusBlockSize> encode_status(const StatusBlock& status);
Result<StatusBlock> decode_status(std::span<const std::uint8_t> block);

// Host side of the stream rules (section 5), one per plate. Feed it each IN transfer's bytes.
class StreamDecoder {
 public:
  explicit StreamDecoder(int channel_count);

  // Call when this host sends START_STREAM: the next frame's seq 0 is then not a device reset.
  void on_start_stream();

  // Decodes whole frames from one transfer and appends them to `frames`. Bad sync and CRC
  // errors are counted and skipped (resynchronising on the next 0xA55A at a frame boundary);
  // seq gaps are counted as lost frames; seq going back without on_start_stream() is a device
  // reset, reported as a kDeviceReset event whose frame_index is frames.size() at that point.
  void decode(std::span<const std::uint8_t> transfer, std::vector<RawFrame>& frames,
              std::vector<RecordingEvent>& events);

  const StreamCounters& counters() const { return counters_; }
  std::uint64_t overload_frames() const { return overload_frames_; }
  std::uint64_t adc_error_frames() const { return adc_error_frames_; }

 private:
  int channel_count_;
  bool expect_restart_ = true;
  bool have_previous_ = false;
  std::uint32_t next_seq_ = 0;
  StreamCounters counters_;
  std::uint64_t overload_frames_ = 0;
  std::uint64_t adc_error_frames_ = 0;
};

}  // namespace stance::spp
