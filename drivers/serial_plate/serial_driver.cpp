#include "serial_plate/serial_driver.hpp"

#include <glob.h>

#include <cmath>
#include <filesystem>

#include "serial_plate/header_probe.hpp"
#include "serial_plate/plate_file.hpp"
#include "serial_plate/serial_port.hpp"
#include "support/format.hpp"

namespace stance::serial {
namespace {

std::vector<std::string> matching_paths(const std::vector<std::string>& patterns) {
  std::vector<std::string> out;
  for (const std::string& pattern : patterns) {
    glob_t found{};
    if (::glob(pattern.c_str(), 0, nullptr, &found) == 0) {
      for (std::size_t i = 0; i < found.gl_pathc; ++i) out.emplace_back(found.gl_pathv[i]);
    }
    ::globfree(&found);
  }
  return out;
}

std::string firmware_of(const PlateHeader& h) {
  return h.firmware.empty() ? "-" : h.firmware;
}

// A port that answered with a header: the plate, and whether its plate file is there.
PlateListing plate_listing(const SerialOptions& o, const PlateHeader& h,
                           const std::filesystem::path& plate_files) {
  PlateListing l;
  l.address = serial_address(o.path, o.baud);
  l.serial = h.serial;
  l.rate_hz = static_cast<std::uint16_t>(std::lround(h.rate_hz));
  l.firmware = firmware_of(h);
  const auto file_path = plate_file_path(plate_files, h.serial);
  const Result<PlateFile> file = load_plate_file(file_path);
  l.description = (h.name.empty() ? std::string("serial plate") : h.name) + " on " + o.path +
                  " at " + std::to_string(o.baud) + " baud; " +
                  (file ? "plate file " + file_path.string()
                        : "NO PLATE FILE: write " + file_path.string() +
                              " with its cells' positions (docs/serial-plate.md)");
  return l;
}

}  // namespace

std::vector<std::string> default_port_patterns() {
  return {"/dev/ttyACM*", "/dev/ttyUSB*"};
}

std::string health_summary(const SerialHealth& h) {
  const StreamCounters& s = h.plate.stream;
  return std::to_string(s.frames_received) + " frames, " + std::to_string(s.frames_lost) +
         " lost, " + std::to_string(s.sync_errors) + " garbled lines, " +
         std::to_string(s.device_resets) + " resets, " + std::to_string(h.stalls) + " stalls" +
         (h.connected ? "" : ", unplugged");
}

SerialDriver::SerialDriver(std::filesystem::path plate_files,
                           std::vector<std::string> port_patterns)
    : plate_files_(std::move(plate_files)), port_patterns_(std::move(port_patterns)) {}

std::string SerialDriver::options_help() const {
  return serial_options_help();
}

Result<std::vector<PlateListing>> SerialDriver::list(const std::string& options) {
  Result<SerialOptions> parsed = parse_serial_options(options);
  if (!parsed) return parsed.error();
  const bool asked_for_one = !parsed->path.empty();
  std::vector<PlateListing> out;
  for (const std::string& path :
       asked_for_one ? std::vector<std::string>{parsed->path} : matching_paths(port_patterns_)) {
    SerialOptions o = *parsed;
    o.path = path;
    Result<SerialPort> port = SerialPort::open(path, o.baud);
    Result<ProbeOutcome> probe =
        port ? probe_header(*port, o.header_timeout) : Result<ProbeOutcome>(port.error());
    if (probe) {
      out.push_back(plate_listing(o, probe->header, plate_files_));
    } else if (asked_for_one) {
      PlateListing l;
      l.address = serial_address(path, o.baud);
      l.description = "not usable: " + probe.error().message;
      out.push_back(std::move(l));
    }
  }
  return out;
}

Result<std::unique_ptr<SerialPlate>> SerialDriver::open_serial(const std::string& options) {
  Result<SerialOptions> parsed = parse_serial_options(options);
  if (!parsed) return parsed.error();
  if (parsed->path.empty()) {
    // The only serial plate there is, found by its header.
    Result<std::vector<PlateListing>> found = list(options);
    if (!found) return found.error();
    if (found->empty()) {
      std::string looked;
      for (const std::string& p : port_patterns_) looked += (looked.empty() ? "" : ", ") + p;
      return Error{"no serial plate found on " + looked +
                   " (none printed a '#' header): give the port, e.g. serial:/dev/ttyACM0"};
    }
    if (found->size() > 1) {
      std::string ports;
      for (const PlateListing& l : *found) ports += (ports.empty() ? "" : ", ") + l.address;
      return Error{"several serial plates (" + ports + "): say which one"};
    }
    parsed->path = (*found)[0].address.substr(std::string("serial:").size());
    parsed->path = parsed->path.substr(0, parsed->path.find(','));
  }
  return SerialPlate::open(*parsed, plate_files_);
}

Result<std::unique_ptr<PlateDevice>> SerialDriver::open(const std::string& options) {
  Result<std::unique_ptr<SerialPlate>> plate = open_serial(options);
  if (!plate) return plate.error();
  return std::unique_ptr<PlateDevice>(std::move(*plate));
}

}  // namespace stance::serial
