#pragma once
// A Wii Balance Board emulated by umockdev as hid-wiimote shows it: the HID device (driver
// wiimote, bboard_calib), its input device ("Nintendo Wii Remote Balance Board", the Bluetooth
// address as uniq) and /dev/input/eventN. The evdev ioctls libevdev makes are answered here; the
// board's events are written as struct input_event with the times the test chooses.
#include <linux/input.h>

#include <array>
#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "usb_emulation/umockdev_api.hpp"

namespace stance::wii::test {

// Corner values in kernel units (10 g), in the kernel's order: top right, bottom right, top
// left, bottom left (ABS_HAT0X, ABS_HAT0Y, ABS_HAT1X, ABS_HAT1Y).
using Corners = std::array<int, 4>;

class EmulatedBoard {
 public:
  EmulatedBoard(UMockdevTestbed* testbed, int event_number);
  ~EmulatedBoard();
  EmulatedBoard(const EmulatedBoard&) = delete;
  EmulatedBoard& operator=(const EmulatedBoard&) = delete;

  std::string event_node() const;
  static constexpr const char* kBluetooth = "00:19:1d:5a:7b:9c";

  // One report at `t_s` (CLOCK_MONOTONIC): the corners that changed, then SYN_REPORT.
  void report(double t_s, const Corners& corners);
  void drop(double t_s);  // SYN_DROPPED: the reader's queue overflowed
  // Writing stops (the reader is done): a firmware thread blocked on a full node returns.
  void stop_writing() { stop_writing_ = true; }
  // Switched off: "remove" uevents, reads and ioctls fail with ENODEV, the devices go away.
  void unplug();

 private:
  static gboolean on_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self);
  static gboolean on_read(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self);
  bool answer(UMockdevIoctlClient* client);
  // Events of one time (type, code, value), written whole once the reader has caught up.
  void write_events(double t_s, const std::vector<std::array<int, 3>>& events);

  UMockdevTestbed* testbed_;
  int number_;
  int queue_fd_ = -1;  // the node's other end, only to see how much is unread
  UMockdevIoctlBase* handler_;
  std::string hid_path_, input_path_, event_path_;
  std::mutex mutex_;
  Corners state_{};  // what EVIOCGABS answers
  Corners sent_{-1, -1, -1, -1};
  std::atomic<bool> unplugged_{false};
  std::atomic<bool> stop_writing_{false};
};

// The kernel's corners for a vertical force at `cop` on the board (bilinear over the sensors,
// so their moments put the COP there), in 10 g units, rounded as the kernel rounds.
Corners corners_for(double fz_n, double cop_ml_m, double cop_ap_m);

// Now on CLOCK_MONOTONIC, s.
double monotonic_s();

}  // namespace stance::wii::test
