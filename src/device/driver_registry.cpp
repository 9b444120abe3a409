#include "device/driver_registry.hpp"

namespace stance {

void DriverRegistry::add(std::unique_ptr<PlateDriver> driver) {
  drivers_.push_back(std::move(driver));
}

PlateDriver* DriverRegistry::find(const std::string& name) const {
  for (const auto& d : drivers_) {
    if (d->name() == name) return d.get();
  }
  return nullptr;
}

Result<std::unique_ptr<PlateDevice>> DriverRegistry::open(const std::string& address) const {
  const auto colon = address.find(':');
  const std::string name = address.substr(0, colon);
  const std::string options = colon == std::string::npos ? "" : address.substr(colon + 1);
  PlateDriver* driver = find(name);
  if (driver == nullptr) {
    std::string known;
    for (const auto& d : drivers_) known += (known.empty() ? "" : ", ") + d->name();
    return Error{"unknown device driver '" + name + "' in '" + address +
                 "'; known drivers: " + known + " (see `stance devices`)"};
  }
  return driver->open(options);
}

}  // namespace stance
