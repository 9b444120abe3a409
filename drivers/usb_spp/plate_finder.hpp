#pragma once
// Finding SPP plates on the bus (SPP section 1): devices with one of a configurable list of
// VID:PID pairs whose interface 0 is vendor class 0xFF, subclass 0x53, protocol 0x01, with one IN
// endpoint 0x81 of type bulk or interrupt. Each is opened briefly to read its serial number, the
// one thing that recognises a plate after it was unplugged and plugged back in.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "support/result.hpp"
#include "usb_spp/usb_context.hpp"

namespace stance::usb {

struct VidPid {
  std::uint16_t vendor_id = 0;
  std::uint16_t product_id = 0;
  bool operator==(const VidPid&) const = default;
};
inline constexpr VidPid kDefaultVidPid{0x1209, 0x0001};

std::string to_string(VidPid id);                    // "1209:0001"
std::string to_string(std::span<const VidPid> ids);  // "1209:0001, 1209:0002"
// "1209:0001" (hexadecimal, as lsusb prints it).
Result<VidPid> parse_vid_pid(const std::string& text);

enum class EndpointType : std::uint8_t { kBulk, kInterrupt };
enum class BusSpeed : std::uint8_t { kUnknown, kLow, kFull, kHigh, kSuper };
const char* to_string(EndpointType type);
const char* to_string(BusSpeed speed);

struct EndpointInfo {
  std::uint8_t address = 0x81;
  EndpointType type = EndpointType::kBulk;
  std::uint16_t max_packet_bytes = 64;
  std::uint8_t interval = 0;  // bInterval, for interrupt endpoints
};

enum class CandidateProblem : std::uint8_t {
  kNone,
  kNoPermission,         // cannot open the device node (no udev rule)
  kNotSpp,               // the VID:PID matches but the interface is not an SPP one
  kUnsupportedProtocol,  // an SPP interface, but a protocol other than version 1
  kOpenFailed,           // anything else
};

struct PlateCandidate {
  DevicePtr device;
  VidPid id;
  std::uint8_t bus = 0;
  std::uint8_t address = 0;
  BusSpeed speed = BusSpeed::kUnknown;
  EndpointInfo endpoint;
  std::string serial;  // empty when it could not be read
  CandidateProblem problem = CandidateProblem::kNone;
  std::string problem_text;

  std::string location() const;  // "USB 1209:0001 on bus 1, address 5"
};

// Checks interface 0 of the active configuration: SPP class codes and the IN endpoint.
CandidateProblem check_spp_interface(libusb_device* device, EndpointInfo& endpoint,
                                     std::string& why);

BusSpeed device_speed(libusb_device* device);

// True if the device's VID:PID is one of `ids`.
bool matches(libusb_device* device, std::span<const VidPid> ids);

// Reads a string descriptor as ASCII; an empty string when it has none.
Result<std::string> read_string(libusb_device_handle* handle, std::uint8_t index);
// The serial number of an opened device (its iSerialNumber string).
Result<std::string> read_serial(libusb_device_handle* handle);

// Every device on the bus with one of `ids`, described (not claimed). Opening each one briefly
// reads its serial; a device that cannot be opened is listed with the reason.
std::vector<PlateCandidate> find_plates(libusb_context* context, std::span<const VidPid> ids);

// The candidate to open: the one with `serial`, or the only plate when `serial` is empty. The
// error says what to do: plug a plate in, install the udev rule, choose among several, update.
Result<std::size_t> select_plate(const std::vector<PlateCandidate>& candidates,
                                 const std::string& serial, std::span<const VidPid> ids);

// What to tell a person whose plate cannot be opened for lack of permission.
std::string no_permission_advice();

}  // namespace stance::usb
