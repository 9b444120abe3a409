// The factory calibration block (section 4), both layouts.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "spp_wire/spp_wire.hpp"
#include "spp_wire/wire.hpp"

namespace stance::spp {
namespace {

constexpr std::size_t kCalibratedAtOffset = 0;
constexpr std::size_t kFlagsOffset = 4;
constexpr std::size_t kBodyOffset = 8;
// Layout 1: channel i's (f32 gain, i32 zero) pair at kBodyOffset + 8 i.
constexpr std::size_t kCellEntrySize = 8;
// Layout 2: 36 f32 matrix entries, then 6 i32 zeros.
constexpr std::size_t kMatrixSide = 6;
constexpr std::size_t kMatrixEntries = kMatrixSide * kMatrixSide;
constexpr std::size_t kZerosOffset = kBodyOffset + 4 * kMatrixEntries;

constexpr std::array<const char*, kMatrixSide> kComponentNames{"Fx", "Fy", "Fz", "Mx", "My", "Mz"};

bool known_layout(PlateLayout layout) {
  return layout == PlateLayout::kFourCell || layout == PlateLayout::kSixComponent;
}

std::string layout_number(PlateLayout layout) {
  return std::to_string(static_cast<unsigned>(layout));
}

}  // namespace

std::vector<std::uint8_t> encode_calibration(PlateLayout layout, const Calibration& calibration) {
  std::vector<std::uint8_t> block(calibration_block_size(layout), 0);
  const std::span<std::uint8_t> out(block);
  wire::put_u32(out, kCalibratedAtOffset, calibration.calibrated_at_unix_s);
  wire::put_u32(out, kFlagsOffset, calibration.flags);
  if (layout == PlateLayout::kFourCell) {
    for (std::size_t i = 0; i < calibration.gain_n_per_count.size(); ++i) {
      const std::size_t at = kBodyOffset + kCellEntrySize * i;
      wire::put_f32(out, at, calibration.gain_n_per_count[i]);
      wire::put_i32(out, at + 4, calibration.zero_counts[i]);
    }
  } else {
    for (std::size_t i = 0; i < kMatrixEntries; ++i) {
      wire::put_f32(out, kBodyOffset + 4 * i, calibration.matrix[i]);
    }
    for (std::size_t i = 0; i < kMatrixSide; ++i) {
      wire::put_i32(out, kZerosOffset + 4 * i, calibration.zero_counts[i]);
    }
  }
  return block;
}

Result<Calibration> decode_calibration(PlateLayout layout, std::span<const std::uint8_t> block) {
  if (!known_layout(layout)) {
    return Error{"cannot decode a calibration for unknown plate layout " + layout_number(layout)};
  }
  const std::size_t expected_size = calibration_block_size(layout);
  if (block.size() != expected_size) {
    return Error{"calibration block is " + std::to_string(block.size()) + " bytes; layout " +
                 layout_number(layout) + " expects " + std::to_string(expected_size)};
  }

  Calibration calibration;
  calibration.calibrated_at_unix_s = wire::get_u32(block, kCalibratedAtOffset);
  calibration.flags = wire::get_u32(block, kFlagsOffset);
  if (layout == PlateLayout::kFourCell) {
    for (std::size_t i = 0; i < calibration.gain_n_per_count.size(); ++i) {
      const std::size_t at = kBodyOffset + kCellEntrySize * i;
      const float gain = wire::get_f32(block, at);
      if (!std::isfinite(gain)) {
        return Error{"calibration gain of channel " + std::to_string(i) +
                     " is not a finite number: the calibration block is corrupt"};
      }
      if (gain == 0.0f) {
        return Error{"calibration gain of channel " + std::to_string(i) +
                     " is 0: the plate is not calibrated"};
      }
      calibration.gain_n_per_count[i] = gain;
      calibration.zero_counts[i] = wire::get_i32(block, at + 4);
    }
    return calibration;
  }

  for (std::size_t row = 0; row < kMatrixSide; ++row) {
    bool row_is_zero = true;
    for (std::size_t column = 0; column < kMatrixSide; ++column) {
      const std::size_t index = row * kMatrixSide + column;
      const float entry = wire::get_f32(block, kBodyOffset + 4 * index);
      if (!std::isfinite(entry)) {
        return Error{"calibration matrix entry (row " + std::to_string(row) + ", column " +
                     std::to_string(column) +
                     ") is not a finite number: the calibration block is corrupt"};
      }
      row_is_zero = row_is_zero && entry == 0.0f;
      calibration.matrix[index] = entry;
    }
    if (row_is_zero) {
      return Error{"calibration matrix row " + std::to_string(row) + " (" + kComponentNames[row] +
                   ") is all zero: the plate is not calibrated"};
    }
  }
  for (std::size_t i = 0; i < kMatrixSide; ++i) {
    calibration.zero_counts[i] = wire::get_i32(block, kZerosOffset + 4 * i);
  }
  return calibration;
}

}  // namespace stance::spp
