#include "wii_board/board_model.hpp"

#include <linux/input-event-codes.h>

namespace stance::wii {

std::array<unsigned, 4> axes_in_channel_order() {
  return {ABS_HAT1Y, ABS_HAT0Y, ABS_HAT0X, ABS_HAT1X};
}

std::optional<int> channel_of_axis(unsigned abs_code) {
  const auto axes = axes_in_channel_order();
  for (int i = 0; i < 4; ++i) {
    if (axes[i] == abs_code) return i;
  }
  return std::nullopt;
}

PlateInfo board_info(const std::string& id, std::uint16_t grid_rate_hz) {
  PlateInfo info;
  info.layout = PlateLayout::kFourCell;
  info.adc_bits = 16;
  info.max_rate_hz = grid_rate_hz;
  info.default_rate_hz = grid_rate_hz;
  info.width_m = kBoardWidth_m;
  info.length_m = kBoardLength_m;
  const double x = kSensorSpacingMl_m / 2, y = kSensorSpacingAp_m / 2;
  info.cells = {{{-x, -y}, {x, -y}, {x, y}, {-x, y}}};
  info.capacity_n = kCapacity_n;
  info.manufacturer = "Nintendo";
  info.product = "Wii Balance Board";
  info.serial = id;
  return info;
}

Calibration board_calibration(std::int64_t paired_at_unix_s) {
  Calibration c;
  c.calibrated_at_unix_s = static_cast<std::uint32_t>(paired_at_unix_s);
  c.gain_n_per_count.fill(static_cast<float>(kNewtonsPerCount));
  return c;
}

}  // namespace stance::wii
