#pragma once
// An in-process umockdev testbed: a private /sys and /dev that the real libusb Linux backend sees
// through libumockdev-preload (linked into the test with --no-as-needed). Create it before any
// libusb context and destroy it after the last one has exited.
#include <string>

#include "usb_emulation/umockdev_api.hpp"

namespace stance::usbemu {

class Testbed {
 public:
  Testbed();
  ~Testbed();
  Testbed(const Testbed&) = delete;
  Testbed& operator=(const Testbed&) = delete;

  // False when the preload library is not active: nothing of the testbed is visible then.
  static bool preload_active();

  UMockdevTestbed* get() const { return testbed_; }
  std::string root_dir() const { return root_dir_; }
  // USB device addresses on bus 1 are never reused, as in the kernel.
  int next_device_number() { return next_device_number_++; }

 private:
  UMockdevTestbed* testbed_ = nullptr;
  std::string root_dir_;
  int next_device_number_ = 2;
};

// Runs a scope with this thread's file-system uid set to an unprivileged user, so that opening a
// device node of mode 0600 fails with EACCES as it would for a user without the udev rule.
// setfsuid is per thread, so libusb's and umockdev's own threads are unaffected.
class UnprivilegedScope {
 public:
  UnprivilegedScope();
  ~UnprivilegedScope();
  UnprivilegedScope(const UnprivilegedScope&) = delete;
  UnprivilegedScope& operator=(const UnprivilegedScope&) = delete;

 private:
  unsigned previous_fsuid_ = 0;
};

}  // namespace stance::usbemu
