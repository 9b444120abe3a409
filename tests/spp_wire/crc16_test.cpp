#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

#include "spp_wire/spp_wire.hpp"

namespace stance::spp {
namespace {

std::vector<std::uint8_t> ascii(std::string_view text) {
  return std::vector<std::uint8_t>(text.begin(), text.end());
}

// Bit by bit, straight from the definition: an independent check of the table-driven version.
std::uint16_t crc_by_bits(const std::vector<std::uint8_t>& bytes) {
  std::uint16_t crc = 0xFFFF;
  for (const std::uint8_t byte : bytes) {
    for (int bit = 7; bit >= 0; --bit) {
      const bool in = ((byte >> bit) & 1u) != 0;
      const bool top = (crc & 0x8000u) != 0;
      crc = static_cast<std::uint16_t>(crc << 1);
      if (in != top) crc = static_cast<std::uint16_t>(crc ^ 0x1021u);
    }
  }
  return crc;
}

TEST(Crc16, CheckValueOf123456789) {
  EXPECT_EQ(crc16_ccitt_false(ascii("123456789")), 0x29B1);
}

TEST(Crc16, EmptyInputIsTheInitialValue) {
  EXPECT_EQ(crc16_ccitt_false({}), 0xFFFF);
}

TEST(Crc16, MatchesBitwiseDefinitionOnRandomData) {
  std::mt19937 rng(1234);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 100);
  for (int round = 0; round < 500; ++round) {
    std::vector<std::uint8_t> data(static_cast<std::size_t>(length(rng)));
    for (auto& b : data) b = static_cast<std::uint8_t>(byte(rng));
    ASSERT_EQ(crc16_ccitt_false(data), crc_by_bits(data)) << "round " << round;
  }
}

}  // namespace
}  // namespace stance::spp
