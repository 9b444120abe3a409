#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "spp_wire/spp_wire.hpp"

namespace stance::spp {
namespace {

using ::testing::HasSubstr;

TEST(StatusBlock, FieldsAtTheDocumentedOffsets) {
  const auto block = encode_status(StatusBlock{true, 0x02, -12.34, 0x01020304});
  const std::array<std::uint8_t, kStatusBlockSize> expected{
      1,    0x02, 0x2E, 0xFB,  // -1234 centidegrees = 0xFB2E
      0x04, 0x03, 0x02, 0x01};
  EXPECT_EQ(block, expected);
}

TEST(StatusBlock, RoundTrip) {
  for (const StatusBlock& in :
       {StatusBlock{true, 0x03, 23.45, 17}, StatusBlock{false, 0x00, -5.67, 0},
        StatusBlock{false, 0xFC, 0.0, 0xFFFFFFFF}}) {
    const auto out = decode_status(encode_status(in));
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(out->streaming, in.streaming);
    EXPECT_EQ(out->error_flags, in.error_flags);
    EXPECT_DOUBLE_EQ(out->temperature_c, in.temperature_c);
    EXPECT_EQ(out->frames_dropped, in.frames_dropped);
  }
}

TEST(StatusBlock, TemperatureRoundsToHundredthsAndSaturates) {
  EXPECT_DOUBLE_EQ(decode_status(encode_status(StatusBlock{false, 0, 23.456, 0}))->temperature_c,
                   23.46);
  EXPECT_DOUBLE_EQ(decode_status(encode_status(StatusBlock{false, 0, 400.0, 0}))->temperature_c,
                   327.67);
  EXPECT_DOUBLE_EQ(decode_status(encode_status(StatusBlock{false, 0, -400.0, 0}))->temperature_c,
                   -327.68);
}

TEST(StatusBlock, RejectsWrongLength) {
  const auto block = encode_status(StatusBlock{});
  const std::vector<std::uint8_t> short_block(block.begin(), block.end() - 1);
  const auto result = decode_status(short_block);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("7 bytes"));
  EXPECT_THAT(result.error().message, HasSubstr("sends 8"));
}

TEST(StatusBlock, RejectsStreamingByteOtherThanZeroOrOne) {
  auto block = encode_status(StatusBlock{});
  block[0] = 2;
  const auto result = decode_status(block);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("streaming byte is 2"));
}

}  // namespace
}  // namespace stance::spp
