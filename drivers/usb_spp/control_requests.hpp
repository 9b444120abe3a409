#pragma once
// The SPP control requests (section 2) on an opened plate: vendor requests to interface 0. They
// are synchronous; libusb runs them on the calling thread while the event thread keeps the
// stream going. A STALL means the plate refused: each request says what that means for it.
#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

#include "core/plate.hpp"
#include "spp_wire/spp_wire.hpp"
#include "support/result.hpp"

struct libusb_device_handle;

namespace stance::usb {

enum class ControlFailure : std::uint8_t {
  kNone,
  kStall,     // the plate refused (unsupported request or value)
  kNoDevice,  // unplugged
  kTimeout,
  kBadAnswer,  // wrong length or content
  kOther,
};

class PlateControl {
 public:
  PlateControl(libusb_device_handle* handle, std::chrono::milliseconds timeout)
      : handle_(handle), timeout_(timeout) {}

  // Decoded and checked (magic, protocol version, fields). Strings are not in the block.
  Result<PlateInfo> get_info();
  Result<Calibration> get_calibration(PlateLayout layout);
  Status set_rate(std::uint16_t rate_hz);
  Status start_stream();
  Status stop_stream();
  Result<spp::StatusBlock> get_status();

  // Why the last request failed, for callers that treat "unplugged" apart.
  ControlFailure last_failure() const { return last_failure_; }

 private:
  Result<std::vector<std::uint8_t>> read(spp::Request request, std::size_t length,
                                         const char* what);
  Status write(spp::Request request, std::uint16_t value, const char* what);
  Error failure(int libusb_error, const char* what);

  libusb_device_handle* handle_;
  std::chrono::milliseconds timeout_;
  ControlFailure last_failure_ = ControlFailure::kNone;
};

}  // namespace stance::usb
