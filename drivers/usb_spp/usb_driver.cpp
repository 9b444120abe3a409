#include "usb_spp/usb_driver.hpp"

#include <libusb.h>

#include <cmath>
#include <cstdio>

#include "usb_spp/control_requests.hpp"
#include "usb_spp/usb_options.hpp"

namespace stance::usb {
namespace {

constexpr auto kListTimeout = std::chrono::milliseconds(500);

std::string where(const PlateCandidate& c) {
  return c.location() + ", " + to_string(c.speed) + ", " + to_string(c.endpoint.type) +
         " endpoint of " + std::to_string(c.endpoint.max_packet_bytes) + " B";
}

std::string status_text(const spp::StatusBlock& s) {
  std::string text = (s.error_flags & 0x01) != 0 ? "ADC FAULT" : "";
  if ((s.error_flags & 0x02) != 0) {
    text += (text.empty() ? "" : ", ") + std::string("CALIBRATION CHECKSUM BAD");
  }
  if (text.empty()) text = "status ok";
  char temperature[32];
  std::snprintf(temperature, sizeof temperature, ", %.1f degC", s.temperature_c);
  return text + temperature;
}

// A plate nobody here has open: its info and status, read without disturbing a stream.
void describe_closed(PlateCandidate& c, PlateListing& l) {
  libusb_device_handle* raw = nullptr;
  const int r = libusb_open(c.device.get(), &raw);
  if (r != LIBUSB_SUCCESS) {
    l.description = "cannot open it (" + usb_error_text(r) + "); " + where(c);
    return;
  }
  const HandlePtr handle(raw);
  const int claim = libusb_claim_interface(handle.get(), 0);
  PlateControl control(handle.get(), kListTimeout);
  Result<PlateInfo> info = control.get_info();
  if (!info) {
    l.description = info.error().message + "; " + where(c);
  } else {
    l.layout = info->layout;
    l.rate_hz = info->default_rate_hz;
    l.firmware = firmware_text(info->firmware_version);
    Result<spp::StatusBlock> status = control.get_status();
    l.description = (status ? status_text(*status) : "status unknown") +
                    (claim == LIBUSB_ERROR_BUSY ? ", in use by another program" : "") + "; " +
                    where(c);
  }
  if (claim == LIBUSB_SUCCESS) (void)libusb_release_interface(handle.get(), 0);
}

}  // namespace

// "1209:0001+1209:0002", as the ids option takes it.
std::string ids_text(const std::vector<VidPid>& ids) {
  std::string out;
  for (const VidPid& id : ids) out += (out.empty() ? "" : "+") + to_string(id);
  return out;
}

std::string firmware_text(std::uint16_t firmware_version) {
  return std::to_string(firmware_version >> 8) + "." + std::to_string(firmware_version & 0xFF);
}

std::string health_summary(const UsbHealth& h) {
  const StreamCounters& s = h.plate.stream;
  char latency[48];
  std::snprintf(latency, sizeof latency, ", latency %.1f ms (max %.1f)", h.plate.mean_latency_ms,
                h.max_latency_ms);
  return std::to_string(s.frames_received) + " frames, " + std::to_string(s.frames_lost) +
         " lost, " + std::to_string(s.crc_errors) + " CRC errors, " + std::to_string(s.resyncs) +
         " resyncs, " + std::to_string(h.plate.overload_frames) + " overloads, " +
         std::to_string(h.plate.transfer_errors) + " transfer errors" + latency;
}

UsbDriver::UsbDriver(std::vector<VidPid> ids) : ids_(std::move(ids)) {}

std::string UsbDriver::options_help() const {
  return usb_options_help();
}

Result<std::vector<PlateListing>> UsbDriver::list(const std::string& options) {
  std::vector<PlateListing> out;
  const Result<UsbOptions> parsed = parse_usb_options(options);
  if (!parsed) return parsed.error();
  const std::vector<VidPid>& ids = options.empty() ? ids_ : parsed->ids;
  // Other ids than the default must be in the address for --device to find the plate again.
  const std::string ids_option = options.empty() ? "" : ",ids=" + ids_text(ids);
  Result<std::unique_ptr<UsbContext>> context = UsbContext::create();
  if (!context) return out;  // no USB here: no real plates to list
  for (PlateCandidate& c : find_plates((*context)->get(), ids)) {
    if (!parsed->serial.empty() && c.serial != parsed->serial) continue;
    PlateListing l;
    l.serial = c.serial;
    l.address = ids_option.empty() ? (c.serial.empty() ? "usb" : "usb:" + c.serial)
                                   : "usb:serial=" + c.serial + ids_option;
    switch (c.problem) {
      case CandidateProblem::kNoPermission:
        l.description =
            "no permission to open it: install the udev rule (docs/usb-driver.md); " + where(c);
        break;
      case CandidateProblem::kUnsupportedProtocol:
      case CandidateProblem::kNotSpp:
      case CandidateProblem::kOpenFailed:
        l.description = "cannot use it: " + c.problem_text + "; " + c.location();
        break;
      case CandidateProblem::kNone: {
        const bool open_here = open_plates_->with(c.serial, [&](UsbPlate& plate) {
          const UsbHealth h = plate.usb_health();
          l.layout = plate.info().layout;
          l.rate_hz = plate.rate_hz();
          l.firmware = firmware_text(plate.info().firmware_version);
          l.description = std::string("open in Stance, ") +
                          (h.streaming ? "streaming: " : "idle; last stream: ") +
                          health_summary(h) + "; " + where(c);
        });
        if (!open_here) describe_closed(c, l);
        break;
      }
    }
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::unique_ptr<UsbPlate>> UsbDriver::open_usb(const std::string& options) {
  Result<UsbOptions> parsed = parse_usb_options(options);
  if (!parsed) return parsed.error();
  Result<std::unique_ptr<UsbPlate>> plate = UsbPlate::open(*parsed);
  if (!plate) return plate.error();
  (*plate)->set_registry(open_plates_);
  return plate;
}

Result<std::unique_ptr<PlateDevice>> UsbDriver::open(const std::string& options) {
  Result<std::unique_ptr<UsbPlate>> plate = open_usb(options);
  if (!plate) return plate.error();
  return std::unique_ptr<PlateDevice>(std::move(*plate));
}

}  // namespace stance::usb
