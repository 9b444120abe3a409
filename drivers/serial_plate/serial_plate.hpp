#pragma once
// One serial load-cell plate as a stance::PlateDevice (docs/serial-plate.md).
//
// No thread of its own: the plate streams whether asked or not, the kernel keeps what arrives
// between calls (4 KiB, seconds of lines at these rates), and read() takes it from there.
// start() throws away what came before it, so a trial holds only its own lines.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "device/plate_device.hpp"
#include "serial_plate/line_assembler.hpp"
#include "serial_plate/line_format.hpp"
#include "serial_plate/plate_file.hpp"
#include "serial_plate/sample_stream.hpp"
#include "serial_plate/serial_options.hpp"
#include "serial_plate/serial_port.hpp"

namespace stance::serial {

// Everything PlateHealth has, and what only a serial plate knows.
struct SerialHealth {
  PlateHealth plate;  // stream.sync_errors: garbled lines
  std::uint64_t stalls = 0;
  std::uint64_t hang_ups = 0;
  bool connected = true;
  bool streaming = false;
};

class SerialPlate final : public PlateDevice {
 public:
  // Opens the port (options.path), reads the '#' header for the serial number and rate, and
  // loads the plate file (options.plate_file, or <plate_files>/<serial>.plate).
  static Result<std::unique_ptr<SerialPlate>> open(const SerialOptions& options,
                                                   const std::filesystem::path& plate_files);

  const PlateInfo& info() const override { return info_; }
  const Calibration& calibration() const override { return calibration_; }
  std::uint16_t rate_hz() const override { return info_.default_rate_hz; }
  // The firmware sets the rate: only the plate's own rate is accepted.
  Status set_rate(std::uint16_t rate_hz) override;
  Status start() override;
  Status stop() override;
  // Returns kDisconnected (after handing over every line received) once the port hung up.
  ReadStatus read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                  std::chrono::milliseconds timeout) override;
  PlateHealth health() const override { return serial_health().plate; }

  SerialHealth serial_health() const;
  const std::string& path() const { return port_.path(); }
  const std::string& name() const { return name_; }

 private:
  SerialPlate(SerialPort port, const PlateHeader& header, const PlateFile& file,
              const SerialOptions& options);

  SerialPort port_;
  std::string name_;
  PlateInfo info_;  // its rate rounded; the stream keeps the header's (an HX711's 80 Hz is 80.2)
  Calibration calibration_;
  LineAssembler lines_;
  SampleStream stream_;
  bool streaming_ = false;
  bool connected_ = true;
  std::uint64_t hang_ups_ = 0;
};

// PlateInfo for a serial plate: its header and its plate file.
PlateInfo serial_plate_info(const PlateHeader& header, const PlateFile& file);

}  // namespace stance::serial
