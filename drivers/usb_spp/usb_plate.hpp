#pragma once
// One SPP plate on USB as a stance::PlateDevice (docs/usb-driver.md).
//
// Threads. The owner (whoever calls the PlateDevice methods) and the plate's own event thread,
// which runs libusb's event handling: transfer callbacks decode each transfer with the shared
// stance::spp::StreamDecoder into a preallocated buffer and signal read(); hotplug callbacks
// note arrivals and departures. Between rounds the event thread supervises: it clears a halted
// endpoint, closes a plate that is gone and reopens it when the same serial number comes back
// (libusb hotplug where available, else by polling).
//
// Locks. `connection_mutex_` guards the device handle, the transfer pool and the stream state;
// the owner takes it, the event thread only tries it (so it never waits for an owner that waits
// for events). `data_mutex_` guards what the callbacks produce; it is a leaf: nothing is called
// while holding it, apart from the decoder.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "device/plate_device.hpp"
#include "spp_wire/spp_wire.hpp"
#include "usb_spp/plate_finder.hpp"
#include "usb_spp/stream_intake.hpp"
#include "usb_spp/transfer_pool.hpp"
#include "usb_spp/usb_context.hpp"
#include "usb_spp/usb_options.hpp"

namespace stance::usb {

class EventThread;
class OpenPlates;

// Everything PlateHealth has, and what only a USB plate knows.
struct UsbHealth {
  PlateHealth plate;
  std::uint64_t transfers_completed = 0;
  std::uint64_t stalls_cleared = 0;
  std::uint64_t host_overflow_frames = 0;    // read() was not called for too long (also lost)
  std::uint64_t previous_stream_frames = 0;  // the last stream's, arriving late: dropped
  std::uint64_t clock_reanchors = 0;
  double max_latency_ms = 0.0;
  double last_latency_ms = 0.0;
  std::uint64_t disconnects = 0;
  std::uint64_t reconnects = 0;
  bool connected = true;
  bool streaming = false;
};

class UsbPlate final : public PlateDevice, private TransferSink {
 public:
  // Finds the plate (by serial, or the only one), claims interface 0, reads info and
  // calibration, and starts the event thread. Errors say what to do (no plate, no permission,
  // busy, unsupported protocol).
  static Result<std::unique_ptr<UsbPlate>> open(const UsbOptions& options);
  ~UsbPlate() override;
  UsbPlate(const UsbPlate&) = delete;
  UsbPlate& operator=(const UsbPlate&) = delete;

  const PlateInfo& info() const override { return info_; }
  const Calibration& calibration() const override { return calibration_; }
  std::uint16_t rate_hz() const override { return rate_hz_.load(); }
  // Checks the protocol's rates and the plate's maximum first; the plate may still refuse
  // (STALL), which is reported as such.
  Status set_rate(std::uint16_t rate_hz) override;
  Status start() override;
  // STOP_STREAM, then the frames still queued are collected, then every transfer is cancelled
  // and waited for. Frames not yet read stay available to read().
  Status stop() override;
  // Returns kDisconnected (after handing over everything received) while the plate is gone.
  ReadStatus read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                  std::chrono::milliseconds timeout) override;
  PlateHealth health() const override { return usb_health().plate; }

  UsbHealth usb_health() const;
  Result<spp::StatusBlock> status();  // GET_STATUS
  bool connected() const;
  // Waits until the same plate (serial number) is back and reopened; true if it is.
  bool wait_connected(std::chrono::milliseconds timeout) const;
  std::string address() const { return "usb:" + info_.serial; }
  EndpointInfo endpoint() const;
  BusSpeed speed() const;
  TransferPlan transfer_plan() const;  // of the current or last stream
  // The host steady-clock time at which the frame with this t_us was sampled (current stream).
  std::chrono::steady_clock::time_point host_time(std::uint32_t t_us) const;

  // The driver's list of open plates, so `stance devices` can show their live health.
  void set_registry(std::shared_ptr<OpenPlates> registry);

 private:
  UsbPlate(const UsbOptions& options, std::unique_ptr<UsbContext> context);

  // TransferSink: on the thread handling events, inside the callback.
  void on_transfer_data(std::span<const std::uint8_t> bytes,
                        std::chrono::steady_clock::time_point arrival) override;
  void on_transfer_error() override;
  void on_no_device() override;
  void on_stall() override;

  friend struct HotplugAccess;
  void on_hotplug(libusb_device* device, bool arrived);  // inside libusb's hotplug callback
  void mark_disconnected();
  void supervise();                        // event thread, between rounds
  bool drop_connection();                  // with connection_mutex_ held; false: not yet
  bool try_reopen(libusb_device* device);  // with connection_mutex_ held
  std::vector<DevicePtr> poll_candidates();
  Status claim_first(PlateCandidate& candidate, HandlePtr handle);
  Status stop_locked();
  // Waits until no transfer has brought data for a few frame periods (at most 200 ms);
  // `frames_expected`: first until one has (a stream another program left).
  void wait_until_quiet(bool frames_expected = false);
  void start_event_thread();
  Error unplugged_error() const;

  const UsbOptions options_;
  std::unique_ptr<UsbContext> context_;
  PlateInfo info_;
  Calibration calibration_;
  std::atomic<std::uint16_t> rate_hz_{0};
  std::size_t frame_bytes_ = 0;
  std::shared_ptr<OpenPlates> registry_;

  // The connection: the owner holds the lock; the event thread only tries it.
  mutable std::mutex connection_mutex_;
  DevicePtr device_;
  HandlePtr handle_;
  bool claimed_ = false;
  EndpointInfo endpoint_;
  BusSpeed speed_ = BusSpeed::kUnknown;
  TransferPlan plan_;
  std::unique_ptr<TransferPool> pool_;
  std::atomic<bool> streaming_{false};  // written under the lock; health() reads it without
  bool foreign_stream_ = false;  // open() stopped a stream another program left; until start()
  std::vector<DevicePtr> not_this_plate_;  // checked: another serial number (event thread)
  std::chrono::steady_clock::time_point next_poll_{};

  // Set by callbacks so that supervise() has something to do; cheap to test.
  std::atomic<bool> attention_{false};
  std::atomic<libusb_device*> current_device_{nullptr};  // for hotplug "left"

  // What the callbacks produce.
  mutable std::mutex data_mutex_;
  mutable std::condition_variable data_ready_;
  std::unique_ptr<StreamIntake> intake_;
  std::uint64_t stalls_cleared_ = 0;
  bool connected_ = true;
  bool report_disconnect_ = false;  // read() has not yet said kDisconnected for the last unplug
  std::uint64_t disconnects_ = 0;
  std::uint64_t reconnects_ = 0;
  std::vector<libusb_device*> arrivals_;  // referenced; from the hotplug callback
  bool hotplug_registered_ = false;
  int hotplug_handle_ = 0;

  // Owner-side buffers swapped with the pending ones in read().
  std::vector<RawFrame> read_frames_;
  std::vector<RecordingEvent> read_events_;

  std::unique_ptr<EventThread> events_;  // stopped first in the destructor
};

// The plates open in this process through one UsbDriver, by serial number.
class OpenPlates {
 public:
  void add(UsbPlate* plate);
  void remove(UsbPlate* plate);
  // Calls `f` with the open plate of this serial, under the registry's lock; false if none.
  template <typename F>
  bool with(const std::string& serial, F&& f) const {
    std::lock_guard lock(mutex_);
    for (UsbPlate* p : plates_) {
      if (p->info().serial == serial) {
        f(*p);
        return true;
      }
    }
    return false;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<UsbPlate*> plates_;
};

}  // namespace stance::usb
