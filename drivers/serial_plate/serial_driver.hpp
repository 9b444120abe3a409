#pragma once
// The "serial" driver: load-cell plates that print text lines on a serial port (an Arduino or
// ESP32 with HX711s, docs/serial-plate.md). Register it with
// DriverRegistry::add(std::make_unique<stance::serial::SerialDriver>(plate_files_dir)).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "device/plate_device.hpp"
#include "serial_plate/serial_plate.hpp"

namespace stance::serial {

// Where USB serial adapters appear: CDC-ACM boards (Arduino Leonardo/Micro, many ESP32-S2/S3)
// and FTDI/CH340/CP210x bridges (Arduino Uno clones, most ESP32 boards).
std::vector<std::string> default_port_patterns();

class SerialDriver final : public PlateDriver {
 public:
  // `plate_files`: the folder of plate files (<serial>.plate); `port_patterns`: the globs list()
  // looks at.
  explicit SerialDriver(std::filesystem::path plate_files,
                        std::vector<std::string> port_patterns = default_port_patterns());

  std::string name() const override { return "serial"; }
  std::string options_help() const override;
  // The ports that print a serial plate's '#' header (read only: nothing is written to a port),
  // with serial, rate, firmware, and whether the plate file is there; ports that do not are
  // listed with the reason only when asked for by path.
  Result<std::vector<PlateListing>> list(const std::string& options) override;
  Result<std::unique_ptr<PlateDevice>> open(const std::string& options) override;

  // The same, typed, for tools and tests that want the serial details.
  Result<std::unique_ptr<SerialPlate>> open_serial(const std::string& options);

 private:
  std::filesystem::path plate_files_;
  std::vector<std::string> port_patterns_;
};

// One line: frames, losses, garbled lines, resets, stalls.
std::string health_summary(const SerialHealth& health);

}  // namespace stance::serial
