#pragma once
// The simulated plate's firmware for one stream (START_STREAM to STOP_STREAM): it samples the
// person at the plate's rate, converts through the ADC, numbers the frames, applies the injected
// faults and emits real SPP bytes (stance::spp::encode_frame), one transfer at a time.
#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "core/raw_frame.hpp"
#include "simulated/fault_plan.hpp"
#include "simulated/plate_model.hpp"
#include "simulated/subject_model.hpp"

namespace stance::sim {

// What the device actually did, for tests to expect exact numbers.
struct FaultTruth {
  std::uint64_t samples = 0;         // sample periods elapsed since START_STREAM
  std::uint64_t frames_sent = 0;     // frames put on the wire, corrupted ones included
  std::uint64_t device_dropped = 0;  // sampled but dropped by the device (flagged with bit 9)
  std::uint64_t bus_lost = 0;        // lost on the way, unflagged
  std::uint64_t crc_corrupted = 0;
  std::uint64_t sync_corrupted = 0;
  std::uint64_t overload_frames = 0;         // frames sent with an overload bit
  std::uint64_t adc_error_frames = 0;        // frames sent with the ADC-error bit
  std::vector<std::uint64_t> reset_samples;  // sample index of the first frame after each reset
  bool unplugged = false;
  std::uint64_t unplug_sample = 0;  // first sample that never happened
};

struct DeviceStreamConfig {
  std::uint16_t rate_hz = 1000;
  std::uint32_t clock_start_us = 0;  // device clock at sample 0
  std::uint64_t noise_seed = 0;
  std::uint64_t loss_seed = 0;
};

class DeviceStream {
 public:
  // plate, subject and plan must outlive the stream.
  DeviceStream(const PlateModel& plate, const SubjectModel& subject, const FaultPlan& plan,
               const DeviceStreamConfig& config);

  // Samples up to `samples` periods and appends the resulting frames' bytes. Stops at an unplug.
  // Returns the number of sample periods that elapsed.
  std::size_t sample_transfer(std::size_t samples, std::vector<std::uint8_t>& bytes);

  bool unplugged() const { return truth_.unplugged; }
  std::uint64_t next_sample() const { return next_sample_; }
  double sample_time_s(std::uint64_t sample) const {
    return static_cast<double>(sample) / config_.rate_hz;
  }
  const FaultTruth& truth() const { return truth_; }

 private:
  const PlateModel& plate_;
  const SubjectModel& subject_;
  DeviceStreamConfig config_;
  FaultSchedule schedule_;
  double loss_probability_ = 0.0;
  std::mt19937_64 noise_rng_;
  std::mt19937_64 loss_rng_;
  std::uint64_t next_sample_ = 0;
  std::uint32_t seq_ = 0;
  std::uint64_t clock_origin_sample_ = 0;  // sample at which the device clock read clock_start
  std::uint32_t clock_start_us_ = 0;
  bool flag_next_dropped_ = false;
  std::array<std::int32_t, kMaxChannels> last_counts_{};
  FaultTruth truth_;
};

}  // namespace stance::sim
