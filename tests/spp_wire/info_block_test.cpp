#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "spp_wire/spp_wire.hpp"

namespace stance::spp {
namespace {

using ::testing::HasSubstr;

PlateInfo four_cell_info() {
  PlateInfo info;
  info.firmware_version = 0x0203;
  info.layout = PlateLayout::kFourCell;
  info.adc_bits = 24;
  info.max_rate_hz = 2000;
  info.default_rate_hz = 1000;
  info.width_m = 0.4;
  info.length_m = 0.6;
  info.cells = {CellPosition{-0.18, -0.28}, CellPosition{0.18, -0.28}, CellPosition{0.18, 0.28},
                CellPosition{-0.18, 0.28}};
  info.capacity_n = 2500.0;
  return info;
}

PlateInfo six_component_info() {
  PlateInfo info;
  info.firmware_version = 0x0100;
  info.layout = PlateLayout::kSixComponent;
  info.adc_bits = 16;
  info.max_rate_hz = 1000;
  info.default_rate_hz = 500;
  info.width_m = 0.464;
  info.length_m = 0.508;
  info.origin_dz_m = 0.0405;
  info.capacity_n = 8900.0;
  return info;
}

void expect_same_info(const PlateInfo& got, const PlateInfo& want) {
  EXPECT_EQ(got.protocol_version, want.protocol_version);
  EXPECT_EQ(got.firmware_version, want.firmware_version);
  EXPECT_EQ(got.layout, want.layout);
  EXPECT_EQ(got.adc_bits, want.adc_bits);
  EXPECT_EQ(got.max_rate_hz, want.max_rate_hz);
  EXPECT_EQ(got.default_rate_hz, want.default_rate_hz);
  EXPECT_DOUBLE_EQ(got.width_m, want.width_m);
  EXPECT_DOUBLE_EQ(got.length_m, want.length_m);
  for (std::size_t i = 0; i < want.cells.size(); ++i) {
    EXPECT_DOUBLE_EQ(got.cells[i].x_m, want.cells[i].x_m) << "cell " << i;
    EXPECT_DOUBLE_EQ(got.cells[i].y_m, want.cells[i].y_m) << "cell " << i;
  }
  EXPECT_DOUBLE_EQ(got.origin_dz_m, want.origin_dz_m);
  EXPECT_DOUBLE_EQ(got.capacity_n, want.capacity_n);
}

std::uint16_t u16_at(const std::array<std::uint8_t, kInfoBlockSize>& block, std::size_t at) {
  return static_cast<std::uint16_t>(block[at] | (block[at + 1] << 8));
}
void set_u16(std::array<std::uint8_t, kInfoBlockSize>& block, std::size_t at, std::uint16_t v) {
  block[at] = static_cast<std::uint8_t>(v & 0xFF);
  block[at + 1] = static_cast<std::uint8_t>(v >> 8);
}
void set_i32(std::array<std::uint8_t, kInfoBlockSize>& block, std::size_t at, std::int32_t v) {
  const auto u = static_cast<std::uint32_t>(v);
  for (std::size_t i = 0; i < 4; ++i) block[at + i] = static_cast<std::uint8_t>(u >> (8 * i));
}

std::string decode_error(const std::array<std::uint8_t, kInfoBlockSize>& block) {
  const Result<PlateInfo> result = decode_info(block);
  if (result.ok()) return "(decoded fine)";
  return result.error().message;
}

TEST(InfoBlock, FourCellLayoutIsAtTheDocumentedOffsets) {
  const auto block = encode_info(four_cell_info());
  EXPECT_EQ(block[0], 'S');  // magic 0x31505053 is "SPP1" in memory order
  EXPECT_EQ(block[1], 'P');
  EXPECT_EQ(block[2], 'P');
  EXPECT_EQ(block[3], '1');
  EXPECT_EQ(u16_at(block, 4), 1);
  EXPECT_EQ(u16_at(block, 6), 0x0203);
  EXPECT_EQ(block[8], 1);
  EXPECT_EQ(block[9], 4);
  EXPECT_EQ(block[10], 24);
  EXPECT_EQ(block[11], 0);
  EXPECT_EQ(u16_at(block, 12), 2000);
  EXPECT_EQ(u16_at(block, 14), 1000);
  EXPECT_EQ(u16_at(block, 16), 400);
  EXPECT_EQ(u16_at(block, 18), 600);
  EXPECT_EQ(static_cast<std::int16_t>(u16_at(block, 20)), -180);  // cell 0 x_mm
  EXPECT_EQ(static_cast<std::int16_t>(u16_at(block, 22)), -280);  // cell 0 y_mm
  EXPECT_EQ(static_cast<std::int16_t>(u16_at(block, 32)), -180);  // cell 3 x_mm
  EXPECT_EQ(static_cast<std::int16_t>(u16_at(block, 34)), 280);   // cell 3 y_mm
  EXPECT_EQ(u16_at(block, 36), 2500);
  for (std::size_t at = 38; at < kInfoBlockSize; ++at) EXPECT_EQ(block[at], 0) << at;
}

TEST(InfoBlock, SixComponentLayoutCarriesDepthInMicrometres) {
  const auto block = encode_info(six_component_info());
  EXPECT_EQ(block[8], 2);
  EXPECT_EQ(block[9], 6);
  const std::uint32_t dz_um =
      u16_at(block, 20) | (static_cast<std::uint32_t>(u16_at(block, 22)) << 16);
  EXPECT_EQ(dz_um, 40500u);
  for (std::size_t at = 24; at < 36; ++at) EXPECT_EQ(block[at], 0) << at;
}

TEST(InfoBlock, RoundTripFourCell) {
  const auto decoded = decode_info(encode_info(four_cell_info()));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  expect_same_info(*decoded, four_cell_info());
  EXPECT_TRUE(decoded->serial.empty());  // strings come from USB descriptors
}

TEST(InfoBlock, RoundTripSixComponent) {
  const auto decoded = decode_info(encode_info(six_component_info()));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  expect_same_info(*decoded, six_component_info());
}

TEST(InfoBlock, MetresRoundToWholeMillimetresAndMicrometres) {
  PlateInfo info = four_cell_info();
  info.width_m = 0.40049;       // 400.49 mm -> 400
  info.length_m = 0.60051;      // 600.51 mm -> 601
  info.cells[1].x_m = 0.17951;  // 179.51 mm -> 180
  info.cells[1].y_m = -0.2794;  // -279.4 mm -> -279
  const auto decoded = decode_info(encode_info(info));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_DOUBLE_EQ(decoded->width_m, 0.400);
  EXPECT_DOUBLE_EQ(decoded->length_m, 0.601);
  EXPECT_DOUBLE_EQ(decoded->cells[1].x_m, 0.180);
  EXPECT_DOUBLE_EQ(decoded->cells[1].y_m, -0.279);

  PlateInfo six = six_component_info();
  six.origin_dz_m = 0.0123456;  // 12345.6 um -> 12346
  const auto decoded_six = decode_info(encode_info(six));
  ASSERT_TRUE(decoded_six.ok()) << decoded_six.error().message;
  EXPECT_DOUBLE_EQ(decoded_six->origin_dz_m, 0.012346);
}

TEST(InfoBlock, OutOfRangeValuesSaturateInsteadOfWrapping) {
  PlateInfo info = four_cell_info();
  info.width_m = 1000.0;  // 1e6 mm does not fit in u16
  info.capacity_n = -5.0;
  const auto block = encode_info(info);
  EXPECT_EQ(u16_at(block, 16), 65535);
  EXPECT_EQ(u16_at(block, 36), 0);
}

TEST(InfoBlock, RejectsWrongLength) {
  const auto block = encode_info(four_cell_info());
  const std::vector<std::uint8_t> short_block(block.begin(), block.end() - 1);
  std::vector<std::uint8_t> long_block(block.begin(), block.end());
  long_block.push_back(0);
  for (const auto& bytes : {short_block, long_block, std::vector<std::uint8_t>{}}) {
    const auto result = decode_info(bytes);
    ASSERT_FALSE(result.ok());
    EXPECT_THAT(result.error().message, HasSubstr(std::to_string(bytes.size()) + " bytes"));
    EXPECT_THAT(result.error().message, HasSubstr("64"));
  }
}

TEST(InfoBlock, RejectsBadMagic) {
  auto block = encode_info(four_cell_info());
  block[3] = '2';
  EXPECT_THAT(decode_error(block), HasSubstr("magic 0x32505053"));
  EXPECT_THAT(decode_error(block), HasSubstr("not speak SPP"));
}

TEST(InfoBlock, RejectsOtherProtocolVersions) {
  PlateInfo info = four_cell_info();
  info.protocol_version = 2;
  EXPECT_EQ(decode_error(encode_info(info)),
            "unsupported protocol version 2; this Stance speaks SPP version 1");
  info.protocol_version = 0;
  EXPECT_THAT(decode_error(encode_info(info)), HasSubstr("unsupported protocol version 0"));
}

TEST(InfoBlock, RejectsUnknownLayout) {
  auto block = encode_info(four_cell_info());
  for (const int layout : {0, 3, 255}) {
    block[8] = static_cast<std::uint8_t>(layout);
    EXPECT_THAT(decode_error(block), HasSubstr("unknown plate layout " + std::to_string(layout)));
  }
}

TEST(InfoBlock, RejectsChannelCountInconsistentWithLayout) {
  auto four = encode_info(four_cell_info());
  four[9] = 6;
  EXPECT_THAT(decode_error(four), HasSubstr("channel_count 6 does not match layout 1"));
  auto six = encode_info(six_component_info());
  six[9] = 4;
  EXPECT_THAT(decode_error(six), HasSubstr("channel_count 4 does not match layout 2"));
}

TEST(InfoBlock, RejectsImpossibleAdcBits) {
  auto block = encode_info(four_cell_info());
  block[10] = 0;
  EXPECT_THAT(decode_error(block), HasSubstr("adc_bits 0"));
  block[10] = 33;
  EXPECT_THAT(decode_error(block), HasSubstr("adc_bits 33"));
  block[10] = 32;
  EXPECT_TRUE(decode_info(block).ok());
}

TEST(InfoBlock, RejectsMaxRateThatIsNotAnAllowedRate) {
  auto block = encode_info(four_cell_info());
  for (const int rate : {0, 1500, 4000}) {
    set_u16(block, 12, static_cast<std::uint16_t>(rate));
    EXPECT_THAT(decode_error(block),
                HasSubstr("max_rate_hz " + std::to_string(rate) + " is not an allowed rate"));
  }
}

TEST(InfoBlock, RejectsDefaultRateNotAllowedOrAboveMax) {
  PlateInfo info = four_cell_info();
  info.max_rate_hz = 500;
  info.default_rate_hz = 1000;
  EXPECT_THAT(decode_error(encode_info(info)), HasSubstr("default_rate_hz 1000"));
  EXPECT_THAT(decode_error(encode_info(info)), HasSubstr("at most max_rate_hz 500"));
  info.default_rate_hz = 300;
  EXPECT_THAT(decode_error(encode_info(info)), HasSubstr("default_rate_hz 300"));
}

TEST(InfoBlock, RejectsZeroPlateSize) {
  auto block = encode_info(four_cell_info());
  set_u16(block, 18, 0);
  EXPECT_THAT(decode_error(block), HasSubstr("plate size 400 x 0 mm"));
}

TEST(InfoBlock, RejectsLoadCellOutsideThePlate) {
  PlateInfo info = four_cell_info();
  info.cells[2].y_m = 0.301;  // the plate is 600 mm long
  EXPECT_THAT(decode_error(encode_info(info)),
              HasSubstr("load cell 2 at (180, 301) mm lies outside the 400 x 600 mm plate"));
  info.cells[2].y_m = 0.300;  // on the edge is fine
  EXPECT_TRUE(decode_info(encode_info(info)).ok());
  info.cells[0].x_m = -0.201;  // the plate is 400 mm wide
  EXPECT_THAT(decode_error(encode_info(info)), HasSubstr("load cell 0 at (-201, -280) mm"));
  info.cells[0].x_m = -0.200;
  EXPECT_TRUE(decode_info(encode_info(info)).ok());
}

TEST(InfoBlock, RejectsTransducerOriginAboveTheSurface) {
  auto block = encode_info(six_component_info());
  set_i32(block, 20, -1);
  EXPECT_THAT(decode_error(block), HasSubstr("origin_dz_um is -1"));
}

TEST(InfoBlock, RejectsZeroCapacity) {
  PlateInfo info = six_component_info();
  info.capacity_n = 0.0;
  EXPECT_THAT(decode_error(encode_info(info)), HasSubstr("capacity_n is 0"));
}

TEST(InfoBlock, IgnoresReservedBytes) {
  auto block = encode_info(four_cell_info());
  block[11] = 0xAA;
  block[63] = 0x55;
  EXPECT_TRUE(decode_info(block).ok());
}

TEST(InfoBlock, NeverCrashesOnRandomBlocks) {
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> byte(0, 255);
  const auto valid = encode_info(four_cell_info());
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    auto block = valid;
    // Keep the magic and version most of the time so the later checks are reached too.
    const std::size_t from = (round % 4 == 0) ? 0 : 6;
    for (std::size_t at = from; at < block.size(); ++at) {
      if (round % 2 == 0 || byte(rng) < 32) block[at] = static_cast<std::uint8_t>(byte(rng));
    }
    const auto result = decode_info(block);
    if (result.ok()) {
      ++accepted;
      EXPECT_TRUE(rate_allowed(result->default_rate_hz, result->max_rate_hz));
    } else {
      EXPECT_FALSE(result.error().message.empty());
    }
  }
  EXPECT_LT(accepted, 20000);
}

}  // namespace
}  // namespace stance::spp
