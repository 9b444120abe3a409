// CRC-16/CCITT-FALSE, table-driven: the stream decoder runs it over every frame.
#include <array>
#include <cstdint>
#include <span>

#include "spp_wire/spp_wire.hpp"

namespace stance::spp {
namespace {

constexpr std::uint32_t kPolynomial = 0x1021;
constexpr std::uint32_t kInitial = 0xFFFF;

// Entry b is the CRC register after shifting the byte b through it from zero, MSB first.
constexpr std::array<std::uint16_t, 256> make_table() {
  std::array<std::uint16_t, 256> table{};
  for (std::uint32_t byte = 0; byte < table.size(); ++byte) {
    std::uint32_t crc = byte << 8;
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 0x8000u) != 0 ? (crc << 1) ^ kPolynomial : crc << 1;
    }
    table[byte] = static_cast<std::uint16_t>(crc & 0xFFFFu);
  }
  return table;
}

constexpr std::array<std::uint16_t, 256> kTable = make_table();

}  // namespace

std::uint16_t crc16_ccitt_false(std::span<const std::uint8_t> bytes) {
  std::uint32_t crc = kInitial;
  for (const std::uint8_t byte : bytes) {
    crc = ((crc << 8) ^ kTable[((crc >> 8) ^ byte) & 0xFFu]) & 0xFFFFu;
  }
  return static_cast<std::uint16_t>(crc);
}

}  // namespace stance::spp
