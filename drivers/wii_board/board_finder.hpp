#pragma once
// Finds Wii Balance Boards through udev: input devices whose event node belongs to an input
// device named "Nintendo Wii Remote Balance Board" under a HID device bound to the kernel's
// "wiimote" driver.
#include <string>
#include <vector>

namespace stance::wii {

struct FoundBoard {
  std::string event_node;     // /dev/input/eventN
  std::string bluetooth;      // the input device's uniq (its Bluetooth address), may be empty
  std::string factory_calib;  // the HID device's bboard_calib, as the kernel prints it
  std::string id() const { return bluetooth.empty() ? event_node : bluetooth; }
};

std::vector<FoundBoard> find_boards();

}  // namespace stance::wii
