#pragma once
// The plate's clock (SPP t_us, microseconds, wrapping every 2^32 us = 71.6 min) mapped onto the
// host's steady clock, and the delay from a frame's sample time to its arrival on the host.
//
// Unwrapping: each t_us is placed at the signed 32-bit distance from the previous one, so a wrap
// is a small step forward. Mapping: host = device + offset. At START_STREAM the offset is
// anchored so that frame seq k maps to (time START was sent + k / rate): the sample cannot be
// older than the request that started it. Afterwards, a frame that would have arrived before it
// was sampled moves the offset back (a causal lower envelope), so the mapping never runs ahead
// of the host. A device reset (seq going back) or a clock jump re-anchors on the arrival time.
// Latency = arrival - mapped sample time: USB scheduling, batching in transfers and the host.
// Not corrected: a device clock running slower than the host's adds its drift to the latency
// (50 ppm is 3 ms per minute of stream).
#include <chrono>
#include <cstdint>

namespace stance::usb {

class DeviceClock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // A new stream, started by this host at `start_sent` (just before START_STREAM went out).
  void start(TimePoint start_sent, std::uint16_t rate_hz);

  // Every accepted frame, in arrival order. Returns its latency in seconds (>= 0).
  double on_frame(std::uint32_t seq, std::uint32_t t_us, TimePoint arrival);

  // Host time of a sample; t_us within 35 minutes of the last frame seen.
  TimePoint host_time(std::uint32_t t_us) const;
  // The device time of t_us on the unwrapped (64-bit) axis of this stream.
  std::int64_t unwrapped_us(std::uint32_t t_us) const;

  bool anchored() const { return anchored_; }
  std::uint64_t frames() const { return frames_; }
  std::uint64_t reanchors() const { return reanchors_; }
  double mean_latency_s() const;
  double max_latency_s() const { return max_latency_s_; }
  double last_latency_s() const { return last_latency_s_; }

 private:
  void anchor(std::int64_t host_us, std::int64_t device_us);

  TimePoint start_sent_{};
  std::int64_t period_us_ = 1000;
  bool started_by_host_ = false;
  bool anchored_ = false;
  std::uint32_t last_t_us_ = 0;
  std::uint32_t last_seq_ = 0;
  std::int64_t last_device_us_ = 0;  // unwrapped
  std::int64_t offset_us_ = 0;       // host steady-clock us minus unwrapped device us
  std::uint64_t frames_ = 0;
  std::uint64_t reanchors_ = 0;
  double latency_sum_s_ = 0.0;
  double max_latency_s_ = 0.0;
  double last_latency_s_ = 0.0;
};

}  // namespace stance::usb
