#include "simulated/simulated_plate.hpp"

#include <string>
#include <thread>

#include "simulated/seeds.hpp"

namespace stance::sim {
namespace {

PlateParams plate_params(const SimOptions& o) {
  PlateParams p;
  p.layout = o.layout;
  p.seed = o.seed;
  p.serial = o.serial.empty() ? default_serial(o.seed, o.layout) : o.serial;
  p.firmware_version = o.firmware_version;
  p.max_rate_hz = o.max_rate_hz;
  p.default_rate_hz = o.rate_hz;
  p.noise_counts = o.noise_counts;
  p.zero_drift_counts = o.zero_drift_counts;
  p.gain_error = o.gain_error;
  return p;
}

SubjectParams trial_params(const SimOptions& o, int trial) {
  SubjectParams s = o.subject;
  s.seed = o.seed + static_cast<std::uint64_t>(trial);
  if (!o.mass_positions_m.empty()) {
    const auto& at =
        o.mass_positions_m[static_cast<std::size_t>(trial) % o.mass_positions_m.size()];
    s.sway.mean_ml_m = at[0];
    s.sway.mean_ap_m = at[1];
  }
  return s;
}

std::string allowed_rates_text(std::uint16_t max_rate_hz) {
  std::string text;
  for (std::uint16_t r : spp::kAllowedRates_hz) {
    if (r > max_rate_hz) break;
    text += (text.empty() ? "" : ", ") + std::to_string(r);
  }
  return text + " Hz";
}

// A real transfer buffer holds no more than this many frames before the host must read again;
// a realtime reader that fell behind gets the backlog in several reads.
constexpr int kMaxTransfersPerRead = 100;
// In virtual-clock mode, a read gives up after this many transfers that carried no frame at all
// (e.g. everything lost on the bus) and reports a timeout, as a real plate would.
constexpr int kMaxEmptyTransfers = 1000;

}  // namespace

SimulatedPlate::SimulatedPlate(const SimOptions& options)
    : options_(options),
      plate_(plate_params(options)),
      rate_hz_(options.rate_hz),
      subject_(std::make_unique<SubjectModel>(trial_params(options, 0))) {
  // The plate has been switched on for a while: its clock starts anywhere in the first hour.
  next_clock_us_ = options.clock_start_us.value_or(
      static_cast<std::uint32_t>(derive_seed(options.seed, SeedStream::kClock) % 3600000000ull));
}

std::size_t SimulatedPlate::frames_per_transfer() const {
  return rate_hz_ >= 200 ? rate_hz_ / 100u : 1u;  // ~10 ms of frames
}

Status SimulatedPlate::set_rate(std::uint16_t rate_hz) {
  if (disconnected_) return Error{"the simulated plate was unplugged"};
  if (streaming_) return Error{"cannot change the rate while the plate streams; stop it first"};
  if (!spp::rate_allowed(rate_hz, plate_.info().max_rate_hz)) {
    return Error{"rate " + std::to_string(rate_hz) + " Hz is not supported by this plate; use " +
                 allowed_rates_text(plate_.info().max_rate_hz)};
  }
  rate_hz_ = rate_hz;
  return {};
}

Status SimulatedPlate::start() {
  if (disconnected_) return Error{"the simulated plate was unplugged"};
  if (streaming_) return Error{"the plate is already streaming"};
  std::lock_guard lock(mutex_);
  stream_.reset();  // it refers to the subject that is replaced next
  if (streams_started_ > 0) {
    subject_ = std::make_unique<SubjectModel>(trial_params(options_, streams_started_));
  }
  const auto trial = static_cast<std::uint64_t>(streams_started_);
  DeviceStreamConfig config;
  config.rate_hz = rate_hz_;
  config.clock_start_us = next_clock_us_;
  config.noise_seed = derive_seed(options_.seed + trial, SeedStream::kAdcNoise);
  config.loss_seed = derive_seed(options_.seed + trial, SeedStream::kFrameLoss);
  stream_ = std::make_unique<DeviceStream>(plate_, *subject_, options_.faults, config);
  decoder_ = std::make_unique<spp::StreamDecoder>(plate_.channel_count());
  decoder_->on_start_stream();
  health_ = PlateHealth{};
  latency_sum_ms_ = 0.0;
  latency_frames_ = 0;
  ++streams_started_;
  streaming_ = true;
  started_at_ = std::chrono::steady_clock::now();
  return {};
}

Status SimulatedPlate::stop() {
  if (!streaming_) return {};
  streaming_ = false;
  // The device clock keeps running: the next stream starts a second after this one's end.
  const std::uint64_t elapsed_us = stream_->next_sample() * (1000000u / rate_hz_);
  next_clock_us_ = static_cast<std::uint32_t>(next_clock_us_ + elapsed_us + 1000000u);
  return {};
}

std::chrono::steady_clock::time_point SimulatedPlate::due_time(std::uint64_t sample_end) const {
  const auto us = static_cast<std::int64_t>(
      static_cast<double>(sample_end * (1000000u / rate_hz_)) / options_.speed);
  return started_at_ + std::chrono::microseconds(us);
}

bool SimulatedPlate::transfer(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events) {
  std::lock_guard lock(mutex_);
  bytes_.clear();
  const std::size_t first_frame = frames.size();
  stream_->sample_transfer(frames_per_transfer(), bytes_);
  decoder_->decode(bytes_, frames, events);

  health_.stream = decoder_->counters();
  health_.overload_frames = decoder_->overload_frames();
  health_.adc_error_frames = decoder_->adc_error_frames();
  if (options_.realtime && frames.size() > first_frame) {
    // Latency of each frame: from its sample time on the device to now.
    const auto now = std::chrono::steady_clock::now();
    const std::uint64_t last = stream_->next_sample();
    const std::size_t n = frames.size() - first_frame;
    for (std::size_t i = 0; i < n; ++i) {
      const auto sampled = due_time(last - (n - 1 - i) - 1);
      latency_sum_ms_ += std::chrono::duration<double, std::milli>(now - sampled).count();
    }
    latency_frames_ += n;
    health_.mean_latency_ms = latency_sum_ms_ / static_cast<double>(latency_frames_);
  }
  return !stream_->unplugged();
}

ReadStatus SimulatedPlate::read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                                std::chrono::milliseconds timeout) {
  if (disconnected_) return ReadStatus::kDisconnected;
  if (!streaming_) {
    if (options_.realtime) std::this_thread::sleep_for(timeout);
    return ReadStatus::kTimeout;
  }
  const std::size_t frames_before = frames.size();
  const std::size_t events_before = events.size();
  const auto appended = [&] {
    return frames.size() > frames_before || events.size() > events_before;
  };
  bool connected = true;
  if (!options_.realtime) {
    for (int i = 0; i < kMaxEmptyTransfers && connected && !appended(); ++i) {
      connected = transfer(frames, events);
    }
  } else {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const auto next_due = [&] { return due_time(stream_->next_sample() + frames_per_transfer()); };
    while (connected && !appended()) {
      if (next_due() > deadline) {
        std::this_thread::sleep_until(deadline);
        break;
      }
      std::this_thread::sleep_until(next_due());
      for (int i = 0;
           i < kMaxTransfersPerRead && connected && next_due() <= std::chrono::steady_clock::now();
           ++i) {
        connected = transfer(frames, events);
      }
    }
  }
  if (!connected) {
    // The last frames are delivered now; from the next read on the plate is gone.
    disconnected_ = true;
    streaming_ = false;
    if (!appended()) return ReadStatus::kDisconnected;
  }
  return appended() ? ReadStatus::kFrames : ReadStatus::kTimeout;
}

PlateHealth SimulatedPlate::health() const {
  std::lock_guard lock(mutex_);
  return health_;
}

FaultTruth SimulatedPlate::fault_truth() const {
  std::lock_guard lock(mutex_);
  return stream_ ? stream_->truth() : FaultTruth{};
}

spp::StatusBlock SimulatedPlate::status() const {
  std::lock_guard lock(mutex_);
  spp::StatusBlock s;
  s.streaming = streaming_;
  s.temperature_c = 24.5;
  if (stream_) {
    s.frames_dropped = static_cast<std::uint32_t>(stream_->truth().device_dropped);
    if (stream_->truth().adc_error_frames > 0) s.error_flags = 0x01;  // ADC fault seen
  }
  return s;
}

}  // namespace stance::sim
