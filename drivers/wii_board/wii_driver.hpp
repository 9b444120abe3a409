#pragma once
// The "wbb" driver: Nintendo Wii Balance Boards paired over Bluetooth, through the kernel's
// hid-wiimote driver (docs/wii-board.md). Register it with
// DriverRegistry::add(std::make_unique<stance::wii::WiiDriver>()).
#include <memory>
#include <string>
#include <vector>

#include "device/plate_device.hpp"
#include "wii_board/wii_board.hpp"

namespace stance::wii {

class WiiDriver final : public PlateDriver {
 public:
  std::string name() const override { return "wbb"; }
  std::string options_help() const override;
  // The boards udev knows, with their Bluetooth address and the kernel's factory calibration.
  Result<std::vector<PlateListing>> list(const std::string& options) override;
  Result<std::unique_ptr<PlateDevice>> open(const std::string& options) override;

  // The same, typed, for tools and tests that want the board's timing.
  Result<std::unique_ptr<WiiBoard>> open_board(const std::string& options);
};

}  // namespace stance::wii
