#pragma once
// The Wii Balance Board as plate data (docs/wii-board.md). The kernel's hid-wiimote driver
// reports each corner sensor already calibrated from the board's factory points (0, 17, 34 kg):
// one unit is 10 g. Stance keeps 1 g per count, so a corner held between two reports on the
// uniform grid keeps its resolution; gain = 9.80665e-3 N per count, zero 0.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/plate.hpp"

namespace stance::wii {

inline constexpr const char* kBoardName = "Nintendo Wii Remote Balance Board";
inline constexpr int kCountsPerUnit = 10;  // 1 count = 1 g, 1 kernel unit = 10 g
inline constexpr double kNewtonsPerCount = 9.80665e-3;
// Sensor spacing (centre to centre): 433 mm left-right, 238 mm front-back.
inline constexpr double kSensorSpacingMl_m = 0.433;
inline constexpr double kSensorSpacingAp_m = 0.238;
inline constexpr double kBoardWidth_m = 0.511;   // outer size, ML
inline constexpr double kBoardLength_m = 0.316;  // AP
inline constexpr double kCapacity_n = 150 * 9.80665;

// Stance's channel (rear-left, rear-right, front-right, front-left) of a kernel axis; "top" is
// the board's front, away from the person (the power button's side is the back): ABS_HAT0X top
// right, ABS_HAT0Y bottom right, ABS_HAT1X top left, ABS_HAT1Y bottom left.
std::optional<int> channel_of_axis(unsigned abs_code);
// The kernel axes in Stance's channel order.
std::array<unsigned, 4> axes_in_channel_order();

// `id` is the board's Bluetooth address (the input device's uniq) or its event node.
PlateInfo board_info(const std::string& id, std::uint16_t grid_rate_hz);
// Calibrated by the kernel when the board paired (`calibrated_at_unix_s`: then).
Calibration board_calibration(std::int64_t paired_at_unix_s);

}  // namespace stance::wii
