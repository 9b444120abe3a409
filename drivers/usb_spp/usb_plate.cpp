#include "usb_spp/usb_plate.hpp"

#include <libusb.h>

#include <algorithm>
#include <utility>

#include "core/units.hpp"
#include "usb_spp/control_requests.hpp"
#include "usb_spp/event_thread.hpp"

namespace stance::usb {

struct HotplugAccess {
  static int LIBUSB_CALL callback(libusb_context*, libusb_device* device,
                                  libusb_hotplug_event event, void* self) {
    static_cast<UsbPlate*>(self)->on_hotplug(device, event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED);
    return 0;  // stay registered
  }
};

namespace {

constexpr int kInterface = 0;
// Frames kept for read() before the oldest transfer's frames are dropped (counted as lost).
constexpr std::chrono::seconds kPendingSpan{10};
constexpr std::size_t kMinPendingFrames = 4096;
constexpr std::size_t kEventReserve = 256;
constexpr std::size_t kArrivalReserve = 16;
// After STOP_STREAM: frames still queued arrive within a few transfers; then it is quiet.
constexpr auto kDrainQuietMin = std::chrono::milliseconds(5);
constexpr auto kDrainQuietMax = std::chrono::milliseconds(20);
constexpr auto kDrainLimit = std::chrono::milliseconds(200);
constexpr auto kCancelLimit = std::chrono::seconds(5);

std::string rates_up_to(std::uint16_t max_rate_hz) {
  std::string text;
  for (std::uint16_t r : spp::kAllowedRates_hz) {
    if (r > max_rate_hz) break;
    text += (text.empty() ? "" : ", ") + std::to_string(r);
  }
  return text + " Hz";
}

std::string or_empty(const Result<std::string>& text) {
  return text ? *text : std::string();
}

// SPP has no request that reads the rate back, and a plate keeps its rate and its stream as long
// as it has power: one left streaming or at another rate (by a program that crashed, or before a
// brief re-enumeration) is brought to a known state. False if the plate refused `rate_hz`.
// `stopped`: set when a stream was stopped (its last frames are still in the plate).
bool bring_to_known_state(PlateControl& control, std::uint16_t rate_hz, bool& stopped) {
  Result<spp::StatusBlock> status = control.get_status();
  if (status && status->streaming) stopped = control.stop_stream().ok() || stopped;
  return control.set_rate(rate_hz).ok();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Opening

UsbPlate::UsbPlate(const UsbOptions& options, std::unique_ptr<UsbContext> context)
    : options_(options), context_(std::move(context)) {
  next_poll_ = std::chrono::steady_clock::now();
}

Result<std::unique_ptr<UsbPlate>> UsbPlate::open(const UsbOptions& options) {
  Result<std::unique_ptr<UsbContext>> context = UsbContext::create();
  if (!context) return context.error();
  std::vector<PlateCandidate> candidates = find_plates((*context)->get(), options.ids);
  Result<std::size_t> chosen = select_plate(candidates, options.serial, options.ids);
  if (!chosen) return chosen.error();
  PlateCandidate& candidate = candidates[*chosen];

  libusb_device_handle* raw = nullptr;
  const int r = libusb_open(candidate.device.get(), &raw);
  if (r == LIBUSB_ERROR_ACCESS) {
    return Error{"no permission to open the SPP plate " + candidate.serial + " (" +
                 candidate.location() + "): " + no_permission_advice()};
  }
  if (r != LIBUSB_SUCCESS) {
    return Error{"cannot open the SPP plate " + candidate.serial + " (" + candidate.location() +
                 "): " + usb_error_text(r)};
  }
  std::unique_ptr<UsbPlate> plate(new UsbPlate(options, std::move(*context)));
  if (Status s = plate->claim_first(candidate, HandlePtr(raw)); !s) return s.error();
  plate->start_event_thread();
  return plate;
}

Status UsbPlate::claim_first(PlateCandidate& candidate, HandlePtr handle) {
  const std::string who = "the SPP plate " + candidate.serial + " (" + candidate.location() + ")";
  const int r = libusb_claim_interface(handle.get(), kInterface);
  if (r == LIBUSB_ERROR_BUSY) {
    return Error{who +
                 " is busy: another program (or another Stance) is using it; close that "
                 "program, or unplug the plate and plug it back in, and try again"};
  }
  if (r == LIBUSB_ERROR_ACCESS)
    return Error{"no permission to use " + who + ": " + no_permission_advice()};
  if (r != LIBUSB_SUCCESS) return Error{"cannot claim " + who + ": " + usb_error_text(r)};

  PlateControl control(handle.get(), options_.control_timeout);
  Result<PlateInfo> info = control.get_info();
  Result<Calibration> calibration =
      info ? control.get_calibration(info->layout) : Result<Calibration>(info.error());
  if (!info || !calibration) {
    (void)libusb_release_interface(handle.get(), kInterface);
    return Error{"cannot use " + who + ": " + (info ? calibration.error() : info.error()).message};
  }
  if (!bring_to_known_state(control, info->default_rate_hz, foreign_stream_)) {
    (void)libusb_release_interface(handle.get(), kInterface);
    return Error{"cannot use " + who + ": it refused its own default rate of " +
                 std::to_string(info->default_rate_hz) + " Hz; the plate needs service"};
  }
  libusb_device_descriptor descriptor{};
  (void)libusb_get_device_descriptor(candidate.device.get(), &descriptor);
  info_ = *info;
  info_.manufacturer = or_empty(read_string(handle.get(), descriptor.iManufacturer));
  info_.product = or_empty(read_string(handle.get(), descriptor.iProduct));
  info_.serial = candidate.serial;
  calibration_ = *calibration;
  rate_hz_.store(info_.default_rate_hz);
  frame_bytes_ = spp::frame_size(channel_count(info_.layout));

  // Every buffer the callbacks fill is sized now, for the plate's highest rate.
  const std::size_t max_rate = std::max<std::uint16_t>(info_.max_rate_hz, 100);
  const std::size_t capacity =
      std::max(kMinPendingFrames, max_rate * static_cast<std::size_t>(kPendingSpan.count()));
  const TransferPlan largest =
      plan_transfers(candidate.endpoint, frame_bytes_, info_.max_rate_hz, options_.transfer_span);
  {
    std::lock_guard lock(data_mutex_);
    intake_ = std::make_unique<StreamIntake>(channel_count(info_.layout), capacity,
                                             largest.frames_per_transfer);
    read_frames_.reserve(capacity);
    read_events_.reserve(kEventReserve);
    arrivals_.reserve(kArrivalReserve);
  }
  endpoint_ = candidate.endpoint;
  speed_ = candidate.speed;
  plan_ = plan_transfers(endpoint_, frame_bytes_, rate_hz_.load(), options_.transfer_span);
  current_device_.store(candidate.device.get());
  device_ = std::move(candidate.device);
  handle_ = std::move(handle);
  claimed_ = true;
  return {};
}

void UsbPlate::start_event_thread() {
  if (options_.hotplug && UsbContext::has_hotplug()) {
    int handle = 0;
    const int r = libusb_hotplug_register_callback(
        context_->get(),
        static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED |
                                          LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        static_cast<libusb_hotplug_flag>(0), LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
        LIBUSB_HOTPLUG_MATCH_ANY, &HotplugAccess::callback, this, &handle);
    hotplug_registered_ = r == LIBUSB_SUCCESS;
    hotplug_handle_ = handle;
  }
  events_ = std::make_unique<EventThread>(context_->get(), [this] { supervise(); });
}

UsbPlate::~UsbPlate() {
  if (registry_) registry_->remove(this);
  {
    std::lock_guard lock(connection_mutex_);
    if (streaming_) (void)stop_locked();
    pool_.reset();  // cancels and waits, while the event thread still handles events
  }
  if (events_) events_->stop();
  if (hotplug_registered_) libusb_hotplug_deregister_callback(context_->get(), hotplug_handle_);
  {
    std::lock_guard lock(connection_mutex_);
    if (claimed_ && handle_) (void)libusb_release_interface(handle_.get(), kInterface);
    handle_.reset();
    device_.reset();
    not_this_plate_.clear();
  }
  std::vector<DevicePtr> arrivals;
  {
    std::lock_guard lock(data_mutex_);
    for (libusb_device* d : arrivals_) arrivals.emplace_back(d);
    arrivals_.clear();
  }
  arrivals.clear();
  context_.reset();  // libusb_exit, last
}

void UsbPlate::set_registry(std::shared_ptr<OpenPlates> registry) {
  registry_ = std::move(registry);
  if (registry_) registry_->add(this);
}

// ---------------------------------------------------------------------------------------------
// Owner calls

Error UsbPlate::unplugged_error() const {
  return Error{"the plate " + info_.serial +
               " is unplugged; plug it back in (Stance finds it again by its serial number)"};
}

bool UsbPlate::connected() const {
  std::lock_guard lock(data_mutex_);
  return connected_;
}

bool UsbPlate::wait_connected(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(data_mutex_);
  return data_ready_.wait_for(lock, timeout, [&] { return connected_; });
}

EndpointInfo UsbPlate::endpoint() const {
  std::lock_guard lock(connection_mutex_);
  return endpoint_;
}

BusSpeed UsbPlate::speed() const {
  std::lock_guard lock(connection_mutex_);
  return speed_;
}

TransferPlan UsbPlate::transfer_plan() const {
  std::lock_guard lock(connection_mutex_);
  return plan_;
}

std::chrono::steady_clock::time_point UsbPlate::host_time(std::uint32_t t_us) const {
  std::lock_guard lock(data_mutex_);
  return intake_->clock().host_time(t_us);
}

Status UsbPlate::set_rate(std::uint16_t rate_hz) {
  if (!spp::rate_allowed(rate_hz, spp::kAllowedRates_hz.back())) {
    return Error{std::to_string(rate_hz) + " Hz is not a rate SPP plates know; use " +
                 rates_up_to(info_.max_rate_hz)};
  }
  if (rate_hz > info_.max_rate_hz) {
    return Error{"the plate " + info_.serial + " samples at most " +
                 std::to_string(info_.max_rate_hz) + " Hz; use " + rates_up_to(info_.max_rate_hz)};
  }
  std::lock_guard lock(connection_mutex_);
  if (streaming_) return Error{"cannot change the rate while the plate streams; stop it first"};
  if (!connected() || !handle_) return unplugged_error();
  PlateControl control(handle_.get(), options_.control_timeout);
  if (Status s = control.set_rate(rate_hz); !s) {
    if (control.last_failure() == ControlFailure::kNoDevice) mark_disconnected();
    if (control.last_failure() == ControlFailure::kStall) {
      return Error{"the plate " + info_.serial + " refused " + std::to_string(rate_hz) +
                   " Hz (it answered SET_RATE with a STALL: its firmware does not offer that "
                   "rate); choose another rate, it stays at " +
                   std::to_string(rate_hz_.load()) + " Hz"};
    }
    return s;
  }
  rate_hz_.store(rate_hz);
  return {};
}

Status UsbPlate::start() {
  std::lock_guard lock(connection_mutex_);
  if (streaming_) return Error{"the plate is already streaming"};
  if (!connected() || !handle_) return unplugged_error();
  const std::uint16_t rate = rate_hz_.load();
  plan_ = plan_transfers(endpoint_, frame_bytes_, rate, options_.transfer_span);
  {
    std::lock_guard data(data_mutex_);
    intake_->reserve_transfer(plan_.frames_per_transfer);  // the endpoint may differ after a replug
    stalls_cleared_ = 0;
    report_disconnect_ = false;
  }
  // The transfers wait on the endpoint before the plate starts, so the first frames have room.
  TransferSink& sink = *this;
  pool_ = std::make_unique<TransferPool>(handle_.get(), endpoint_, plan_, sink);
  if (Status s = pool_->submit_all(); !s) {
    pool_.reset();
    return Error{"cannot start the stream: " + s.error().message};
  }
  // Frames of a stream this host started are told apart by their origin (StreamIntake), however
  // late they come. A stream another program left has no known origin until two of its frames
  // have come: they are on their way (the plate answers the first IN tokens with them), so they
  // are awaited here, before START_STREAM.
  wait_until_quiet(std::exchange(foreign_stream_, false));
  PlateControl control(handle_.get(), options_.control_timeout);
  {
    std::lock_guard data(data_mutex_);
    // A fresh stream; the clock's anchor is now, just before START_STREAM goes out.
    intake_->start(std::chrono::steady_clock::now(), rate);
  }
  if (Status s = control.start_stream(); !s) {
    if (control.last_failure() == ControlFailure::kNoDevice) mark_disconnected();
    pool_.reset();
    return s;
  }
  streaming_ = true;
  return {};
}

Status UsbPlate::stop() {
  std::lock_guard lock(connection_mutex_);
  return stop_locked();
}

void UsbPlate::wait_until_quiet(bool frames_expected) {
  const auto period = std::chrono::microseconds(1000000 / std::max<std::uint16_t>(rate_hz_, 1));
  const auto quiet = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(3 * period),
                                std::chrono::milliseconds(kDrainQuietMin),
                                std::chrono::milliseconds(kDrainQuietMax));
  const auto limit = std::chrono::steady_clock::now() + kDrainLimit;
  std::unique_lock lock(data_mutex_);
  if (frames_expected) {
    const std::uint64_t before = intake_->arrivals();
    data_ready_.wait_until(lock, limit,
                           [&] { return intake_->arrivals() != before || !connected_; });
  }
  while (std::chrono::steady_clock::now() < limit && connected_) {
    const std::uint64_t before = intake_->arrivals();
    data_ready_.wait_for(lock, quiet, [&] { return intake_->arrivals() != before || !connected_; });
    if (intake_->arrivals() == before) break;
  }
}

Status UsbPlate::stop_locked() {
  if (!streaming_) return {};
  Status result;
  if (connected() && handle_) {
    PlateControl control(handle_.get(), options_.control_timeout);
    if (Status s = control.stop_stream(); !s) {
      if (control.last_failure() == ControlFailure::kNoDevice) {
        mark_disconnected();
      } else {
        result = s;
      }
    }
    // Frames sampled before STOP_STREAM may still be on their way: collect them.
    wait_until_quiet();
  }
  if (pool_) {
    pool_->cancel_all();
    if (!pool_->wait_idle(kCancelLimit)) {
      // Never expected while the event thread runs; the transfers must outlive libusb's use.
      (void)pool_.release();
      result = Error{"USB transfers did not finish after cancelling them"};
    }
    pool_.reset();
  }
  streaming_ = false;
  return result;
}

ReadStatus UsbPlate::read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                          std::chrono::milliseconds timeout) {
  bool gone = false;
  {
    std::unique_lock lock(data_mutex_);
    data_ready_.wait_for(
        lock, timeout, [&] { return intake_->has_pending() || !connected_ || report_disconnect_; });
    intake_->swap_pending(read_frames_, read_events_);
    const bool appended = !read_frames_.empty() || !read_events_.empty();
    gone = !connected_ || report_disconnect_;
    // Everything received goes out first; "disconnected" follows on the next call.
    if (!appended && report_disconnect_) report_disconnect_ = false;
    if (appended) gone = false;
  }
  const std::size_t offset = frames.size();
  frames.insert(frames.end(), read_frames_.begin(), read_frames_.end());
  for (RecordingEvent& e : read_events_) {
    e.frame_index += offset;
    events.push_back(std::move(e));
  }
  const bool appended = !read_frames_.empty() || !read_events_.empty();
  read_frames_.clear();
  read_events_.clear();
  if (appended) return ReadStatus::kFrames;
  return gone ? ReadStatus::kDisconnected : ReadStatus::kTimeout;
}

UsbHealth UsbPlate::usb_health() const {
  UsbHealth h;
  h.streaming = streaming_.load();
  std::lock_guard lock(data_mutex_);
  h.plate = intake_->health();
  const DeviceClock& clock = intake_->clock();
  h.max_latency_ms = ms_from_s(clock.max_latency_s());
  h.last_latency_ms = ms_from_s(clock.last_latency_s());
  h.clock_reanchors = clock.reanchors();
  h.transfers_completed = intake_->transfers();
  h.stalls_cleared = stalls_cleared_;
  h.host_overflow_frames = intake_->host_overflow_frames();
  h.previous_stream_frames = intake_->previous_stream_frames();
  h.disconnects = disconnects_;
  h.reconnects = reconnects_;
  h.connected = connected_;
  return h;
}

Result<spp::StatusBlock> UsbPlate::status() {
  std::lock_guard lock(connection_mutex_);
  if (!connected() || !handle_) return unplugged_error();
  PlateControl control(handle_.get(), options_.control_timeout);
  Result<spp::StatusBlock> status = control.get_status();
  if (!status && control.last_failure() == ControlFailure::kNoDevice) mark_disconnected();
  return status;
}

// ---------------------------------------------------------------------------------------------
// Callbacks (event thread)

void UsbPlate::on_transfer_data(std::span<const std::uint8_t> bytes,
                                std::chrono::steady_clock::time_point arrival) {
  {
    std::lock_guard lock(data_mutex_);
    intake_->on_transfer(bytes, arrival);
  }
  data_ready_.notify_all();
}

void UsbPlate::on_transfer_error() {
  std::lock_guard lock(data_mutex_);
  intake_->on_transfer_error();
}

void UsbPlate::on_no_device() {
  mark_disconnected();
}

void UsbPlate::on_stall() {
  attention_.store(true);
}

void UsbPlate::mark_disconnected() {
  {
    std::lock_guard lock(data_mutex_);
    if (!connected_) return;
    connected_ = false;
    report_disconnect_ = true;
    ++disconnects_;
  }
  attention_.store(true);
  data_ready_.notify_all();
}

void UsbPlate::on_hotplug(libusb_device* device, bool arrived) {
  if (!arrived) {
    if (device == current_device_.load()) mark_disconnected();
    return;
  }
  if (!matches(device, options_.ids)) return;
  {
    std::lock_guard lock(data_mutex_);
    if (connected_ || arrivals_.size() == arrivals_.capacity()) return;  // polling catches up
    arrivals_.push_back(libusb_ref_device(device));
  }
  attention_.store(true);
}

// ---------------------------------------------------------------------------------------------
// Supervision (event thread, between rounds of event handling)

void UsbPlate::supervise() {
  const auto now = std::chrono::steady_clock::now();
  const bool poll_due = now >= next_poll_;
  if (!attention_.exchange(false) && !poll_due) return;
  std::unique_lock lock(connection_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) {  // the owner is busy with the plate: come back next round
    attention_.store(true);
    return;
  }
  if (poll_due) next_poll_ = now + options_.poll_interval;

  if (connected()) {
    std::vector<DevicePtr> stale;  // arrivals from before the reconnection
    {
      std::lock_guard data(data_mutex_);
      for (libusb_device* d : arrivals_) stale.emplace_back(d);
      arrivals_.clear();
    }
    if (pool_ && pool_->has_stalled()) {
      if (pool_->recover_from_stall()) {
        std::lock_guard data(data_mutex_);
        ++stalls_cleared_;
      } else {
        attention_.store(true);
      }
    }
    // Without hotplug events, an idle plate's departure shows as its absence from the bus.
    if (poll_due && !hotplug_registered_ && !streaming_ && device_) {
      bool present = false;
      libusb_device** list = nullptr;
      const ssize_t n = libusb_get_device_list(context_->get(), &list);
      for (ssize_t i = 0; i < n; ++i) present = present || list[i] == device_.get();
      if (n >= 0) libusb_free_device_list(list, 1);
      if (n >= 0 && !present) mark_disconnected();
    }
    return;
  }

  if (handle_ && !drop_connection()) {
    attention_.store(true);  // transfers still to be reaped: next round
    return;
  }
  std::vector<DevicePtr> candidates;
  {
    std::lock_guard data(data_mutex_);
    for (libusb_device* d : arrivals_) candidates.emplace_back(d);  // takes the reference
    arrivals_.clear();
  }
  // Polling also retries a plate that could not be opened the moment it arrived.
  if (poll_due) {
    for (DevicePtr& d : poll_candidates()) candidates.push_back(std::move(d));
  }
  for (DevicePtr& d : candidates) {
    if (try_reopen(d.get())) break;
  }
}

bool UsbPlate::drop_connection() {
  if (pool_) {
    pool_->cancel_all();
    if (pool_->in_flight() > 0) return false;  // this thread reaps them: not now
    pool_.reset();
  }
  streaming_ = false;
  if (claimed_) (void)libusb_release_interface(handle_.get(), kInterface);
  claimed_ = false;
  current_device_.store(nullptr);
  handle_.reset();
  device_.reset();
  return true;
}

std::vector<DevicePtr> UsbPlate::poll_candidates() {
  std::vector<DevicePtr> out;
  libusb_device** list = nullptr;
  const ssize_t n = libusb_get_device_list(context_->get(), &list);
  if (n < 0) return out;
  const auto on_bus = [&](const DevicePtr& d) {
    for (ssize_t i = 0; i < n; ++i) {
      if (list[i] == d.get()) return true;
    }
    return false;
  };
  std::erase_if(not_this_plate_, [&](const DevicePtr& d) { return !on_bus(d); });
  for (ssize_t i = 0; i < n; ++i) {
    const bool known = std::any_of(not_this_plate_.begin(), not_this_plate_.end(),
                                   [&](const DevicePtr& d) { return d.get() == list[i]; });
    if (!known && matches(list[i], options_.ids)) out.push_back(ref_device(list[i]));
  }
  libusb_free_device_list(list, 1);
  return out;
}

bool UsbPlate::try_reopen(libusb_device* device) {
  for (const DevicePtr& d : not_this_plate_) {
    if (d.get() == device) return false;
  }
  if (!matches(device, options_.ids)) return false;
  EndpointInfo endpoint;
  std::string why;
  if (check_spp_interface(device, endpoint, why) != CandidateProblem::kNone) {
    not_this_plate_.push_back(ref_device(device));
    return false;
  }
  libusb_device_handle* raw = nullptr;
  if (libusb_open(device, &raw) != LIBUSB_SUCCESS) return false;  // retried by polling
  HandlePtr handle(raw);
  // The serial number decides: another plate is never taken for this one.
  Result<std::string> serial = read_serial(handle.get());
  if (!serial) return false;
  if (*serial != info_.serial) {
    not_this_plate_.push_back(ref_device(device));
    return false;
  }
  if (libusb_claim_interface(handle.get(), kInterface) != LIBUSB_SUCCESS) return false;
  PlateControl control(handle.get(), options_.control_timeout);
  Result<PlateInfo> info = control.get_info();
  if (!info || info->layout != info_.layout) {
    (void)libusb_release_interface(handle.get(), kInterface);
    if (info) not_this_plate_.push_back(ref_device(device));
    return false;
  }
  // It may have powered up at its default rate: give it back the rate it had.
  if (!bring_to_known_state(control, rate_hz_.load(), foreign_stream_) &&
      bring_to_known_state(control, info->default_rate_hz, foreign_stream_)) {
    rate_hz_.store(info->default_rate_hz);
  }
  device_ = ref_device(device);
  handle_ = std::move(handle);
  claimed_ = true;
  endpoint_ = endpoint;
  speed_ = device_speed(device);
  current_device_.store(device);
  {
    std::lock_guard lock(data_mutex_);
    connected_ = true;
    ++reconnects_;
  }
  data_ready_.notify_all();
  return true;
}

// ---------------------------------------------------------------------------------------------

void OpenPlates::add(UsbPlate* plate) {
  std::lock_guard lock(mutex_);
  plates_.push_back(plate);
}

void OpenPlates::remove(UsbPlate* plate) {
  std::lock_guard lock(mutex_);
  std::erase(plates_, plate);
}

}  // namespace stance::usb
