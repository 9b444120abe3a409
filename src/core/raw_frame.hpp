#pragma once
// One sampled frame as the plate sent it (SPP section 5), after sync and CRC were checked.
#include <array>
#include <cstdint>

#include "core/plate.hpp"

namespace stance {

// SPP frame flag bits.
namespace frame_flag {
inline constexpr std::uint16_t kOverloadMask = 0x003F;    // bits 0..5: channel 0..5 at full scale
inline constexpr std::uint16_t kAdcError = 1u << 8;       // counts are stale: never use them
inline constexpr std::uint16_t kDeviceDropped = 1u << 9;  // the device dropped frames before this
}  // namespace frame_flag

struct RawFrame {
  std::uint32_t seq = 0;
  std::uint32_t t_us = 0;
  std::uint16_t flags = 0;
  std::array<std::int32_t, kMaxChannels> counts{};
};

}  // namespace stance
