#pragma once
// The simulated plate as a stance::PlateDevice. Device side: a DeviceStream emits real SPP bytes
// (~10 ms of frames per transfer). Host side: a stance::spp::StreamDecoder decodes them, exactly
// as for a USB plate, so injected CRC and sync errors, lost frames and resets are detected and
// counted by the real decoder. Truth (the person, the plate, the faults applied) is public.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "device/plate_device.hpp"
#include "simulated/device_stream.hpp"
#include "simulated/plate_model.hpp"
#include "simulated/sim_options.hpp"
#include "simulated/subject_model.hpp"
#include "spp_wire/spp_wire.hpp"

namespace stance::sim {

class SimulatedPlate final : public PlateDevice {
 public:
  // `options` must come from parse_sim_options (or be valid like its output).
  explicit SimulatedPlate(const SimOptions& options);

  const PlateInfo& info() const override { return plate_.info(); }
  const Calibration& calibration() const override { return plate_.calibration(); }
  std::uint16_t rate_hz() const override { return rate_hz_; }
  Status set_rate(std::uint16_t rate_hz) override;
  Status start() override;
  Status stop() override;
  ReadStatus read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                  std::chrono::milliseconds timeout) override;
  PlateHealth health() const override;

  // Truth, for tests and demonstrations.
  const SimOptions& options() const { return options_; }
  const PlateModel& plate_model() const { return plate_; }
  // The person of the current stream (before the first start(): of the first stream). The k-th
  // start() (k = 0, 1, ...) simulates a new trial of the same person with seed `seed + k`.
  const SubjectModel& subject() const { return *subject_; }
  FaultTruth fault_truth() const;   // of the current or last stream
  spp::StatusBlock status() const;  // what GET_STATUS would answer
  bool streaming() const { return streaming_; }
  int streams_started() const { return streams_started_; }
  std::size_t frames_per_transfer() const;

 private:
  // One IN transfer: sample, encode, decode into the caller's vectors. False once unplugged.
  bool transfer(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events);
  std::chrono::steady_clock::time_point due_time(std::uint64_t sample_end) const;

  SimOptions options_;
  PlateModel plate_;
  std::uint16_t rate_hz_;
  std::unique_ptr<SubjectModel> subject_;
  std::unique_ptr<DeviceStream> stream_;
  std::unique_ptr<spp::StreamDecoder> decoder_;
  bool streaming_ = false;
  bool disconnected_ = false;
  int streams_started_ = 0;
  std::uint32_t next_clock_us_ = 0;  // device clock at the next START_STREAM
  std::chrono::steady_clock::time_point started_at_{};
  std::vector<std::uint8_t> bytes_;  // reused transfer buffer

  mutable std::mutex mutex_;  // guards health_ and the stream's truth against health() readers
  PlateHealth health_;
  double latency_sum_ms_ = 0.0;
  std::uint64_t latency_frames_ = 0;
};

}  // namespace stance::sim
