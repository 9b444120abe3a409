#include "usb_spp/control_requests.hpp"

#include <libusb.h>

#include <string>

#include "usb_spp/usb_context.hpp"

namespace stance::usb {
namespace {

// Device-to-host (or host-to-device), vendor, interface: SPP section 2.
constexpr std::uint8_t kVendorInterfaceIn = 0xC1;
constexpr std::uint8_t kVendorInterfaceOut = 0x41;
constexpr std::uint16_t kInterface = 0;

}  // namespace

Error PlateControl::failure(int libusb_error, const char* what) {
  switch (libusb_error) {
    case LIBUSB_ERROR_PIPE:
      last_failure_ = ControlFailure::kStall;
      return Error{std::string("the plate refused ") + what + " (it answered with a STALL)"};
    case LIBUSB_ERROR_NO_DEVICE:
      last_failure_ = ControlFailure::kNoDevice;
      return Error{std::string("the plate was unplugged during ") + what +
                   "; plug it back in (Stance finds it again by its serial number)"};
    case LIBUSB_ERROR_TIMEOUT:
      last_failure_ = ControlFailure::kTimeout;
      return Error{std::string("the plate did not answer ") + what +
                   " in time; unplug it, plug it back in and try again"};
    default:
      last_failure_ = ControlFailure::kOther;
      return Error{std::string(what) + " failed: " + usb_error_text(libusb_error)};
  }
}

Result<std::vector<std::uint8_t>> PlateControl::read(spp::Request request, std::size_t length,
                                                     const char* what) {
  last_failure_ = ControlFailure::kNone;
  std::vector<std::uint8_t> block(length);
  const int n = libusb_control_transfer(
      handle_, kVendorInterfaceIn, static_cast<std::uint8_t>(request), 0, kInterface, block.data(),
      static_cast<std::uint16_t>(length), static_cast<unsigned>(timeout_.count()));
  if (n < 0) return failure(n, what);
  block.resize(static_cast<std::size_t>(n));  // short answers are reported by the decoders
  return block;
}

Status PlateControl::write(spp::Request request, std::uint16_t value, const char* what) {
  last_failure_ = ControlFailure::kNone;
  const int r = libusb_control_transfer(handle_, kVendorInterfaceOut,
                                        static_cast<std::uint8_t>(request), value, kInterface,
                                        nullptr, 0, static_cast<unsigned>(timeout_.count()));
  if (r < 0) return failure(r, what);
  return {};
}

Result<PlateInfo> PlateControl::get_info() {
  auto block = read(spp::Request::kGetInfo, spp::kInfoBlockSize, "GET_INFO");
  if (!block) {
    if (last_failure_ == ControlFailure::kStall) {
      return Error{
          "the device refused GET_INFO: it does not speak SPP version 1 (update Stance "
          "or the plate's firmware)"};
    }
    return block.error();
  }
  const std::vector<std::uint8_t>& bytes = *block;
  const bool spp_magic =
      bytes.size() >= 6 && bytes[0] == 'S' && bytes[1] == 'P' && bytes[2] == 'P' && bytes[3] == '1';
  if (spp_magic) {
    const auto version = static_cast<std::uint16_t>(bytes[4] | (bytes[5] << 8));
    if (version != spp::kProtocolVersion) {
      last_failure_ = ControlFailure::kBadAnswer;
      return Error{"unsupported protocol version: the plate speaks SPP version " +
                   std::to_string(version) + " and this Stance speaks version " +
                   std::to_string(spp::kProtocolVersion) + "; update Stance to use this plate"};
    }
  }
  Result<PlateInfo> info = spp::decode_info(bytes);
  if (!info) {
    last_failure_ = ControlFailure::kBadAnswer;
    return Error{"the plate's info block is not usable: " + info.error().message};
  }
  return info;
}

Result<Calibration> PlateControl::get_calibration(PlateLayout layout) {
  auto block =
      read(spp::Request::kGetCalibration, spp::calibration_block_size(layout), "GET_CALIBRATION");
  if (!block) return block.error();
  Result<Calibration> calibration = spp::decode_calibration(layout, *block);
  if (!calibration) {
    last_failure_ = ControlFailure::kBadAnswer;
    return Error{"the plate's factory calibration is not usable (" + calibration.error().message +
                 "); the plate needs service"};
  }
  return calibration;
}

Status PlateControl::set_rate(std::uint16_t rate_hz) {
  return write(spp::Request::kSetRate, rate_hz, "SET_RATE");
}

Status PlateControl::start_stream() {
  return write(spp::Request::kStartStream, 0, "START_STREAM");
}

Status PlateControl::stop_stream() {
  return write(spp::Request::kStopStream, 0, "STOP_STREAM");
}

Result<spp::StatusBlock> PlateControl::get_status() {
  auto block = read(spp::Request::kGetStatus, spp::kStatusBlockSize, "GET_STATUS");
  if (!block) return block.error();
  Result<spp::StatusBlock> status = spp::decode_status(*block);
  if (!status) {
    last_failure_ = ControlFailure::kBadAnswer;
    return Error{"the plate's status block is not usable: " + status.error().message};
  }
  return status;
}

}  // namespace stance::usb
