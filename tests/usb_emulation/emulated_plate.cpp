#include "usb_emulation/emulated_plate.hpp"

#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <thread>

#include "spp_wire/spp_wire.hpp"

namespace stance::usbemu {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint8_t kEndpointIn = 0x81;
constexpr std::size_t kSetupBytes = 8;
constexpr std::uint8_t kStringManufacturer = 1;
constexpr std::uint8_t kStringProduct = 2;
constexpr std::uint8_t kStringSerial = 3;
constexpr std::uint64_t kNever = ~std::uint64_t{0};

int max_packet_bytes(BusSpeed speed) {
  return speed == BusSpeed::kHigh ? 512 : 64;
}

void hex_bytes(std::string& out, std::initializer_list<int> bytes) {
  char text[3];
  for (int b : bytes) {
    std::snprintf(text, sizeof text, "%02x", b & 0xFF);
    out += text;
  }
}

std::vector<std::uint8_t> string_descriptor(const std::string& text) {
  std::vector<std::uint8_t> out{static_cast<std::uint8_t>(2 + 2 * text.size()), 0x03};
  for (char c : text) {
    out.push_back(static_cast<std::uint8_t>(c));
    out.push_back(0);
  }
  return out;
}

// The ioctl's argument as the host passed it: a pointer in the host's (our own) address space.
template <typename T>
T* host_pointer(UMockdevIoctlData* arg) {
  unsigned long address = 0;
  std::memcpy(&address, arg->data, sizeof address);
  return reinterpret_cast<T*>(address);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Plate data

std::int32_t EmulatedPlate::counts_for(std::uint32_t seq, int channel) {
  // Distinct per frame and channel, some negative, within 24 bits.
  const auto base =
      static_cast<std::int32_t>((seq * 7919u + 13u * static_cast<unsigned>(channel)) % 8000000u);
  return base - 4000000;
}

PlateInfo EmulatedPlate::plate_info(const PlateSpec& spec) {
  PlateInfo info;
  info.protocol_version = spec.protocol_version;
  info.firmware_version = spec.firmware_version;
  info.layout = spec.layout;
  info.adc_bits = 24;
  info.max_rate_hz = spec.max_rate_hz;
  info.default_rate_hz = spec.default_rate_hz;
  info.width_m = 0.4;
  info.length_m = 0.6;
  if (spec.layout == PlateLayout::kFourCell) {
    info.cells = {CellPosition{-0.17, -0.27}, CellPosition{0.17, -0.27}, CellPosition{0.17, 0.27},
                  CellPosition{-0.17, 0.27}};
    info.capacity_n = 2000.0;
  } else {
    info.origin_dz_m = 0.035;
    info.capacity_n = 4000.0;
  }
  info.manufacturer = spec.manufacturer;
  info.product = spec.product;
  info.serial = spec.serial;
  return info;
}

Calibration EmulatedPlate::calibration(const PlateSpec& spec) {
  Calibration c;
  c.calibrated_at_unix_s = 1764000000u;
  for (int i = 0; i < 4; ++i) c.gain_n_per_count[static_cast<std::size_t>(i)] = 0.0005f;
  for (int i = 0; i < 6; ++i) {
    c.matrix[static_cast<std::size_t>(i * 6 + i)] = i < 3 ? 0.001f : 0.0001f;
    c.zero_counts[static_cast<std::size_t>(i)] = 1000 + i;
  }
  if (spec.layout == PlateLayout::kFourCell) {
    for (std::size_t i = 4; i < c.zero_counts.size(); ++i) c.zero_counts[i] = 0;
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Life cycle

EmulatedPlate::EmulatedPlate(Testbed& testbed, PlateSpec spec, FaultPlan faults)
    : testbed_(testbed), spec_(std::move(spec)), faults_(std::move(faults)) {
  rate_hz_ = spec_.default_rate_hz;
  completion_frames_ = spec_.completion_frames;
  handler_ = umockdev_ioctl_base_new();
  g_signal_connect_data(handler_, "handle-ioctl", reinterpret_cast<GCallback>(&on_ioctl), this,
                        nullptr, G_CONNECT_AFTER);
}

EmulatedPlate::~EmulatedPlate() {
  if (plugged()) unplug();
  for (const std::string& node : attached_nodes_) {
    umockdev_testbed_detach_ioctl(testbed_.get(), node.c_str(), nullptr);
  }
  std::lock_guard lock(mutex_);
  for (Urb& u : in_urbs_) release_urb(u);
  for (Urb& u : completed_) release_urb(u);
  in_urbs_.clear();
  completed_.clear();
  if (claimed_by_ != nullptr) g_object_unref(claimed_by_);
  claimed_by_ = nullptr;
  g_object_unref(handler_);
}

std::string EmulatedPlate::descriptors_hex() const {
  const int mps = max_packet_bytes(spec_.speed);
  const bool interrupt = spec_.endpoint == EndpointKind::kInterrupt;
  // bInterval: 1 ms at full speed; 2^(4-1) microframes = 1 ms at high speed.
  const int interval = interrupt ? (spec_.speed == BusSpeed::kHigh ? 4 : 1) : 0;
  std::string hex;
  // Device descriptor: USB 2.0, vendor-defined at interface level, EP0 64 bytes.
  hex_bytes(hex, {18, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 64, spec_.vendor_id & 0xFF,
                  spec_.vendor_id >> 8, spec_.product_id & 0xFF, spec_.product_id >> 8, 0x00, 0x01,
                  kStringManufacturer, kStringProduct, kStringSerial, 1});
  // Configuration 1: one interface, bus powered, 100 mA.
  hex_bytes(hex, {9, 0x02, 9 + 9 + 7, 0, 1, 1, 0, 0x80, 50});
  hex_bytes(hex, {9, 0x04, 0, 0, 1, spec_.interface_class, spec_.interface_subclass,
                  spec_.interface_protocol, 0});
  hex_bytes(hex, {7, 0x05, kEndpointIn, interrupt ? 0x03 : 0x02, mps & 0xFF, mps >> 8, interval});
  return hex;
}

void EmulatedPlate::plug() {
  std::string text;
  {
    std::lock_guard lock(mutex_);
    if (plugged_) return;
    device_number_ = testbed_.next_device_number();
    char node[64];
    std::snprintf(node, sizeof node, "/dev/bus/usb/001/%03d", device_number_);
    dev_node_ = node;
    sys_path_ = "/sys/devices/usb1/1-" + std::to_string(device_number_);
    // A fresh device: not streaming, default rate, nothing queued, not halted.
    streaming_ = false;
    rate_hz_ = spec_.default_rate_hz;
    fifo_.clear();
    halted_ = false;
    plugged_ = true;

    char number[8];
    std::snprintf(number, sizeof number, "%03d", device_number_);
    text = "P: /devices/usb1/1-" + std::to_string(device_number_) + "\n" + "N: bus/usb/001/" +
           number + "\n" +
           "E: SUBSYSTEM=usb\nE: DEVTYPE=usb_device\nE: DRIVER=usb\nE: BUSNUM=001\n" +
           "E: DEVNUM=" + number + "\nE: DEVNAME=" + dev_node_ + "\n" +
           "A: busnum=1\\n\nA: devnum=" + std::to_string(device_number_) + "\\n\n" +
           "A: bConfigurationValue=1\\n\n" +
           "A: speed=" + (spec_.speed == BusSpeed::kHigh ? "480" : "12") + "\\n\n" +
           "A: serial=" + spec_.serial + "\\n\n" + "H: descriptors=" + descriptors_hex() + "\n";
  }
  // The handler is attached before the device appears, so an "add" is never seen without it.
  umockdev_testbed_attach_ioctl(testbed_.get(), dev_node_.c_str(), handler_, nullptr);
  attached_nodes_.push_back(dev_node_);
  umockdev_testbed_add_from_string(testbed_.get(), text.c_str(), nullptr);
}

void EmulatedPlate::unplug() {
  std::string sys_path;
  {
    std::lock_guard lock(mutex_);
    if (!plugged_) return;
    plugged_ = false;
    streaming_ = false;
    sys_path = sys_path_;
  }
  changed_.notify_all();
  umockdev_testbed_uevent(testbed_.get(), sys_path.c_str(), "remove");
  {
    // The host reaps what was in flight (-ESHUTDOWN) on its own event thread.
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(2), [&] { return in_urbs_.empty(); });
  }
  umockdev_testbed_remove_device(testbed_.get(), sys_path.c_str());
}

bool EmulatedPlate::plugged() const {
  std::lock_guard lock(mutex_);
  return plugged_;
}

void EmulatedPlate::set_faults(const FaultPlan& faults) {
  std::lock_guard lock(mutex_);
  faults_ = faults;
}

void EmulatedPlate::set_completion_frames(int frames) {
  std::lock_guard lock(mutex_);
  completion_frames_ = frames;
}

void EmulatedPlate::leave_streaming(std::uint16_t rate_hz) {
  std::lock_guard lock(mutex_);
  rate_hz_ = rate_hz;
  (void)answer_vendor_out(static_cast<std::uint8_t>(spp::Request::kStartStream), 0);
}

void EmulatedPlate::set_claimed_elsewhere(bool claimed) {
  std::lock_guard lock(mutex_);
  claimed_elsewhere_ = claimed;
}

void EmulatedPlate::set_node_mode(unsigned mode) {
  std::string node;
  {
    std::lock_guard lock(mutex_);
    node = dev_node_;
  }
  const std::string root = testbed_.root_dir();
  // The testbed root is private (0700). An unprivileged libusb must be able to create its udev
  // monitor socket there (as in /run on a real system) and reach the emulation socket, so that
  // only the device node's own mode makes the difference.
  chmod(root.c_str(), 0777);
  chmod((root + "/ioctl" + node).c_str(), 0777);
  chmod((root + node).c_str(), static_cast<mode_t>(mode));
}

void EmulatedPlate::deny_access() {
  // 0000 rather than 0600: also denies a test run by the node's owner, when not root.
  set_node_mode(0000);
}

void EmulatedPlate::allow_access() {
  set_node_mode(0666);
}

PlateTruth EmulatedPlate::truth() const {
  std::lock_guard lock(mutex_);
  return truth_;
}

int EmulatedPlate::in_urbs_in_flight() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(in_urbs_.size());
}

bool EmulatedPlate::streaming() const {
  std::lock_guard lock(mutex_);
  return streaming_;
}

std::uint16_t EmulatedPlate::rate_hz() const {
  std::lock_guard lock(mutex_);
  return rate_hz_;
}

int EmulatedPlate::device_number() const {
  std::lock_guard lock(mutex_);
  return device_number_;
}

bool EmulatedPlate::wait_in_flight(int count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout,
                           [&] { return static_cast<int>(in_urbs_.size()) >= count; });
}

bool EmulatedPlate::wait_frames_sent(std::uint64_t frames,
                                     std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return truth_.frames_sent >= frames; });
}

// ---------------------------------------------------------------------------------------------
// usbfs

gboolean EmulatedPlate::on_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self) {
  auto* plate = static_cast<EmulatedPlate*>(self);
  const unsigned long request = umockdev_ioctl_client_get_request(client);
  const bool reap = request == USBDEVFS_REAPURB || request == USBDEVFS_REAPURBNDELAY;
  bool handled = false;
  bool idle = false;
  std::chrono::microseconds delay{0};
  {
    std::lock_guard lock(plate->mutex_);
    if (reap && plate->plugged_) {
      idle = !plate->reap_urb(client, umockdev_ioctl_client_get_arg(client));
      handled = true;
      delay = plate->idle_delay(Clock::now());
    } else {
      handled = plate->handle_ioctl(client);
    }
  }
  plate->changed_.notify_all();
  if (idle) {
    // Nothing to reap: answer after a short pause rather than at once (see PlateSpec).
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
    umockdev_ioctl_client_complete(client, -1, EAGAIN);
  }
  return handled ? TRUE : FALSE;
}

std::chrono::microseconds EmulatedPlate::idle_delay(Clock::time_point now) const {
  if (!streaming_) return spec_.idle_reap_delay;
  // Not past the next sample: a transfer may be ready then.
  const auto next_sample =
      started_at_ + std::chrono::microseconds(samples_taken_ * (1000000u / rate_hz_));
  const auto until = std::chrono::duration_cast<std::chrono::microseconds>(next_sample - now);
  return std::clamp(until, std::chrono::microseconds(0), spec_.idle_reap_delay);
}

bool EmulatedPlate::handle_ioctl(UMockdevIoctlClient* client) {
  UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
  const unsigned long request = umockdev_ioctl_client_get_request(client);
  switch (request) {
    case USBDEVFS_GET_CAPABILITIES: {
      *host_pointer<std::uint32_t>(arg) =
          USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
          USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
      umockdev_ioctl_client_complete(client, 0, 0);
      return true;
    }
    case USBDEVFS_CLAIMINTERFACE:
    case USBDEVFS_RELEASEINTERFACE: {
      if (!plugged_) {
        umockdev_ioctl_client_complete(client, -1, ENODEV);
        return true;
      }
      if (*host_pointer<unsigned int>(arg) != 0) {  // the interface number
        umockdev_ioctl_client_complete(client, -1, EINVAL);
        return true;
      }
      if (claimed_by_ != nullptr && umockdev_ioctl_client_get_connected(claimed_by_) == FALSE) {
        g_object_unref(claimed_by_);  // its program closed the device: the kernel releases it
        claimed_by_ = nullptr;
      }
      if (request == USBDEVFS_CLAIMINTERFACE) {
        if (claimed_elsewhere_ || (claimed_by_ != nullptr && claimed_by_ != client)) {
          umockdev_ioctl_client_complete(client, -1, EBUSY);
          return true;
        }
        if (claimed_by_ == nullptr)
          claimed_by_ = static_cast<UMockdevIoctlClient*>(g_object_ref(client));
      } else if (claimed_by_ == client) {
        g_object_unref(claimed_by_);
        claimed_by_ = nullptr;
      }
      umockdev_ioctl_client_complete(client, 0, 0);
      return true;
    }
    case USBDEVFS_CLEAR_HALT:
    case USBDEVFS_RESETEP: {
      if (!plugged_) {
        umockdev_ioctl_client_complete(client, -1, ENODEV);
        return true;
      }
      if (request == USBDEVFS_CLEAR_HALT) {
        halted_ = false;
        ++truth_.clear_halts;
      }
      umockdev_ioctl_client_complete(client, 0, 0);
      return true;
    }
    case USBDEVFS_SUBMITURB:
      submit_urb(client, arg);
      return true;
    case USBDEVFS_DISCARDURB:
      discard_urb(client, arg);
      return true;
    case USBDEVFS_REAPURB:
    case USBDEVFS_REAPURBNDELAY:
      // Unplugged: hand back what was in flight, then "no device".
      if (!reap_urb(client, arg)) umockdev_ioctl_client_complete(client, -1, ENODEV);
      return true;
    default:
      truth_.unhandled_ioctls.push_back(request);
      return false;
  }
}

void EmulatedPlate::release_urb(Urb& urb) {
  if (urb.client != nullptr) g_object_unref(urb.client);
  urb = Urb{};
}

void EmulatedPlate::drop_client_state(UMockdevIoctlClient* client) {
  // A program that closed the device while transfers were queued: the kernel kills them.
  const auto gone = [&](Urb& u) {
    if (u.client == client) return false;
    if (umockdev_ioctl_client_get_connected(u.client) != FALSE) return false;
    truth_.protocol_violations.push_back("device closed with a transfer in flight");
    release_urb(u);
    return true;
  };
  std::erase_if(in_urbs_, gone);
  std::erase_if(completed_, gone);
}

void EmulatedPlate::submit_urb(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
  if (!plugged_) {
    umockdev_ioctl_client_complete(client, -1, ENODEV);
    return;
  }
  drop_client_state(client);
  Urb u;
  u.host = host_pointer<usbdevfs_urb>(arg);
  const usbdevfs_urb& s = *u.host;
  if (s.buffer_length > 0) {
    u.buffer = static_cast<std::uint8_t*>(s.buffer);
    u.buffer_bytes = static_cast<std::size_t>(s.buffer_length);
  }
  u.client = static_cast<UMockdevIoctlClient*>(g_object_ref(client));
  u.number = urbs_submitted_++;

  if (s.type == USBDEVFS_URB_TYPE_CONTROL && s.endpoint == 0) {
    if (u.buffer == nullptr || u.buffer_bytes < kSetupBytes) {
      release_urb(u);
      umockdev_ioctl_client_complete(client, -1, EINVAL);
      return;
    }
    control_request(u);
    completed_.push_back(u);
    umockdev_ioctl_client_complete(client, 0, 0);
    return;
  }
  const int expected_type = spec_.endpoint == EndpointKind::kInterrupt ? USBDEVFS_URB_TYPE_INTERRUPT
                                                                       : USBDEVFS_URB_TYPE_BULK;
  if (s.endpoint != kEndpointIn || s.type != expected_type) {
    // As the kernel does for an endpoint that does not exist or a transfer type that is wrong.
    truth_.protocol_violations.push_back("IN transfer of the wrong type or endpoint");
    release_urb(u);
    umockdev_ioctl_client_complete(client, -1, s.endpoint != kEndpointIn ? ENOENT : EINVAL);
    return;
  }
  in_urbs_.push_back(u);
  truth_.max_in_urbs_in_flight =
      std::max(truth_.max_in_urbs_in_flight, static_cast<int>(in_urbs_.size()));
  umockdev_ioctl_client_complete(client, 0, 0);
}

void EmulatedPlate::discard_urb(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
  const usbdevfs_urb* target = host_pointer<usbdevfs_urb>(arg);
  for (auto it = in_urbs_.begin(); it != in_urbs_.end(); ++it) {
    if (it->client == client && it->host == target) {
      Urb u = *it;
      in_urbs_.erase(it);
      if (!streaming_ && first_urb_after_stop_ == kNever) first_urb_after_stop_ = urbs_submitted_;
      u.status = -ENOENT;
      u.actual_length = 0;
      ++truth_.in_urbs_cancelled;
      completed_.push_back(u);
      umockdev_ioctl_client_complete(client, 0, 0);
      return;
    }
  }
  umockdev_ioctl_client_complete(client, -1, EINVAL);  // already completed
}

bool EmulatedPlate::reap_urb(UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
  Urb u;
  bool found = false;
  for (auto it = completed_.begin(); it != completed_.end(); ++it) {
    if (it->client == client) {
      u = *it;
      completed_.erase(it);
      found = true;
      break;
    }
  }
  if (!found) {
    for (auto it = in_urbs_.begin(); it != in_urbs_.end(); ++it) {
      if (it->client != client) continue;
      if (!plugged_) {
        u = *it;
        u.status = -ESHUTDOWN;
        u.actual_length = 0;
        ++truth_.in_urbs_shutdown;
        in_urbs_.erase(it);
        found = true;
      } else if (fill_in_urb(*it, Clock::now())) {
        u = *it;
        in_urbs_.erase(it);
        found = true;
      }
      break;  // an endpoint completes its transfers in order
    }
  }
  if (!found) return false;

  u.host->status = u.status;
  u.host->actual_length = u.actual_length;
  *host_pointer<usbdevfs_urb*>(arg) = u.host;  // REAPURB hands back the URB's address
  release_urb(u);
  umockdev_ioctl_client_complete(client, 0, 0);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Control requests (SPP section 2 and the standard string descriptors)

void EmulatedPlate::control_request(Urb& urb) {
  std::uint8_t* bytes = urb.buffer;
  const std::uint8_t request_type = bytes[0];
  const std::uint8_t request = bytes[1];
  const auto value = static_cast<std::uint16_t>(bytes[2] | (bytes[3] << 8));
  const auto index = static_cast<std::uint16_t>(bytes[4] | (bytes[5] << 8));
  const auto length = static_cast<std::uint16_t>(bytes[6] | (bytes[7] << 8));
  const std::size_t room = urb.buffer_bytes - kSetupBytes;

  std::vector<std::uint8_t> answer;
  bool ok = false;
  if (request_type == 0x80 && request == 0x06 && (value >> 8) == 0x03) {  // GET_DESCRIPTOR string
    ok = true;
    switch (value & 0xFF) {
      case 0:
        answer = {4, 0x03, 0x09, 0x04};  // English (US)
        break;
      case kStringManufacturer:
        answer = string_descriptor(spec_.manufacturer);
        break;
      case kStringProduct:
        answer = string_descriptor(spec_.product);
        break;
      case kStringSerial:
        answer = string_descriptor(spec_.serial);
        break;
      default:
        ok = false;
    }
  } else if (request_type == 0xC1 && index == 0) {
    ok = answer_vendor_in(request, value, answer);
  } else if (request_type == 0x41 && index == 0 && length == 0) {
    ok = answer_vendor_out(request, value);
  }
  if (!ok) {
    urb.status = -EPIPE;  // STALL
    urb.actual_length = 0;
    return;
  }
  const std::size_t n = std::min({answer.size(), static_cast<std::size_t>(length), room});
  if (n > 0) std::memcpy(bytes + kSetupBytes, answer.data(), n);
  urb.status = 0;
  urb.actual_length = static_cast<int>(n);
}

bool EmulatedPlate::answer_vendor_in(std::uint8_t request, std::uint16_t value,
                                     std::vector<std::uint8_t>& out) {
  if (value != 0) return false;
  switch (static_cast<spp::Request>(request)) {
    case spp::Request::kGetInfo: {
      const auto block = spp::encode_info(plate_info(spec_));
      out.assign(block.begin(), block.end());
      return true;
    }
    case spp::Request::kGetCalibration:
      out = spp::encode_calibration(spec_.layout, calibration(spec_));
      return true;
    case spp::Request::kGetStatus: {
      spp::StatusBlock status;
      status.streaming = streaming_;
      status.temperature_c = 24.5;
      status.frames_dropped = static_cast<std::uint32_t>(truth_.frames_dropped);
      const auto block = spp::encode_status(status);
      out.assign(block.begin(), block.end());
      return true;
    }
    default:
      return false;
  }
}

bool EmulatedPlate::answer_vendor_out(std::uint8_t request, std::uint16_t value) {
  const auto now = Clock::now();
  switch (static_cast<spp::Request>(request)) {
    case spp::Request::kSetRate: {
      truth_.set_rate_requests.push_back(value);
      const bool refused = std::find(spec_.refused_rates.begin(), spec_.refused_rates.end(),
                                     value) != spec_.refused_rates.end();
      if (streaming_ || refused || !spp::rate_allowed(value, spec_.max_rate_hz)) return false;
      rate_hz_ = value;
      return true;
    }
    case spp::Request::kStartStream:
      if (value != 0) return false;
      streaming_ = true;
      started_at_ = now;
      samples_taken_ = 0;
      next_seq_ = 0;
      dropping_ = 0;
      flag_dropped_ = false;
      reset_at_sample_.reset();
      clock_at_start_us_ = device_clock_us(now);
      if (!spec_.leftovers_after_start) fifo_.clear();
      earlier_stream_queued_ = fifo_.size();
      in_urb_index_ = 0;
      reset_stream_truth();
      ++truth_.starts;
      return true;
    case spp::Request::kStopStream:
      if (value != 0) return false;
      sample_until(now);  // what was sampled stays queued and may still be read
      streaming_ = false;
      first_urb_after_stop_ = kNever;  // set by the host's first cancel (see late_leftovers)
      ++truth_.stops;
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Stream

void EmulatedPlate::reset_stream_truth() {
  PlateTruth fresh;
  fresh.in_urbs_cancelled = truth_.in_urbs_cancelled;
  fresh.in_urbs_shutdown = truth_.in_urbs_shutdown;
  fresh.clear_halts = truth_.clear_halts;
  fresh.max_in_urbs_in_flight = truth_.max_in_urbs_in_flight;
  fresh.starts = truth_.starts;
  fresh.late_leftover_frames = truth_.late_leftover_frames;
  fresh.stops = truth_.stops;
  fresh.set_rate_requests = std::move(truth_.set_rate_requests);
  fresh.unhandled_ioctls = std::move(truth_.unhandled_ioctls);
  fresh.protocol_violations = std::move(truth_.protocol_violations);
  truth_ = std::move(fresh);
}

std::uint32_t EmulatedPlate::device_clock_us(Clock::time_point at) const {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(at - created_).count();
  return static_cast<std::uint32_t>(spec_.clock_start_us + static_cast<std::uint64_t>(us));
}

void EmulatedPlate::sample_until(Clock::time_point now) {
  if (!streaming_) return;
  const std::uint64_t period_us = 1000000u / rate_hz_;
  const auto elapsed_us = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(now - started_at_).count());
  const std::uint64_t due = elapsed_us / period_us + 1;  // sample 0 is taken at START
  const int channels = channel_count(spec_.layout);
  while (samples_taken_ < due) {
    const std::uint64_t k = samples_taken_++;
    const std::uint32_t seq = next_seq_++;
    if (dropping_ == 0) {
      if (const auto it = faults_.drop.find(seq); it != faults_.drop.end()) dropping_ = it->second;
    }
    if (dropping_ > 0) {
      --dropping_;
      ++truth_.frames_dropped;
      flag_dropped_ = true;
      continue;
    }
    if (fifo_.size() >= static_cast<std::size_t>(spec_.fifo_frames)) {
      ++truth_.frames_dropped;
      ++truth_.fifo_overflows;
      flag_dropped_ = true;
      continue;
    }
    RawFrame frame;
    frame.seq = seq;
    frame.t_us = reset_at_sample_ ? static_cast<std::uint32_t>((k - *reset_at_sample_) * period_us)
                                  : static_cast<std::uint32_t>(clock_at_start_us_ + k * period_us);
    if (flag_dropped_) frame.flags |= frame_flag::kDeviceDropped;
    if (faults_.overload.count(seq) != 0) frame.flags |= 0x0001;
    if (faults_.adc_error.count(seq) != 0) frame.flags |= frame_flag::kAdcError;
    flag_dropped_ = false;
    for (int c = 0; c < channels; ++c)
      frame.counts[static_cast<std::size_t>(c)] = counts_for(seq, c);
    fifo_.push_back(frame);
    if (faults_.reset_after && *faults_.reset_after == seq) {
      faults_.reset_after.reset();
      next_seq_ = 0;
      reset_at_sample_ = k + 1;
      ++truth_.device_resets;
    }
  }
}

bool EmulatedPlate::fill_in_urb(Urb& urb, Clock::time_point now) {
  const std::size_t capacity = urb.buffer_bytes;
  if (halted_) {  // a halted endpoint STALLs every transfer until CLEAR_FEATURE(HALT)
    urb.status = -EPIPE;
    urb.actual_length = 0;
    ++truth_.in_urbs_failed;
    return true;
  }
  sample_until(now);
  const int channels = channel_count(spec_.layout);
  const std::size_t frame_bytes = spp::frame_size(channels);
  const auto packet = static_cast<std::size_t>(max_packet_bytes(spec_.speed));
  const std::size_t per_packet = packet / frame_bytes;
  const bool full_packets = per_packet * frame_bytes == packet;
  std::size_t room = (capacity / packet) * per_packet + (capacity % packet) / frame_bytes;
  // A short packet ends a transfer, and an interrupt endpoint sends one packet per interval.
  if (!full_packets || spec_.endpoint == EndpointKind::kInterrupt)
    room = std::min(room, per_packet);
  if (room == 0) {
    truth_.protocol_violations.push_back("IN transfer too small for one frame");
    urb.status = -EOVERFLOW;
    urb.actual_length = 0;
    return true;
  }
  // A transfer waits for completion_frames frames, even beyond its room; by default for about
  // 2 ms of frames or what fits.
  const std::size_t want = completion_frames_ > 0
                               ? static_cast<std::size_t>(completion_frames_)
                               : std::min(std::max<std::size_t>(1, rate_hz_ / 500u), room);
  if (fifo_.empty() || (streaming_ && fifo_.size() < want)) return false;
  if (!streaming_ && spec_.leftovers_after_start) return false;
  const bool late = !streaming_ && spec_.late_leftovers;
  if (late && urb.number < first_urb_after_stop_) return false;

  const std::uint64_t index = in_urb_index_++;
  if (faults_.urb_error.count(index) != 0) {
    urb.status = -EPROTO;  // a bus error: nothing delivered, the frames stay queued
    urb.actual_length = 0;
    ++truth_.in_urbs_failed;
    return true;
  }
  if (faults_.urb_stall && *faults_.urb_stall == index) {
    halted_ = true;
    urb.status = -EPIPE;
    urb.actual_length = 0;
    ++truth_.in_urbs_failed;
    return true;
  }

  const std::size_t n = std::min(fifo_.size(), room);
  std::vector<std::uint8_t> bytes;
  bytes.reserve(n * frame_bytes);
  std::vector<bool> bad_sync(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const RawFrame& f = fifo_[i];
    const std::size_t at = bytes.size();
    spp::encode_frame(f, channels, bytes);
    if (faults_.bad_sync.count(f.seq) != 0) {
      bytes[at] = 0x00;
      bytes[at + 1] = 0x00;
      bad_sync[i] = true;
      ++truth_.bad_sync;
    } else if (faults_.bad_crc.count(f.seq) != 0) {
      bytes[at + frame_bytes - 4] ^= 0xFF;
      ++truth_.bad_crc;
    } else {
      ++truth_.frames_sent_intact;
    }
  }
  // What the host's resynchronisation must find: one sync error per run of bad sync words, and a
  // resync when a good sync word follows in the same transfer.
  for (std::size_t i = 0; i < n; ++i) {
    if (!bad_sync[i] || (i > 0 && bad_sync[i - 1])) continue;
    ++truth_.sync_errors;
    std::size_t j = i;
    while (j < n && bad_sync[j]) ++j;
    if (j < n) ++truth_.resyncs;
  }
  fifo_.erase(fifo_.begin(), fifo_.begin() + static_cast<std::ptrdiff_t>(n));
  std::memcpy(urb.buffer, bytes.data(), bytes.size());
  urb.status = 0;
  urb.actual_length = static_cast<int>(bytes.size());
  const std::size_t earlier = std::min(n, earlier_stream_queued_);
  earlier_stream_queued_ -= earlier;
  truth_.earlier_stream_frames_sent += earlier;
  truth_.frames_sent_intact -= earlier;  // the test plans no faults for them
  truth_.frames_sent += n - earlier;
  if (late) truth_.late_leftover_frames += n;
  ++truth_.in_urbs_completed;
  truth_.max_frames_per_urb = std::max<std::uint64_t>(truth_.max_frames_per_urb, n);
  if (bytes.size() % packet != 0) ++truth_.short_packets;
  return true;
}

}  // namespace stance::usbemu
