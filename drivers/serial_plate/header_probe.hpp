#pragma once
// Reads a port's '#' header lines without writing anything to it: how `stance devices` tells a
// serial plate from any other device, and how opening one learns its serial number and rate.
#include <chrono>

#include "serial_plate/line_format.hpp"
#include "serial_plate/serial_port.hpp"
#include "support/result.hpp"

namespace stance::serial {

struct ProbeOutcome {
  PlateHeader header;
  std::size_t sample_lines = 0;
  std::size_t garbled_lines = 0;
};

// Reads until the header names a serial number and a rate (or `known` already does), or a
// sample line follows the header, or `timeout`. Errors: the port hung up; nothing arrived;
// bytes that are not text lines (a wrong baud rate, said so); lines but no header.
Result<ProbeOutcome> probe_header(SerialPort& port, std::chrono::milliseconds timeout,
                                  const PlateHeader& known = {});

}  // namespace stance::serial
