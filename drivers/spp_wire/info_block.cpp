// The 64-byte info block (section 3): the plate's geometry and limits, in SI units on the host.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "core/units.hpp"
#include "spp_wire/spp_wire.hpp"
#include "spp_wire/wire.hpp"

namespace stance::spp {
namespace {

constexpr std::size_t kMagicOffset = 0;
constexpr std::size_t kProtocolVersionOffset = 4;
constexpr std::size_t kFirmwareVersionOffset = 6;
constexpr std::size_t kLayoutOffset = 8;
constexpr std::size_t kChannelCountOffset = 9;
constexpr std::size_t kAdcBitsOffset = 10;
constexpr std::size_t kMaxRateOffset = 12;
constexpr std::size_t kDefaultRateOffset = 14;
constexpr std::size_t kWidthOffset = 16;
constexpr std::size_t kLengthOffset = 18;
constexpr std::size_t kCellsOffset = 20;     // layout 1: 4 x (i16 x_mm, i16 y_mm)
constexpr std::size_t kOriginDzOffset = 20;  // layout 2: i32 origin_dz_um
constexpr std::size_t kCapacityOffset = 36;

constexpr double kUmPerM = 1.0e6;
constexpr int kMaxAdcBits = 32;  // counts are sign-extended to i32

std::string hex32(std::uint32_t value) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  std::string text = "0x00000000";
  for (std::size_t i = 0; i < 8; ++i) {
    text[9 - i] = kDigits[(value >> (4 * i)) & 0xFu];
  }
  return text;
}

std::string allowed_rates_text() {
  std::string text;
  for (const std::uint16_t rate : kAllowedRates_hz) {
    if (!text.empty()) text += ", ";
    text += std::to_string(rate);
  }
  return text;
}

}  // namespace

std::array<std::uint8_t, kInfoBlockSize> encode_info(const PlateInfo& info) {
  std::array<std::uint8_t, kInfoBlockSize> block{};  // reserved bytes stay 0
  const std::span<std::uint8_t> out(block);
  wire::put_u32(out, kMagicOffset, kInfoMagic);
  wire::put_u16(out, kProtocolVersionOffset, info.protocol_version);
  wire::put_u16(out, kFirmwareVersionOffset, info.firmware_version);
  wire::put_u8(out, kLayoutOffset, static_cast<std::uint8_t>(info.layout));
  wire::put_u8(out, kChannelCountOffset, static_cast<std::uint8_t>(channel_count(info.layout)));
  wire::put_u8(out, kAdcBitsOffset, info.adc_bits);
  wire::put_u16(out, kMaxRateOffset, info.max_rate_hz);
  wire::put_u16(out, kDefaultRateOffset, info.default_rate_hz);
  wire::put_u16(out, kWidthOffset, wire::round_to<std::uint16_t>(mm_from_m(info.width_m)));
  wire::put_u16(out, kLengthOffset, wire::round_to<std::uint16_t>(mm_from_m(info.length_m)));
  if (info.layout == PlateLayout::kFourCell) {
    for (std::size_t i = 0; i < info.cells.size(); ++i) {
      const std::size_t at = kCellsOffset + 4 * i;
      wire::put_i16(out, at, wire::round_to<std::int16_t>(mm_from_m(info.cells[i].x_m)));
      wire::put_i16(out, at + 2, wire::round_to<std::int16_t>(mm_from_m(info.cells[i].y_m)));
    }
  } else {
    wire::put_i32(out, kOriginDzOffset, wire::round_to<std::int32_t>(info.origin_dz_m * kUmPerM));
  }
  wire::put_u16(out, kCapacityOffset, wire::round_to<std::uint16_t>(info.capacity_n));
  return block;
}

Result<PlateInfo> decode_info(std::span<const std::uint8_t> block) {
  if (block.size() != kInfoBlockSize) {
    return Error{"info block is " + std::to_string(block.size()) + " bytes; SPP version 1 sends " +
                 std::to_string(kInfoBlockSize)};
  }
  const std::uint32_t magic = wire::get_u32(block, kMagicOffset);
  if (magic != kInfoMagic) {
    return Error{"info block has bad magic " + hex32(magic) + " (expected " + hex32(kInfoMagic) +
                 ", \"SPP1\"): this device does not speak SPP"};
  }
  PlateInfo info;
  info.protocol_version = wire::get_u16(block, kProtocolVersionOffset);
  if (info.protocol_version != kProtocolVersion) {
    return Error{"unsupported protocol version " + std::to_string(info.protocol_version) +
                 "; this Stance speaks SPP version " + std::to_string(kProtocolVersion)};
  }
  info.firmware_version = wire::get_u16(block, kFirmwareVersionOffset);

  const std::uint8_t layout = wire::get_u8(block, kLayoutOffset);
  if (layout != static_cast<std::uint8_t>(PlateLayout::kFourCell) &&
      layout != static_cast<std::uint8_t>(PlateLayout::kSixComponent)) {
    return Error{"unknown plate layout " + std::to_string(layout) +
                 " (SPP version 1 knows 1 = four load cells, 2 = six-component transducer)"};
  }
  info.layout = static_cast<PlateLayout>(layout);
  const std::uint8_t channels = wire::get_u8(block, kChannelCountOffset);
  if (channels != channel_count(info.layout)) {
    return Error{"channel_count " + std::to_string(channels) + " does not match layout " +
                 std::to_string(layout) + ", which has " +
                 std::to_string(channel_count(info.layout)) + " channels"};
  }
  info.adc_bits = wire::get_u8(block, kAdcBitsOffset);
  if (info.adc_bits == 0 || info.adc_bits > kMaxAdcBits) {
    return Error{"adc_bits " + std::to_string(info.adc_bits) + " is out of range 1.." +
                 std::to_string(kMaxAdcBits)};
  }

  info.max_rate_hz = wire::get_u16(block, kMaxRateOffset);
  if (!rate_allowed(info.max_rate_hz, info.max_rate_hz)) {
    return Error{"max_rate_hz " + std::to_string(info.max_rate_hz) + " is not an allowed rate (" +
                 allowed_rates_text() + " Hz)"};
  }
  info.default_rate_hz = wire::get_u16(block, kDefaultRateOffset);
  if (!rate_allowed(info.default_rate_hz, info.max_rate_hz)) {
    return Error{"default_rate_hz " + std::to_string(info.default_rate_hz) +
                 " is not an allowed rate (" + allowed_rates_text() + " Hz) at most max_rate_hz " +
                 std::to_string(info.max_rate_hz)};
  }

  const std::uint16_t width_mm = wire::get_u16(block, kWidthOffset);
  const std::uint16_t length_mm = wire::get_u16(block, kLengthOffset);
  if (width_mm == 0 || length_mm == 0) {
    return Error{"plate size " + std::to_string(width_mm) + " x " + std::to_string(length_mm) +
                 " mm: width and length must both be > 0"};
  }
  info.width_m = width_mm / kMmPerM;
  info.length_m = length_mm / kMmPerM;

  if (info.layout == PlateLayout::kFourCell) {
    for (std::size_t i = 0; i < info.cells.size(); ++i) {
      const std::size_t at = kCellsOffset + 4 * i;
      const std::int16_t x_mm = wire::get_i16(block, at);
      const std::int16_t y_mm = wire::get_i16(block, at + 2);
      // COP is a weighted mean of cell positions: a cell off the plate means a corrupt block.
      if (2 * std::abs(x_mm) > width_mm || 2 * std::abs(y_mm) > length_mm) {
        return Error{"load cell " + std::to_string(i) + " at (" + std::to_string(x_mm) + ", " +
                     std::to_string(y_mm) + ") mm lies outside the " + std::to_string(width_mm) +
                     " x " + std::to_string(length_mm) + " mm plate"};
      }
      info.cells[i] = CellPosition{x_mm / kMmPerM, y_mm / kMmPerM};
    }
  } else {
    const std::int32_t origin_dz_um = wire::get_i32(block, kOriginDzOffset);
    if (origin_dz_um < 0) {
      return Error{"origin_dz_um is " + std::to_string(origin_dz_um) +
                   ": the transducer origin must lie at or below the top surface (depth >= 0)"};
    }
    info.origin_dz_m = origin_dz_um / kUmPerM;
  }

  const std::uint16_t capacity_n = wire::get_u16(block, kCapacityOffset);
  if (capacity_n == 0) {
    return Error{"capacity_n is 0: the plate does not report its rated load"};
  }
  info.capacity_n = capacity_n;
  return info;
}

}  // namespace stance::spp
