#include "usb_spp/transfer_pool.hpp"

#include <libusb.h>

#include <algorithm>

#include "usb_spp/usb_context.hpp"

namespace stance::usb {
namespace {

constexpr int kMinTransfers = 4;
constexpr int kMaxTransfers = 32;
// A device that fails every transfer would otherwise be resubmitted in a tight loop.
constexpr int kMaxConsecutiveErrors = 50;
constexpr unsigned kNoTimeout = 0;

}  // namespace

TransferPlan plan_transfers(const EndpointInfo& endpoint, std::size_t frame_bytes,
                            std::uint16_t rate_hz, std::chrono::microseconds span) {
  TransferPlan plan;
  const std::size_t packet = std::max<std::size_t>(endpoint.max_packet_bytes, 1);
  plan.frames_per_packet = std::max<std::size_t>(packet / std::max<std::size_t>(frame_bytes, 1), 1);
  const auto span_frames = static_cast<std::size_t>(
      std::max<long long>(1, (static_cast<long long>(rate_hz) * span.count() + 999999) / 1000000));
  // When frames cannot fill a packet exactly, every packet is short and ends its transfer: a
  // transfer never carries more than one packet, so a bigger buffer would only be copied around.
  const bool full_packets = plan.frames_per_packet * frame_bytes == packet;
  const std::size_t packets =
      full_packets ? (span_frames + plan.frames_per_packet - 1) / plan.frames_per_packet : 1;
  // Whole packets: an IN transfer that is not a multiple of wMaxPacketSize can overflow.
  plan.transfer_bytes = packets * packet;
  plan.frames_per_transfer = packets * plan.frames_per_packet;
  plan.transfers =
      static_cast<int>(std::clamp<std::size_t>(span_frames, kMinTransfers, kMaxTransfers));
  return plan;
}

TransferPool::TransferPool(libusb_device_handle* handle, const EndpointInfo& endpoint,
                           const TransferPlan& plan, TransferSink& sink)
    : handle_(handle), endpoint_(endpoint), plan_(plan), sink_(sink) {
  slots_.resize(static_cast<std::size_t>(plan_.transfers));
  stalled_.reserve(slots_.size());
  for (Slot& slot : slots_) {
    slot.pool = this;
    slot.buffer.resize(plan_.transfer_bytes);
    slot.transfer = libusb_alloc_transfer(0);
    if (slot.transfer == nullptr) continue;  // submit_all reports it
    const int length = static_cast<int>(slot.buffer.size());
    if (endpoint_.type == EndpointType::kBulk) {
      libusb_fill_bulk_transfer(slot.transfer, handle_, endpoint_.address, slot.buffer.data(),
                                length, &TransferPool::on_complete, &slot, kNoTimeout);
    } else {
      libusb_fill_interrupt_transfer(slot.transfer, handle_, endpoint_.address, slot.buffer.data(),
                                     length, &TransferPool::on_complete, &slot, kNoTimeout);
    }
  }
}

TransferPool::~TransferPool() {
  cancel_all();
  if (!wait_idle(std::chrono::seconds(5))) return;  // leaked on purpose: libusb still owns them
  for (Slot& slot : slots_) {
    if (slot.transfer != nullptr) libusb_free_transfer(slot.transfer);
  }
}

Status TransferPool::submit(Slot& slot) {
  {
    std::lock_guard lock(mutex_);
    ++in_flight_;
  }
  const int r = libusb_submit_transfer(slot.transfer);
  if (r == LIBUSB_SUCCESS) return {};
  finished(slot, false);
  return Error{"cannot queue a USB transfer: " + usb_error_text(r)};
}

Status TransferPool::submit_all() {
  for (Slot& slot : slots_) {
    if (slot.transfer == nullptr) {
      cancel_all();
      return Error{"out of memory for USB transfers"};
    }
    if (Status s = submit(slot); !s) {
      cancel_all();
      return s;
    }
  }
  return {};
}

void TransferPool::cancel_all() {
  stopping_.store(true);
  for (Slot& slot : slots_) {
    // Cancelling one that is not in flight answers NOT_FOUND, which is fine.
    if (slot.transfer != nullptr) (void)libusb_cancel_transfer(slot.transfer);
  }
  std::lock_guard lock(mutex_);
  stalled_.clear();
}

bool TransferPool::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, timeout, [&] { return in_flight_ == 0; });
}

int TransferPool::in_flight() const {
  std::lock_guard lock(mutex_);
  return in_flight_;
}

bool TransferPool::has_stalled() const {
  std::lock_guard lock(mutex_);
  return !stalled_.empty();
}

bool TransferPool::recover_from_stall() {
  std::vector<Slot*> again;
  {
    std::lock_guard lock(mutex_);
    if (stalled_.empty() || stopping_.load()) return true;
    again.swap(stalled_);
    stalled_.reserve(slots_.size());
  }
  if (libusb_clear_halt(handle_, endpoint_.address) != LIBUSB_SUCCESS) return false;
  for (Slot* slot : again) {
    if (stopping_.load() || !submit(*slot)) break;
  }
  return true;
}

void TransferPool::finished(Slot& slot, bool stalled) {
  {
    std::lock_guard lock(mutex_);
    --in_flight_;
    if (stalled && !stopping_.load()) stalled_.push_back(&slot);
  }
  idle_.notify_all();
}

void TransferPool::on_complete(libusb_transfer* transfer) {
  Slot& slot = *static_cast<Slot*>(transfer->user_data);
  slot.pool->complete(slot);
}

void TransferPool::complete(Slot& slot) {
  libusb_transfer* t = slot.transfer;
  const auto arrival = std::chrono::steady_clock::now();
  // Whatever arrived is kept, also from a cancelled or failed transfer.
  if (t->actual_length > 0) {
    sink_.on_transfer_data(
        std::span<const std::uint8_t>(t->buffer, static_cast<std::size_t>(t->actual_length)),
        arrival);
  }
  bool resubmit = false;
  bool stalled = false;
  switch (t->status) {
    case LIBUSB_TRANSFER_COMPLETED:
      consecutive_errors_ = 0;
      resubmit = true;
      break;
    case LIBUSB_TRANSFER_CANCELLED:
      break;
    case LIBUSB_TRANSFER_NO_DEVICE:
      sink_.on_no_device();
      break;
    case LIBUSB_TRANSFER_STALL:
      sink_.on_transfer_error();
      sink_.on_stall();
      stalled = true;
      break;
    case LIBUSB_TRANSFER_TIMED_OUT:
    case LIBUSB_TRANSFER_ERROR:
    case LIBUSB_TRANSFER_OVERFLOW:
    default:
      sink_.on_transfer_error();
      resubmit = ++consecutive_errors_ <= kMaxConsecutiveErrors;
      break;
  }
  if (resubmit && !stopping_.load()) {
    const int r = libusb_submit_transfer(t);
    if (r == LIBUSB_SUCCESS) return;  // still in flight
    if (r == LIBUSB_ERROR_NO_DEVICE) {
      sink_.on_no_device();
    } else {
      sink_.on_transfer_error();
    }
  }
  finished(slot, stalled);
}

}  // namespace stance::usb
