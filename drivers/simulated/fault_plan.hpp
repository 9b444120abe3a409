#pragma once
// Device faults to inject, at exact times of the simulated trial (seconds since START_STREAM),
// and their resolution onto sample indices at one sampling rate. What was actually applied is
// counted by the device stream (FaultTruth), so tests can expect exact numbers.
#include <cstdint>
#include <optional>
#include <vector>

#include "support/result.hpp"

namespace stance::sim {

// `count` consecutive frames starting with the first sample at or after `at_s`.
struct FrameBurst {
  double at_s = 0.0;
  std::uint32_t count = 1;
};

// Channel driven to full scale for the samples in [from_s, to_s).
struct OverloadWindow {
  double from_s = 0.0;
  double to_s = 0.0;
  int channel = 0;
};

struct FaultPlan {
  std::vector<FrameBurst> device_drops;  // sampled, never sent; bit 9 on the next frame sent
  double loss_probability = 0.0;         // each frame lost on the way (no flag), seeded
  std::vector<FrameBurst> crc_errors;    // sent with a corrupted byte: the CRC no longer matches
  std::vector<FrameBurst> sync_errors;   // sent with a wrong sync word
  std::vector<OverloadWindow> overloads;
  std::vector<FrameBurst> adc_errors;  // bit 8 set, counts repeated from the previous frame
  std::vector<double> resets_s;        // the device restarts: seq (and its clock) back to 0
  std::optional<double> unplug_s;      // nothing sampled at or after this time is sent

  Status validate(int channel_count) const;
};

// What happens to one sample.
struct SampleFaults {
  bool device_drop = false;
  bool crc_error = false;
  bool sync_error = false;
  bool adc_error = false;
  bool reset_before = false;  // the device reset just before this sample
  bool unplugged = false;     // the plate is gone: this sample and all later ones never exist
  std::uint16_t saturate_mask = 0;
};

class FaultSchedule {
 public:
  FaultSchedule() = default;
  FaultSchedule(const FaultPlan& plan, std::uint16_t rate_hz);

  SampleFaults at(std::uint64_t sample) const;
  // Index of the first sample taken at or after t_s (sample n is taken at n / rate).
  static std::uint64_t first_sample_at(double t_s, std::uint16_t rate_hz);

 private:
  struct Range {
    std::uint64_t first = 0;
    std::uint64_t end = 0;  // one past the last
  };
  static bool in_any(const std::vector<Range>& ranges, std::uint64_t sample);

  std::vector<Range> drops_, crc_, sync_, adc_;
  std::vector<std::pair<Range, int>> overloads_;
  std::vector<std::uint64_t> resets_;
  std::optional<std::uint64_t> unplug_;
};

}  // namespace stance::sim
