#pragma once
// The drivers known to this program, registered explicitly at start-up (no static-init tricks).
#include <memory>
#include <string>
#include <vector>

#include "device/plate_device.hpp"

namespace stance {

class DriverRegistry {
 public:
  void add(std::unique_ptr<PlateDriver> driver);
  PlateDriver* find(const std::string& name) const;
  const std::vector<std::unique_ptr<PlateDriver>>& drivers() const { return drivers_; }

  // Opens "driver[:options]", e.g. "sim", "sim:seed=3,task=squat", "usb:ABC123".
  Result<std::unique_ptr<PlateDevice>> open(const std::string& address) const;

 private:
  std::vector<std::unique_ptr<PlateDriver>> drivers_;
};

}  // namespace stance
