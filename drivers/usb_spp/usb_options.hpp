#pragma once
// What may follow "usb:" in --device: a bare serial number ("usb:ABC123") or key=value options
// ("usb:serial=ABC123,ids=1209:0001+1209:0002").
#include <chrono>
#include <string>
#include <vector>

#include "support/result.hpp"
#include "usb_spp/plate_finder.hpp"

namespace stance::usb {

struct UsbOptions {
  std::string serial;  // empty: the only plate connected
  std::vector<VidPid> ids{kDefaultVidPid};
  bool hotplug = true;  // false: look for a replugged plate by polling the bus
  std::chrono::milliseconds poll_interval{500};
  std::chrono::milliseconds control_timeout{1000};
  std::chrono::microseconds transfer_span{10000};  // data per transfer
};

Result<UsbOptions> parse_usb_options(const std::string& text);
std::string usb_options_help();

}  // namespace stance::usb
