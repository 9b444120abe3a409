#include "wii_board/board_finder.hpp"

#include <libudev.h>

#include <memory>
#include <string_view>

#include "wii_board/board_model.hpp"

namespace stance::wii {
namespace {

struct UdevFree {
  void operator()(udev* u) const { udev_unref(u); }
  void operator()(udev_enumerate* e) const { udev_enumerate_unref(e); }
  void operator()(udev_device* d) const { udev_device_unref(d); }
};

std::string text(const char* s) {
  return s == nullptr ? "" : s;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::vector<FoundBoard> find_boards() {
  std::vector<FoundBoard> out;
  const std::unique_ptr<udev, UdevFree> u(udev_new());
  if (!u) return out;
  const std::unique_ptr<udev_enumerate, UdevFree> e(udev_enumerate_new(u.get()));
  udev_enumerate_add_match_subsystem(e.get(), "input");
  udev_enumerate_add_match_sysname(e.get(), "event*");
  udev_enumerate_scan_devices(e.get());
  for (udev_list_entry* entry = udev_enumerate_get_list_entry(e.get()); entry != nullptr;
       entry = udev_list_entry_get_next(entry)) {
    const std::unique_ptr<udev_device, UdevFree> event(
        udev_device_new_from_syspath(u.get(), udev_list_entry_get_name(entry)));
    if (!event || udev_device_get_devnode(event.get()) == nullptr) continue;
    // Parents belong to their child: not unreferenced here.
    udev_device* input =
        udev_device_get_parent_with_subsystem_devtype(event.get(), "input", nullptr);
    udev_device* hid = udev_device_get_parent_with_subsystem_devtype(event.get(), "hid", nullptr);
    if (input == nullptr || hid == nullptr) continue;
    if (trimmed(text(udev_device_get_sysattr_value(input, "name"))) != kBoardName) continue;
    if (text(udev_device_get_driver(hid)) != "wiimote") continue;
    FoundBoard b;
    b.event_node = udev_device_get_devnode(event.get());
    b.bluetooth = trimmed(text(udev_device_get_sysattr_value(input, "uniq")));
    b.factory_calib = trimmed(text(udev_device_get_sysattr_value(hid, "bboard_calib")));
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace stance::wii
