#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "spp_wire/spp_wire.hpp"

namespace stance::spp {
namespace {

using ::testing::HasSubstr;

Calibration four_cell_calibration() {
  Calibration calibration;
  calibration.calibrated_at_unix_s = 1764000000;
  calibration.gain_n_per_count = {1.25e-4f, -2.5e-4f, 3.0e-4f, 1.0e-7f};
  calibration.zero_counts = {1000, -2000, 0, 8388607, 0, 0};
  return calibration;
}

Calibration six_component_calibration() {
  Calibration calibration;
  calibration.calibrated_at_unix_s = 1700000001;
  calibration.flags = 0;
  for (std::size_t row = 0; row < 6; ++row) {
    for (std::size_t column = 0; column < 6; ++column) {
      const float diagonal = row == column ? 1.0e-3f * static_cast<float>(row + 1) : 0.0f;
      const float cross = -1.0e-6f * static_cast<float>(row * 6 + column);
      calibration.matrix[row * 6 + column] = diagonal + cross;
    }
  }
  calibration.zero_counts = {-1, 2, -3, 4, -5, 6};
  return calibration;
}

std::uint32_t u32_at(const std::vector<std::uint8_t>& block, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value |= static_cast<std::uint32_t>(block[at + i]) << (8 * i);
  return value;
}
void set_f32(std::vector<std::uint8_t>& block, std::size_t at, float value) {
  const auto bits = std::bit_cast<std::uint32_t>(value);
  for (std::size_t i = 0; i < 4; ++i) block[at + i] = static_cast<std::uint8_t>(bits >> (8 * i));
}

std::string decode_error(PlateLayout layout, const std::vector<std::uint8_t>& block) {
  const Result<Calibration> result = decode_calibration(layout, block);
  return result.ok() ? "(decoded fine)" : result.error().message;
}

TEST(CalibrationBlock, SizesPerLayout) {
  EXPECT_EQ(calibration_block_size(PlateLayout::kFourCell), 40u);
  EXPECT_EQ(calibration_block_size(PlateLayout::kSixComponent), 176u);
  EXPECT_EQ(encode_calibration(PlateLayout::kFourCell, four_cell_calibration()).size(), 40u);
  EXPECT_EQ(encode_calibration(PlateLayout::kSixComponent, six_component_calibration()).size(),
            176u);
}

TEST(CalibrationBlock, FourCellFieldsAtTheDocumentedOffsets) {
  const auto block = encode_calibration(PlateLayout::kFourCell, four_cell_calibration());
  EXPECT_EQ(u32_at(block, 0), 1764000000u);
  EXPECT_EQ(u32_at(block, 4), 0u);
  EXPECT_EQ(u32_at(block, 16), std::bit_cast<std::uint32_t>(-2.5e-4f));  // gain of channel 1
  EXPECT_EQ(u32_at(block, 20), static_cast<std::uint32_t>(-2000));       // zero of channel 1
  EXPECT_EQ(u32_at(block, 28), 0u);                                      // zero of channel 2
  EXPECT_EQ(u32_at(block, 32), std::bit_cast<std::uint32_t>(1.0e-7f));   // gain of channel 3
  EXPECT_EQ(u32_at(block, 36), 8388607u);                                // zero of channel 3
}

TEST(CalibrationBlock, SixComponentFieldsAtTheDocumentedOffsets) {
  const Calibration calibration = six_component_calibration();
  const auto block = encode_calibration(PlateLayout::kSixComponent, calibration);
  EXPECT_EQ(u32_at(block, 8 + 4 * 13), std::bit_cast<std::uint32_t>(calibration.matrix[13]));
  EXPECT_EQ(u32_at(block, 8 + 144), static_cast<std::uint32_t>(-1));  // first zero
  EXPECT_EQ(u32_at(block, 8 + 144 + 20), 6u);                         // last zero
}

TEST(CalibrationBlock, RoundTripFourCellIsBitExact) {
  const Calibration in = four_cell_calibration();
  const auto out =
      decode_calibration(PlateLayout::kFourCell, encode_calibration(PlateLayout::kFourCell, in));
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->calibrated_at_unix_s, in.calibrated_at_unix_s);
  EXPECT_EQ(out->flags, in.flags);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(std::bit_cast<std::uint32_t>(out->gain_n_per_count[i]),
              std::bit_cast<std::uint32_t>(in.gain_n_per_count[i]));
    EXPECT_EQ(out->zero_counts[i], in.zero_counts[i]);
  }
  EXPECT_EQ(out->zero_counts[4], 0);
  EXPECT_EQ(out->zero_counts[5], 0);
  for (const float entry : out->matrix) EXPECT_EQ(entry, 0.0f);
}

TEST(CalibrationBlock, RoundTripSixComponentIsBitExact) {
  const Calibration in = six_component_calibration();
  const auto out = decode_calibration(PlateLayout::kSixComponent,
                                      encode_calibration(PlateLayout::kSixComponent, in));
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->calibrated_at_unix_s, in.calibrated_at_unix_s);
  for (std::size_t i = 0; i < 36; ++i) {
    EXPECT_EQ(std::bit_cast<std::uint32_t>(out->matrix[i]),
              std::bit_cast<std::uint32_t>(in.matrix[i]))
        << "entry " << i;
  }
  EXPECT_EQ(out->zero_counts, in.zero_counts);
  for (const float gain : out->gain_n_per_count) EXPECT_EQ(gain, 0.0f);
}

TEST(CalibrationBlock, RejectsWrongLength) {
  const auto four = encode_calibration(PlateLayout::kFourCell, four_cell_calibration());
  const auto six = encode_calibration(PlateLayout::kSixComponent, six_component_calibration());
  EXPECT_EQ(decode_error(PlateLayout::kFourCell, six),
            "calibration block is 176 bytes; layout 1 expects 40");
  EXPECT_EQ(decode_error(PlateLayout::kSixComponent, four),
            "calibration block is 40 bytes; layout 2 expects 176");
  EXPECT_THAT(decode_error(PlateLayout::kFourCell, {four.begin(), four.end() - 1}),
              HasSubstr("39 bytes"));
  EXPECT_THAT(decode_error(PlateLayout::kSixComponent, {}), HasSubstr("0 bytes"));
}

TEST(CalibrationBlock, RejectsUnknownLayout) {
  const auto six = encode_calibration(PlateLayout::kSixComponent, six_component_calibration());
  EXPECT_THAT(decode_error(static_cast<PlateLayout>(7), six), HasSubstr("unknown plate layout 7"));
}

TEST(CalibrationBlock, RejectsNonFiniteGain) {
  auto block = encode_calibration(PlateLayout::kFourCell, four_cell_calibration());
  for (const float bad :
       {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
        -std::numeric_limits<float>::infinity()}) {
    auto corrupt = block;
    set_f32(corrupt, 8 + 8 * 2, bad);
    EXPECT_THAT(decode_error(PlateLayout::kFourCell, corrupt),
                HasSubstr("gain of channel 2 is not a finite number"));
  }
}

TEST(CalibrationBlock, RejectsNonFiniteMatrixEntry) {
  auto block = encode_calibration(PlateLayout::kSixComponent, six_component_calibration());
  set_f32(block, 8 + 4 * (2 * 6 + 3), std::numeric_limits<float>::infinity());
  EXPECT_THAT(decode_error(PlateLayout::kSixComponent, block),
              HasSubstr("matrix entry (row 2, column 3) is not a finite number"));
}

TEST(CalibrationBlock, RejectsUncalibratedPlates) {
  auto four = encode_calibration(PlateLayout::kFourCell, four_cell_calibration());
  set_f32(four, 8 + 8 * 3, 0.0f);
  EXPECT_THAT(decode_error(PlateLayout::kFourCell, four),
              HasSubstr("gain of channel 3 is 0: the plate is not calibrated"));

  Calibration six = six_component_calibration();
  for (std::size_t column = 0; column < 6; ++column) six.matrix[4 * 6 + column] = 0.0f;
  EXPECT_THAT(
      decode_error(PlateLayout::kSixComponent, encode_calibration(PlateLayout::kSixComponent, six)),
      HasSubstr("row 4 (My) is all zero"));
}

}  // namespace
}  // namespace stance::spp
