#pragma once
// The "usb" driver: SPP force plates on USB. Register it with
// DriverRegistry::add(std::make_unique<stance::usb::UsbDriver>()).
#include <memory>
#include <string>
#include <vector>

#include "device/plate_device.hpp"
#include "usb_spp/plate_finder.hpp"
#include "usb_spp/usb_plate.hpp"

namespace stance::usb {

class UsbDriver final : public PlateDriver {
 public:
  // `ids`: the VID:PID pairs list() looks for (open() takes its own from the options).
  explicit UsbDriver(std::vector<VidPid> ids = {kDefaultVidPid});

  std::string name() const override { return "usb"; }
  std::string options_help() const override;
  // The plates on the bus, each with serial, layout, rate, firmware and a health summary; a
  // plate this driver has open shows its live stream health, others their status block.
  Result<std::vector<PlateListing>> list(const std::string& options) override;
  Result<std::unique_ptr<PlateDevice>> open(const std::string& options) override;

  // The same, typed, for tools and tests that want the USB details.
  Result<std::unique_ptr<UsbPlate>> open_usb(const std::string& options);

 private:
  std::vector<VidPid> ids_;
  std::shared_ptr<OpenPlates> open_plates_ = std::make_shared<OpenPlates>();
};

// "1.2" for firmware_version 0x0102 (major in the high byte).
std::string firmware_text(std::uint16_t firmware_version);
// One line: frames, losses, errors and latency.
std::string health_summary(const UsbHealth& health);

}  // namespace stance::usb
