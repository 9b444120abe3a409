#pragma once
// A libusb context and owning handles, so that every libusb object has exactly one owner. Only
// this driver includes <libusb.h>; its headers forward-declare the few libusb types they name.
#include <memory>
#include <string>

#include "support/result.hpp"

struct libusb_context;
struct libusb_device;
struct libusb_device_handle;

namespace stance::usb {

// A libusb error code in words a person can act on (libusb_error_name is for programmers).
std::string usb_error_text(int libusb_error);

struct DeviceUnref {
  void operator()(libusb_device* device) const;
};
struct HandleClose {
  void operator()(libusb_device_handle* handle) const;
};
using DevicePtr = std::unique_ptr<libusb_device, DeviceUnref>;
using HandlePtr = std::unique_ptr<libusb_device_handle, HandleClose>;

// Takes a new reference to `device`.
DevicePtr ref_device(libusb_device* device);

class UsbContext {
 public:
  static Result<std::unique_ptr<UsbContext>> create();
  ~UsbContext();
  UsbContext(const UsbContext&) = delete;
  UsbContext& operator=(const UsbContext&) = delete;

  libusb_context* get() const { return context_; }
  // libusb can report arrivals and departures on this platform (else the driver polls).
  static bool has_hotplug();

 private:
  explicit UsbContext(libusb_context* context) : context_(context) {}
  libusb_context* context_;
};

}  // namespace stance::usb
