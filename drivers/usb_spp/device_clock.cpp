#include "usb_spp/device_clock.hpp"

#include <algorithm>
#include <cstdlib>

namespace stance::usb {
namespace {

// A device-time step this far from what the sequence numbers predict is a clock jump.
constexpr std::int64_t kMaxClockSlip_us = 1000000;

std::int64_t host_us(DeviceClock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

}  // namespace

void DeviceClock::start(TimePoint start_sent, std::uint16_t rate_hz) {
  *this = DeviceClock{};
  start_sent_ = start_sent;
  period_us_ = rate_hz > 0 ? 1000000 / rate_hz : 1000;
  started_by_host_ = true;
}

void DeviceClock::anchor(std::int64_t host_time_us, std::int64_t device_us) {
  offset_us_ = host_time_us - device_us;
  anchored_ = true;
}

double DeviceClock::on_frame(std::uint32_t seq, std::uint32_t t_us, TimePoint arrival) {
  const std::int64_t arrival_us = host_us(arrival);
  if (!anchored_) {
    last_device_us_ = t_us;
    if (started_by_host_) {
      anchor(host_us(start_sent_) + static_cast<std::int64_t>(seq) * period_us_, last_device_us_);
    } else {
      anchor(arrival_us, last_device_us_);
    }
  } else {
    const auto seq_step = static_cast<std::int32_t>(seq - last_seq_);
    const auto step = static_cast<std::int64_t>(static_cast<std::int32_t>(t_us - last_t_us_));
    last_device_us_ += step;
    if (seq_step < 0 || std::llabs(step - seq_step * period_us_) > kMaxClockSlip_us) {
      anchor(arrival_us, last_device_us_);  // device reset or clock jump
      ++reanchors_;
    }
  }
  last_t_us_ = t_us;
  last_seq_ = seq;

  std::int64_t latency_us = arrival_us - (last_device_us_ + offset_us_);
  if (latency_us < 0) {
    offset_us_ += latency_us;  // it cannot have arrived before it was sampled
    latency_us = 0;
  }
  const double latency_s = static_cast<double>(latency_us) * 1e-6;
  ++frames_;
  latency_sum_s_ += latency_s;
  max_latency_s_ = std::max(max_latency_s_, latency_s);
  last_latency_s_ = latency_s;
  return latency_s;
}

std::int64_t DeviceClock::unwrapped_us(std::uint32_t t_us) const {
  return last_device_us_ + static_cast<std::int32_t>(t_us - last_t_us_);
}

DeviceClock::TimePoint DeviceClock::host_time(std::uint32_t t_us) const {
  return TimePoint(std::chrono::microseconds(unwrapped_us(t_us) + offset_us_));
}

double DeviceClock::mean_latency_s() const {
  return frames_ == 0 ? 0.0 : latency_sum_s_ / static_cast<double>(frames_);
}

}  // namespace stance::usb
