#include "usb_spp/plate_finder.hpp"

#include <libusb.h>

#include <charconv>
#include <cstdio>

namespace stance::usb {
namespace {

constexpr std::uint8_t kSppInterfaceClass = 0xFF;  // vendor specific
constexpr std::uint8_t kSppInterfaceSubclass = 0x53;
constexpr std::uint8_t kSppInterfaceProtocol = 0x01;  // SPP version 1
constexpr std::uint8_t kSppEndpoint = 0x81;

std::string hex4(std::uint16_t value) {
  char text[8];
  std::snprintf(text, sizeof text, "%04x", static_cast<unsigned>(value));
  return text;
}

BusSpeed bus_speed(int libusb_speed) {
  switch (libusb_speed) {
    case LIBUSB_SPEED_LOW:
      return BusSpeed::kLow;
    case LIBUSB_SPEED_FULL:
      return BusSpeed::kFull;
    case LIBUSB_SPEED_HIGH:
      return BusSpeed::kHigh;
    case LIBUSB_SPEED_SUPER:
    case LIBUSB_SPEED_SUPER_PLUS:
      return BusSpeed::kSuper;
    default:
      return BusSpeed::kUnknown;
  }
}

std::string serial_list(const std::vector<PlateCandidate>& candidates) {
  std::string text;
  for (const PlateCandidate& c : candidates) {
    if (c.problem != CandidateProblem::kNone) continue;
    text += (text.empty() ? "" : ", ") + (c.serial.empty() ? "(no serial)" : c.serial);
  }
  return text;
}

}  // namespace

std::string to_string(VidPid id) {
  return hex4(id.vendor_id) + ":" + hex4(id.product_id);
}

std::string to_string(std::span<const VidPid> ids) {
  std::string text;
  for (const VidPid& id : ids) text += (text.empty() ? "" : ", ") + to_string(id);
  return text;
}

Result<VidPid> parse_vid_pid(const std::string& text) {
  const auto colon = text.find(':');
  const auto parse = [](std::string_view part, std::uint16_t& out) {
    if (part.empty() || part.size() > 4) return false;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out, 16);
    return ec == std::errc() && end == part.data() + part.size();
  };
  VidPid id;
  const std::string_view view(text);
  if (colon == std::string::npos || !parse(view.substr(0, colon), id.vendor_id) ||
      !parse(view.substr(colon + 1), id.product_id)) {
    return Error{"'" + text + "' is not a USB VID:PID in hexadecimal, e.g. 1209:0001"};
  }
  return id;
}

const char* to_string(EndpointType type) {
  return type == EndpointType::kBulk ? "bulk" : "interrupt";
}

const char* to_string(BusSpeed speed) {
  switch (speed) {
    case BusSpeed::kLow:
      return "low speed";
    case BusSpeed::kFull:
      return "full speed";
    case BusSpeed::kHigh:
      return "high speed";
    case BusSpeed::kSuper:
      return "super speed";
    case BusSpeed::kUnknown:
      break;
  }
  return "unknown speed";
}

std::string PlateCandidate::location() const {
  return "USB " + to_string(id) + " on bus " + std::to_string(bus) + ", address " +
         std::to_string(address);
}

std::string no_permission_advice() {
  return "install the udev rule shipped with Stance (udev/60-stance-spp.rules): sudo cp "
         "udev/60-stance-spp.rules /etc/udev/rules.d/ && sudo udevadm control --reload-rules && "
         "sudo udevadm trigger, then unplug the plate and plug it back in (docs/usb-driver.md)";
}

BusSpeed device_speed(libusb_device* device) {
  return bus_speed(libusb_get_device_speed(device));
}

bool matches(libusb_device* device, std::span<const VidPid> ids) {
  libusb_device_descriptor descriptor{};
  if (libusb_get_device_descriptor(device, &descriptor) != LIBUSB_SUCCESS) return false;
  for (const VidPid& id : ids) {
    if (descriptor.idVendor == id.vendor_id && descriptor.idProduct == id.product_id) return true;
  }
  return false;
}

CandidateProblem check_spp_interface(libusb_device* device, EndpointInfo& endpoint,
                                     std::string& why) {
  libusb_config_descriptor* config = nullptr;
  if (libusb_get_active_config_descriptor(device, &config) != LIBUSB_SUCCESS) {
    // Unconfigured devices report no active configuration; SPP plates use configuration 1.
    if (libusb_get_config_descriptor(device, 0, &config) != LIBUSB_SUCCESS) {
      why = "it has no readable configuration descriptor";
      return CandidateProblem::kNotSpp;
    }
  }
  CandidateProblem problem = CandidateProblem::kNotSpp;
  if (config->bNumInterfaces < 1 || config->interface[0].num_altsetting < 1) {
    why = "it has no interface 0";
  } else {
    const libusb_interface_descriptor& alt = config->interface[0].altsetting[0];
    if (alt.bInterfaceClass != kSppInterfaceClass ||
        alt.bInterfaceSubClass != kSppInterfaceSubclass) {
      char text[96];
      std::snprintf(text, sizeof text,
                    "its interface 0 has class 0x%02X/0x%02X, not the SPP class 0xFF/0x53",
                    alt.bInterfaceClass, alt.bInterfaceSubClass);
      why = text;
    } else if (alt.bInterfaceProtocol != kSppInterfaceProtocol) {
      why = "it speaks SPP version " + std::to_string(alt.bInterfaceProtocol) +
            " (interface protocol); this Stance speaks version 1: update Stance";
      problem = CandidateProblem::kUnsupportedProtocol;
    } else {
      const libusb_endpoint_descriptor* in = nullptr;
      for (int i = 0; i < alt.bNumEndpoints; ++i) {
        if (alt.endpoint[i].bEndpointAddress == kSppEndpoint) in = &alt.endpoint[i];
      }
      const int type = in == nullptr ? -1 : (in->bmAttributes & LIBUSB_TRANSFER_TYPE_MASK);
      if (in == nullptr) {
        why = "its interface 0 has no IN endpoint 0x81";
      } else if (type != LIBUSB_TRANSFER_TYPE_BULK && type != LIBUSB_TRANSFER_TYPE_INTERRUPT) {
        why = "its endpoint 0x81 is neither bulk nor interrupt";
      } else if ((in->wMaxPacketSize & 0x7FF) == 0) {
        why = "its endpoint 0x81 has a packet size of 0";
      } else {
        endpoint.address = kSppEndpoint;
        endpoint.type =
            type == LIBUSB_TRANSFER_TYPE_BULK ? EndpointType::kBulk : EndpointType::kInterrupt;
        endpoint.max_packet_bytes = static_cast<std::uint16_t>(in->wMaxPacketSize & 0x7FF);
        endpoint.interval = in->bInterval;
        problem = CandidateProblem::kNone;
      }
    }
  }
  libusb_free_config_descriptor(config);
  return problem;
}

Result<std::string> read_string(libusb_device_handle* handle, std::uint8_t index) {
  if (index == 0) return std::string();
  unsigned char text[256];
  const int n = libusb_get_string_descriptor_ascii(handle, index, text, sizeof text);
  if (n < 0) return Error{"cannot read a string descriptor: " + usb_error_text(n)};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(n));
}

Result<std::string> read_serial(libusb_device_handle* handle) {
  libusb_device_descriptor descriptor{};
  const int r = libusb_get_device_descriptor(libusb_get_device(handle), &descriptor);
  if (r != LIBUSB_SUCCESS) return Error{"cannot read the device descriptor: " + usb_error_text(r)};
  return read_string(handle, descriptor.iSerialNumber);
}

std::vector<PlateCandidate> find_plates(libusb_context* context, std::span<const VidPid> ids) {
  std::vector<PlateCandidate> out;
  libusb_device** list = nullptr;
  const ssize_t count = libusb_get_device_list(context, &list);
  if (count < 0) return out;
  for (ssize_t i = 0; i < count; ++i) {
    libusb_device* device = list[i];
    if (!matches(device, ids)) continue;
    libusb_device_descriptor descriptor{};
    (void)libusb_get_device_descriptor(device, &descriptor);
    PlateCandidate c;
    c.device = ref_device(device);
    c.id = VidPid{descriptor.idVendor, descriptor.idProduct};
    c.bus = libusb_get_bus_number(device);
    c.address = libusb_get_device_address(device);
    c.speed = device_speed(device);
    c.problem = check_spp_interface(device, c.endpoint, c.problem_text);
    if (c.problem != CandidateProblem::kNotSpp) {
      libusb_device_handle* raw = nullptr;
      const int r = libusb_open(device, &raw);
      if (r == LIBUSB_SUCCESS) {
        const HandlePtr handle(raw);
        Result<std::string> serial = read_serial(handle.get());
        if (serial) c.serial = *serial;
      } else if (c.problem == CandidateProblem::kNone) {
        c.problem = r == LIBUSB_ERROR_ACCESS ? CandidateProblem::kNoPermission
                                             : CandidateProblem::kOpenFailed;
        c.problem_text = usb_error_text(r);
      }
    }
    out.push_back(std::move(c));
  }
  libusb_free_device_list(list, 1);
  return out;
}

Result<std::size_t> select_plate(const std::vector<PlateCandidate>& candidates,
                                 const std::string& serial, std::span<const VidPid> ids) {
  std::vector<std::size_t> usable;
  std::string no_permission;
  std::string unsupported;
  std::string other;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const PlateCandidate& c = candidates[i];
    const bool serial_matches = serial.empty() || c.serial == serial;
    switch (c.problem) {
      case CandidateProblem::kNone:
        if (serial_matches) usable.push_back(i);
        break;
      case CandidateProblem::kNoPermission:  // its serial is unknown: it may be the one
        no_permission += (no_permission.empty() ? "" : "; ") + c.location();
        break;
      case CandidateProblem::kUnsupportedProtocol:
        if (serial_matches) {
          unsupported += (unsupported.empty() ? "" : "; ") + c.location() + ": " + c.problem_text;
        }
        break;
      case CandidateProblem::kNotSpp:
      case CandidateProblem::kOpenFailed:
        if (serial_matches) {
          other += (other.empty() ? "" : "; ") + c.location() + ": " + c.problem_text;
        }
        break;
    }
  }
  if (usable.size() == 1) return usable.front();
  if (usable.size() > 1) {
    return Error{std::to_string(usable.size()) + " SPP plates are connected (serial numbers " +
                 serial_list(candidates) +
                 "); choose one with --device usb:SERIAL (`stance devices` lists them)"};
  }
  if (!no_permission.empty()) {
    return Error{"no permission to open the SPP plate (" + no_permission +
                 "): " + no_permission_advice()};
  }
  if (!unsupported.empty()) return Error{"unsupported plate (" + unsupported + ")"};
  if (!other.empty()) return Error{"cannot use the device (" + other + ")"};
  const std::string looked = "looked for USB IDs " + to_string(ids);
  if (!serial.empty()) {
    const std::string others = serial_list(candidates);
    return Error{"no SPP plate with serial number " + serial + " is connected (" + looked +
                 (others.empty() ? "" : "; connected: " + others) +
                 "); check its cable and power, or run `stance devices`"};
  }
  return Error{"no SPP force plate found on USB (" + looked +
               "); check that the plate is plugged in and switched on, or give its IDs with "
               "--device usb:ids=VID:PID"};
}

}  // namespace stance::usb
