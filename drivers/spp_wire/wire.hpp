#pragma once
// Internal to stance_spp_wire: SPP fields are little-endian at fixed offsets. These helpers
// pack and unpack them byte by byte, so the host's byte order and struct layout never matter.
// Callers check the block length first; the helpers do not.
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

namespace stance::spp::wire {

static_assert(std::numeric_limits<float>::is_iec559 && sizeof(float) == 4,
              "SPP f32 fields are IEEE 754 binary32");

inline void put_u8(std::span<std::uint8_t> out, std::size_t offset, std::uint8_t value) {
  out[offset] = value;
}
inline void put_u16(std::span<std::uint8_t> out, std::size_t offset, std::uint16_t value) {
  out[offset] = static_cast<std::uint8_t>(value & 0xFFu);
  out[offset + 1] = static_cast<std::uint8_t>(value >> 8);
}
inline void put_u32(std::span<std::uint8_t> out, std::size_t offset, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) {
    out[offset + i] = static_cast<std::uint8_t>((value >> (8 * i)) & 0xFFu);
  }
}
// Signed values travel as two's complement; the unsigned conversion is exact (C++20).
inline void put_i16(std::span<std::uint8_t> out, std::size_t offset, std::int16_t value) {
  put_u16(out, offset, static_cast<std::uint16_t>(value));
}
inline void put_i32(std::span<std::uint8_t> out, std::size_t offset, std::int32_t value) {
  put_u32(out, offset, static_cast<std::uint32_t>(value));
}
inline void put_f32(std::span<std::uint8_t> out, std::size_t offset, float value) {
  put_u32(out, offset, std::bit_cast<std::uint32_t>(value));
}

inline std::uint8_t get_u8(std::span<const std::uint8_t> in, std::size_t offset) {
  return in[offset];
}
inline std::uint16_t get_u16(std::span<const std::uint8_t> in, std::size_t offset) {
  return static_cast<std::uint16_t>(in[offset] | (in[offset + 1] << 8));
}
inline std::uint32_t get_u32(std::span<const std::uint8_t> in, std::size_t offset) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value |= static_cast<std::uint32_t>(in[offset + i]) << (8 * i);
  }
  return value;
}
inline std::int16_t get_i16(std::span<const std::uint8_t> in, std::size_t offset) {
  return static_cast<std::int16_t>(get_u16(in, offset));
}
inline std::int32_t get_i32(std::span<const std::uint8_t> in, std::size_t offset) {
  return static_cast<std::int32_t>(get_u32(in, offset));
}
inline float get_f32(std::span<const std::uint8_t> in, std::size_t offset) {
  return std::bit_cast<float>(get_u32(in, offset));
}

// Rounds an SI-derived value to the nearest wire integer, saturating at the type's range (NaN
// gives 0): a double-to-integer cast out of range would be undefined behaviour.
template <typename Int>
Int round_to(double value) {
  constexpr double kLowest = static_cast<double>(std::numeric_limits<Int>::min());
  constexpr double kHighest = static_cast<double>(std::numeric_limits<Int>::max());
  if (std::isnan(value)) return 0;
  const double rounded = std::round(value);
  if (rounded <= kLowest) return std::numeric_limits<Int>::min();
  if (rounded >= kHighest) return std::numeric_limits<Int>::max();
  return static_cast<Int>(rounded);
}

}  // namespace stance::spp::wire
