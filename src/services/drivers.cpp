// Every plate driver of this build, registered in one place.
#include "services/drivers.hpp"

#include "serial_plate/serial_driver.hpp"
#include "services/data_dirs.hpp"
#include "simulated/simulated_driver.hpp"
#include "usb_spp/usb_driver.hpp"
#include "wii_board/wii_driver.hpp"

namespace stance {

void register_all_drivers(DriverRegistry& registry) {
  registry.add(std::make_unique<sim::SimulatedDriver>());
  registry.add(std::make_unique<usb::UsbDriver>());
  registry.add(std::make_unique<serial::SerialDriver>(serial_plate_files_dir()));
  registry.add(std::make_unique<wii::WiiDriver>());
}

}  // namespace stance
