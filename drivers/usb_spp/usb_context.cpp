#include "usb_spp/usb_context.hpp"

#include <libusb.h>

namespace stance::usb {

std::string usb_error_text(int libusb_error) {
  switch (libusb_error) {
    case LIBUSB_SUCCESS:
      return "no error";
    case LIBUSB_ERROR_IO:
      return "input/output error on the USB bus";
    case LIBUSB_ERROR_INVALID_PARAM:
      return "invalid parameter (a bug in Stance)";
    case LIBUSB_ERROR_ACCESS:
      return "no permission to use the device";
    case LIBUSB_ERROR_NO_DEVICE:
      return "the device is gone (unplugged)";
    case LIBUSB_ERROR_NOT_FOUND:
      return "not found";
    case LIBUSB_ERROR_BUSY:
      return "the device is in use by another program";
    case LIBUSB_ERROR_TIMEOUT:
      return "the device did not answer in time";
    case LIBUSB_ERROR_OVERFLOW:
      return "the device sent more data than asked for";
    case LIBUSB_ERROR_PIPE:
      return "the device refused the request (STALL)";
    case LIBUSB_ERROR_INTERRUPTED:
      return "interrupted";
    case LIBUSB_ERROR_NO_MEM:
      return "out of memory";
    case LIBUSB_ERROR_NOT_SUPPORTED:
      return "not supported on this system";
    default:
      return std::string("USB error ") + libusb_error_name(libusb_error);
  }
}

void DeviceUnref::operator()(libusb_device* device) const {
  libusb_unref_device(device);
}

void HandleClose::operator()(libusb_device_handle* handle) const {
  libusb_close(handle);
}

DevicePtr ref_device(libusb_device* device) {
  return DevicePtr(libusb_ref_device(device));
}

Result<std::unique_ptr<UsbContext>> UsbContext::create() {
  libusb_context* context = nullptr;
  const int r = libusb_init(&context);
  if (r != LIBUSB_SUCCESS) {
    return Error{"cannot use USB on this computer: " + usb_error_text(r)};
  }
  return std::unique_ptr<UsbContext>(new UsbContext(context));
}

UsbContext::~UsbContext() {
  libusb_exit(context_);
}

bool UsbContext::has_hotplug() {
  return libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) != 0;
}

}  // namespace stance::usb
