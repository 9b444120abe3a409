#pragma once
// What may follow "serial:" in --device: the port, then key=value options
// ("serial:/dev/ttyACM0,baud=57600"), or only options ("serial:path=/dev/ttyUSB0").
#include <chrono>
#include <string>

#include "support/result.hpp"

namespace stance::serial {

inline constexpr unsigned kDefaultBaud = 115200;

struct SerialOptions {
  std::string path;  // empty: the only serial plate found
  unsigned baud = kDefaultBaud;
  std::string serial;      // overrides the header's (a plate without '#' lines)
  double rate_hz = 0;      // overrides the header's; 0: the header's
  std::string plate_file;  // empty: <plate files>/<serial>.plate
  std::chrono::milliseconds header_timeout{3000};  // an Arduino restarts when the port opens
  std::chrono::milliseconds stall_after{0};        // 0: 250 ms or 10 sample periods
};

Result<SerialOptions> parse_serial_options(const std::string& text);
std::string serial_options_help();

// The address `stance devices` prints for a port: "serial:/dev/ttyACM0" (+",baud=N").
std::string serial_address(const std::string& path, unsigned baud);

}  // namespace stance::serial
