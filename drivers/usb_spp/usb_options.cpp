#include "usb_spp/usb_options.hpp"

#include <sstream>

#include "core/key_value_options.hpp"

namespace stance::usb {

std::string usb_options_help() {
  return "SERIAL, or serial=SERIAL, ids=VID:PID[+VID:PID...] (default 1209:0001), hotplug=0|1 "
         "(0: poll for a replugged plate), poll_ms=N, timeout_ms=N; e.g. usb:ABC123 or "
         "usb:serial=ABC123,ids=1209:0001+1209:0002";
}

Result<UsbOptions> parse_usb_options(const std::string& text) {
  UsbOptions options;
  if (text.empty()) return options;
  if (text == "help") return Error{usb_options_help()};
  if (text.find('=') == std::string::npos) {
    if (text.find(',') != std::string::npos) {
      return Error{"'" + text + "' is not a serial number; usb options are " + usb_options_help()};
    }
    options.serial = text;
    return options;
  }
  Result<KeyValueOptions> kv = KeyValueOptions::parse(text);
  if (!kv) return Error{kv.error().message + "; usb options are " + usb_options_help()};
  if (Status s = kv->check_known("usb", {"serial", "ids", "hotplug", "poll_ms", "timeout_ms"});
      !s) {
    return s.error();
  }
  options.serial = kv->text("serial", "");
  if (kv->has("ids")) {
    options.ids.clear();
    std::stringstream list(kv->text("ids", ""));
    std::string item;
    while (std::getline(list, item, '+')) {
      Result<VidPid> id = parse_vid_pid(item);
      if (!id) return Error{"ids: " + id.error().message};
      options.ids.push_back(*id);
    }
    if (options.ids.empty()) return Error{"ids: give at least one VID:PID, e.g. ids=1209:0001"};
  }
  const Result<long> hotplug = kv->integer("hotplug", 1);
  if (!hotplug) return hotplug.error();
  if (*hotplug != 0 && *hotplug != 1) return Error{"hotplug must be 0 or 1"};
  options.hotplug = *hotplug == 1;
  const Result<long> poll_ms = kv->integer("poll_ms", 500);
  if (!poll_ms) return poll_ms.error();
  if (*poll_ms < 10 || *poll_ms > 60000) return Error{"poll_ms must be 10..60000"};
  options.poll_interval = std::chrono::milliseconds(*poll_ms);
  const Result<long> timeout_ms = kv->integer("timeout_ms", 1000);
  if (!timeout_ms) return timeout_ms.error();
  if (*timeout_ms < 10 || *timeout_ms > 60000) return Error{"timeout_ms must be 10..60000"};
  options.control_timeout = std::chrono::milliseconds(*timeout_ms);
  return options;
}

}  // namespace stance::usb
