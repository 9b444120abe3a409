#include "serial_plate/serial_options.hpp"

#include "core/key_value_options.hpp"

namespace stance::serial {

std::string serial_options_help() {
  return "PATH (a port, e.g. /dev/ttyACM0), then baud=N (default 115200), serial=TEXT and rate=HZ "
         "(for a plate that prints no '#' header), plate=FILE (the cells' positions; default: the "
         "plate file of its serial number), header_ms=N (wait for the header), stall_ms=N (silence "
         "counted as a stall); e.g. serial:/dev/ttyUSB0,baud=57600";
}

std::string serial_address(const std::string& path, unsigned baud) {
  return "serial:" + path + (baud == kDefaultBaud ? "" : ",baud=" + std::to_string(baud));
}

Result<SerialOptions> parse_serial_options(const std::string& text) {
  SerialOptions options;
  if (text.empty()) return options;
  if (text == "help") return Error{serial_options_help()};
  // The port comes first and has no '='; key=value options follow it.
  auto [first, rest] = split_leading_value(text);
  options.path = std::move(first);
  if (rest.empty()) return options;
  Result<KeyValueOptions> kv = KeyValueOptions::parse(rest);
  if (!kv) return Error{kv.error().message + "; serial options are " + serial_options_help()};
  if (Status s = kv->check_known(
          "serial", {"path", "baud", "serial", "rate", "plate", "header_ms", "stall_ms"});
      !s) {
    return s.error();
  }
  options.path = kv->text("path", options.path);
  const Result<long> baud = kv->integer("baud", kDefaultBaud);
  if (!baud) return baud.error();
  if (*baud < 50 || *baud > 4000000) return Error{"baud must be 50..4000000"};
  options.baud = static_cast<unsigned>(*baud);
  options.serial = kv->text("serial", "");
  const Result<double> rate = kv->number("rate", 0.0);
  if (!rate) return rate.error();
  if (*rate < 0.0 || *rate > 100000.0) return Error{"rate must be 0..100000 Hz"};
  options.rate_hz = *rate;
  options.plate_file = kv->text("plate", "");
  const Result<long> header_ms = kv->integer("header_ms", 3000);
  if (!header_ms) return header_ms.error();
  if (*header_ms < 10 || *header_ms > 60000) return Error{"header_ms must be 10..60000"};
  options.header_timeout = std::chrono::milliseconds(*header_ms);
  const Result<long> stall_ms = kv->integer("stall_ms", 0);
  if (!stall_ms) return stall_ms.error();
  if (*stall_ms < 0 || *stall_ms > 60000) return Error{"stall_ms must be 0..60000"};
  options.stall_after = std::chrono::milliseconds(*stall_ms);
  return options;
}

}  // namespace stance::serial
