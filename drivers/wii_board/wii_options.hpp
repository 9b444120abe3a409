#pragma once
// What may follow "wbb:" in --device: the board's event node or Bluetooth address, then
// key=value options ("wbb:/dev/input/event7", "wbb:00:19:1d:aa:bb:cc,rate=100").
#include <string>

#include "support/result.hpp"

namespace stance::wii {

struct WiiOptions {
  std::string board;  // empty: the only board; else its event node (/dev/...) or Bluetooth address
  double rate_hz = 100.0;     // the uniform grid
  double max_gap_ms = 100.0;  // silence while loaded that counts as a gap
};

Result<WiiOptions> parse_wii_options(const std::string& text);
std::string wii_options_help();

}  // namespace stance::wii
