#pragma once
// An SPP plate (../shared/protocol/spp-usb.md) emulated behind the real libusb: a umockdev ioctl
// handler answers the usbfs ioctls (claim, submit, reap, discard) of the device node, so the
// driver under test runs unmodified against it. The plate's bytes come from the production
// encoders (stance::spp::encode_frame, encode_info, ...). It samples on the wall clock, keeps a
// device FIFO (overflow drops frames and flags the next one, as the protocol says), packs frames
// into packets of wMaxPacketSize (a frame never spans two packets; a short packet ends a
// transfer), applies injected faults, and records what it did as truth for exact checks.
//
// Threads: umockdev calls the handler on its own thread; every public method may be called from
// the test's thread. One mutex guards the state; no umockdev call is made while holding it.
#include <linux/usbdevice_fs.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/plate.hpp"
#include "core/raw_frame.hpp"
#include "usb_emulation/umockdev_api.hpp"
#include "usb_emulation/umockdev_testbed.hpp"

namespace stance::usbemu {

enum class EndpointKind : std::uint8_t { kBulk, kInterrupt };
enum class BusSpeed : std::uint8_t { kFull, kHigh };  // wMaxPacketSize 64 or 512

struct PlateSpec {
  std::uint16_t vendor_id = 0x1209;
  std::uint16_t product_id = 0x0001;
  std::string manufacturer = "Stance test bench";
  std::string product = "Emulated SPP plate";
  std::string serial = "EMU-0001";
  PlateLayout layout = PlateLayout::kFourCell;
  BusSpeed speed = BusSpeed::kFull;
  EndpointKind endpoint = EndpointKind::kBulk;
  std::uint8_t interface_class = 0xFF;
  std::uint8_t interface_subclass = 0x53;
  std::uint8_t interface_protocol = 0x01;
  std::uint16_t protocol_version = 1;  // in the info block
  std::uint16_t firmware_version = 0x0102;
  std::uint16_t max_rate_hz = 2000;
  std::uint16_t default_rate_hz = 1000;
  std::vector<std::uint16_t> refused_rates;  // answered with a STALL although allowed
  std::uint32_t clock_start_us = 123456789;  // device clock when first plugged in
  // An IN transfer waits until this many frames are queued, then takes what fits (a short
  // packet or a full buffer ends it); 0: about 2 ms of frames, or what fits. Fewer completions
  // keep the emulation cheap; a large value keeps transfers in flight until STOP_STREAM.
  int completion_frames = 0;
  int fifo_frames = 4096;  // device buffer; beyond it frames are dropped and flagged
  // After STOP_STREAM, frames still queued go out only in transfers submitted after the host
  // cancelled its transfers: a plate that answers the next stream's first IN tokens with them.
  bool late_leftovers = false;
  // A slower host still: what was queued at STOP_STREAM goes out only after the next
  // START_STREAM, ahead of the new stream's frames and with no pause between them.
  bool leftovers_after_start = false;
  // The longest the handler waits before answering "nothing to reap" (never past the next
  // sample): the emulated file descriptor is always ready, so libusb polls it in a loop; this
  // keeps that loop from spinning a core.
  std::chrono::microseconds idle_reap_delay{200};
};

// Faults, keyed by the seq of the frame concerned (counted from START_STREAM).
struct FaultPlan {
  std::set<std::uint32_t> bad_crc;              // this frame's CRC is wrong
  std::set<std::uint32_t> bad_sync;             // this frame's sync word is wrong
  std::map<std::uint32_t, std::uint32_t> drop;  // frames seq..seq+n-1 are never sent
  std::optional<std::uint32_t> reset_after;     // after this frame the device resets
  std::set<std::uint32_t> overload;             // flags bit 0 (channel 0 at full scale)
  std::set<std::uint32_t> adc_error;            // flags bit 8
  std::set<std::uint64_t> urb_error;            // the n-th IN transfer (from 0) fails with -EPROTO
  std::optional<std::uint64_t> urb_stall;       // the n-th IN transfer STALLs: halted until cleared
};

// What the plate did, for exact comparison with the driver's counters. The stream part (frames,
// faults, transfers completed or failed) counts from the last START_STREAM; the rest from creation.
struct PlateTruth {
  std::uint64_t frames_sent = 0;                 // frames put on the bus (good or corrupted)
  std::uint64_t earlier_stream_frames_sent = 0;  // see leftovers_after_start (not in frames_sent)
  std::uint64_t frames_sent_intact = 0;          // of which neither CRC nor sync was broken
  std::uint64_t bad_crc = 0;
  std::uint64_t bad_sync = 0;        // frames sent with a wrong sync word
  std::uint64_t sync_errors = 0;     // what the host must count: runs of such frames in a transfer
  std::uint64_t resyncs = 0;         // runs followed by a good sync word in the same transfer
  std::uint64_t frames_dropped = 0;  // by FaultPlan::drop and by FIFO overflow
  std::uint64_t fifo_overflows = 0;
  std::uint64_t device_resets = 0;
  std::uint64_t in_urbs_completed = 0;  // with data
  std::uint64_t in_urbs_failed = 0;     // -EPROTO or -EPIPE
  std::uint64_t in_urbs_cancelled = 0;  // discarded by the host
  std::uint64_t in_urbs_shutdown = 0;   // completed -ESHUTDOWN at unplug
  std::uint64_t clear_halts = 0;
  int max_in_urbs_in_flight = 0;
  std::uint64_t late_leftover_frames = 0;  // see PlateSpec::late_leftovers (since creation)
  std::uint64_t starts = 0;
  std::uint64_t stops = 0;
  std::vector<std::uint16_t> set_rate_requests;
  std::uint64_t max_frames_per_urb = 0;
  std::uint64_t short_packets = 0;
  std::vector<unsigned long> unhandled_ioctls;
  std::vector<std::string> protocol_violations;  // what the host did wrong, if anything
};

class EmulatedPlate {
 public:
  EmulatedPlate(Testbed& testbed, PlateSpec spec, FaultPlan faults = {});
  ~EmulatedPlate();
  EmulatedPlate(const EmulatedPlate&) = delete;
  EmulatedPlate& operator=(const EmulatedPlate&) = delete;

  // Adds the device (a new address each time) and sends "add". A plate starts unplugged.
  void plug();
  // "remove" uevent, in-flight transfers end with -ESHUTDOWN, then the device goes away.
  void unplug();
  bool plugged() const;

  void set_faults(const FaultPlan& faults);
  void set_completion_frames(int frames);  // PlateSpec::completion_frames, from now on
  // As a program that crashed would leave it: streaming at `rate_hz`.
  void leave_streaming(std::uint16_t rate_hz);
  // Another program holds interface 0: claims answer EBUSY.
  void set_claimed_elsewhere(bool claimed);
  // The device node can no longer be opened but by root, as without the udev rule (see
  // UnprivilegedScope); takes effect for the current plug.
  void deny_access();
  // The device node becomes mode 0666, as the udev rule's uaccess/MODE would make it.
  void allow_access();

  PlateTruth truth() const;
  int in_urbs_in_flight() const;
  bool streaming() const;
  std::uint16_t rate_hz() const;
  const PlateSpec& spec() const { return spec_; }
  int device_number() const;

  // Waits until the host has `count` IN transfers queued (true) or the timeout passed.
  bool wait_in_flight(int count, std::chrono::milliseconds timeout) const;
  // Waits until at least `frames` frames were sent since the last START_STREAM.
  bool wait_frames_sent(std::uint64_t frames, std::chrono::milliseconds timeout) const;

  // The counts a frame carries, so tests can check every sample arrived intact.
  static std::int32_t counts_for(std::uint32_t seq, int channel);
  static PlateInfo plate_info(const PlateSpec& spec);
  static Calibration calibration(const PlateSpec& spec);

 private:
  // A submitted URB. The test shares the host's address space, so the handler reads and writes
  // the ioctl arguments (struct usbdevfs_urb, its buffer, ...) in place, as the kernel copies
  // them; umockdev's resolve/flush protocol costs several socket round trips per URB and made
  // the emulated bus too slow for 2000 one-frame transfers a second (under ASan: 1400).
  struct Urb {
    UMockdevIoctlClient* client = nullptr;  // owned reference
    usbdevfs_urb* host = nullptr;           // the host's URB, valid until it is reaped
    std::uint8_t* buffer = nullptr;
    std::size_t buffer_bytes = 0;
    int status = 0;
    int actual_length = 0;
    std::uint64_t number = 0;  // in submission order
  };

  static gboolean on_ioctl(UMockdevIoctlBase* handler, UMockdevIoctlClient* client, gpointer self);
  bool handle_ioctl(UMockdevIoctlClient* client);  // with mutex_ held
  std::chrono::microseconds idle_delay(std::chrono::steady_clock::time_point now) const;
  void submit_urb(UMockdevIoctlClient* client, UMockdevIoctlData* arg);
  bool reap_urb(UMockdevIoctlClient* client, UMockdevIoctlData* arg);  // false: nothing
  void discard_urb(UMockdevIoctlClient* client, UMockdevIoctlData* arg);
  void control_request(Urb& urb);
  bool answer_vendor_in(std::uint8_t request, std::uint16_t value, std::vector<std::uint8_t>& out);
  bool answer_vendor_out(std::uint8_t request, std::uint16_t value);
  void sample_until(std::chrono::steady_clock::time_point now);
  bool fill_in_urb(Urb& urb, std::chrono::steady_clock::time_point now);
  void set_node_mode(unsigned mode);
  void reset_stream_truth();  // at START_STREAM: the per-stream part of truth_ starts at 0
  std::uint32_t device_clock_us(std::chrono::steady_clock::time_point at) const;
  void release_urb(Urb& urb);
  void drop_client_state(UMockdevIoctlClient* client);
  std::string descriptors_hex() const;

  Testbed& testbed_;
  const PlateSpec spec_;
  UMockdevIoctlBase* handler_ = nullptr;
  std::vector<std::string> attached_nodes_;  // detached at destruction, when no host is left

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  FaultPlan faults_;
  PlateTruth truth_;
  bool plugged_ = false;
  bool claimed_elsewhere_ = false;
  int device_number_ = 0;
  std::string sys_path_;
  std::string dev_node_;
  UMockdevIoctlClient* claimed_by_ = nullptr;  // owned reference
  std::deque<Urb> in_urbs_;                    // queued on endpoint 0x81, in submission order
  std::deque<Urb> completed_;                  // ready to reap: control, cancelled, failed
  bool halted_ = false;
  std::uint64_t in_urb_index_ = 0;
  std::uint64_t urbs_submitted_ = 0;
  std::uint64_t first_urb_after_stop_ = 0;

  // Sampling.
  const std::chrono::steady_clock::time_point created_ = std::chrono::steady_clock::now();
  bool streaming_ = false;
  std::uint16_t rate_hz_;
  int completion_frames_ = 0;
  std::chrono::steady_clock::time_point started_at_{};
  std::uint64_t samples_taken_ = 0;  // since START_STREAM (sets the pace)
  std::uint32_t next_seq_ = 0;
  std::uint32_t clock_at_start_us_ = 0;
  std::optional<std::uint64_t> reset_at_sample_;  // t_us restarts from 0 after a device reset
  std::uint32_t dropping_ = 0;                    // frames of a FaultPlan::drop still to drop
  bool flag_dropped_ = false;
  std::deque<RawFrame> fifo_;
  std::size_t earlier_stream_queued_ = 0;  // at the FIFO's front (see leftovers_after_start)
};

}  // namespace stance::usbemu
