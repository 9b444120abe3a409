#pragma once
// N asynchronous IN transfers kept in flight on the plate's endpoint (bulk or interrupt, as its
// descriptor says), each resubmitted from its completion callback. The callback hands the bytes
// to a TransferSink and resubmits; it never blocks, allocates or logs. Stop: an atomic flag ends
// resubmission, every transfer is cancelled, and wait_idle() waits on a condition variable until
// none is in flight (someone must be handling libusb events meanwhile: the event thread).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <vector>

#include "support/result.hpp"
#include "usb_spp/plate_finder.hpp"

struct libusb_transfer;
struct libusb_device_handle;

namespace stance::usb {

// How many transfers, and how big, for a stream. A frame never spans two packets, so a packet
// holds floor(wMaxPacketSize / frame) frames. A transfer holds about `span` of frames in whole
// packets, or exactly one packet when frames cannot fill a packet (then every packet is short
// and ends its transfer). There are enough transfers queued to cover `span` even if every one
// comes back with a single frame: a device answers each IN token with what it has, so short
// packets, which end a transfer early, are the normal case at these rates.
struct TransferPlan {
  int transfers = 4;
  std::size_t transfer_bytes = 0;
  std::size_t frames_per_packet = 1;
  std::size_t frames_per_transfer = 1;  // capacity of one transfer
};
TransferPlan plan_transfers(const EndpointInfo& endpoint, std::size_t frame_bytes,
                            std::uint16_t rate_hz,
                            std::chrono::microseconds span = std::chrono::milliseconds(10));

class TransferSink {
 public:
  // All on the thread handling libusb events, inside the completion callback.
  virtual void on_transfer_data(std::span<const std::uint8_t> bytes,
                                std::chrono::steady_clock::time_point arrival) = 0;
  virtual void on_transfer_error() = 0;  // a failed transfer (counted by the sink)
  virtual void on_no_device() = 0;       // the plate is gone
  virtual void on_stall() = 0;           // the endpoint halted: clear_halt() is needed

 protected:
  ~TransferSink() = default;
};

class TransferPool {
 public:
  TransferPool(libusb_device_handle* handle, const EndpointInfo& endpoint, const TransferPlan& plan,
               TransferSink& sink);
  // Cancels and waits if any transfer is still in flight; if they never finish (no one handles
  // events) their memory is left allocated rather than freed under libusb.
  ~TransferPool();
  TransferPool(const TransferPool&) = delete;
  TransferPool& operator=(const TransferPool&) = delete;

  Status submit_all();
  void cancel_all();  // from now on nothing is resubmitted
  bool wait_idle(std::chrono::milliseconds timeout);
  int in_flight() const;
  bool stopping() const { return stopping_.load(); }

  // After a STALL: clears the endpoint halt (synchronous: not from a callback) and resubmits
  // the transfers that stalled. Returns false if the halt could not be cleared.
  bool recover_from_stall();
  bool has_stalled() const;

  const TransferPlan& plan() const { return plan_; }

 private:
  struct Slot {
    TransferPool* pool = nullptr;
    libusb_transfer* transfer = nullptr;
    std::vector<std::uint8_t> buffer;
  };
  static void on_complete(libusb_transfer* transfer);
  void complete(Slot& slot);
  Status submit(Slot& slot);
  void finished(Slot& slot, bool stalled);

  libusb_device_handle* handle_;
  EndpointInfo endpoint_;
  TransferPlan plan_;
  TransferSink& sink_;
  std::vector<Slot> slots_;  // never resized after construction: callbacks point into it
  std::atomic<bool> stopping_{false};
  int consecutive_errors_ = 0;  // only touched in callbacks

  mutable std::mutex mutex_;
  std::condition_variable idle_;
  int in_flight_ = 0;
  std::vector<Slot*> stalled_;  // capacity reserved up front
};

}  // namespace stance::usb
