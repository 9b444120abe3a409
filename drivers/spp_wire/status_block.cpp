// The 8-byte status block (section 6).
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "spp_wire/spp_wire.hpp"
#include "spp_wire/wire.hpp"

namespace stance::spp {
namespace {

constexpr std::size_t kStreamingOffset = 0;
constexpr std::size_t kErrorFlagsOffset = 1;
constexpr std::size_t kTemperatureOffset = 2;  // i16, 0.01 degC
constexpr std::size_t kFramesDroppedOffset = 4;

constexpr double kCentidegreesPerDegree = 100.0;

}  // namespace

std::array<std::uint8_t, kStatusBlockSize> encode_status(const StatusBlock& status) {
  std::array<std::uint8_t, kStatusBlockSize> block{};
  const std::span<std::uint8_t> out(block);
  wire::put_u8(out, kStreamingOffset, status.streaming ? 1 : 0);
  wire::put_u8(out, kErrorFlagsOffset, status.error_flags);
  wire::put_i16(out, kTemperatureOffset,
                wire::round_to<std::int16_t>(status.temperature_c * kCentidegreesPerDegree));
  wire::put_u32(out, kFramesDroppedOffset, status.frames_dropped);
  return block;
}

Result<StatusBlock> decode_status(std::span<const std::uint8_t> block) {
  if (block.size() != kStatusBlockSize) {
    return Error{"status block is " + std::to_string(block.size()) +
                 " bytes; SPP version 1 sends " + std::to_string(kStatusBlockSize)};
  }
  const std::uint8_t streaming = wire::get_u8(block, kStreamingOffset);
  if (streaming > 1) {
    return Error{"status block streaming byte is " + std::to_string(streaming) +
                 " (must be 0 or 1): the status block is corrupt"};
  }
  StatusBlock status;
  status.streaming = streaming == 1;
  status.error_flags = wire::get_u8(block, kErrorFlagsOffset);
  status.temperature_c = wire::get_i16(block, kTemperatureOffset) / kCentidegreesPerDegree;
  status.frames_dropped = wire::get_u32(block, kFramesDroppedOffset);
  return status;
}

}  // namespace stance::spp
