#pragma once
// The plate interface every driver implements (simulated, USB, replay). Drivers emit raw frames
// and stream events; they never know who consumes them. Calibration happens above, in core.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/plate.hpp"
#include "core/raw_frame.hpp"
#include "core/recording.hpp"
#include "support/result.hpp"

namespace stance {

struct PlateHealth {
  StreamCounters stream;
  std::uint64_t overload_frames = 0;
  std::uint64_t adc_error_frames = 0;
  std::uint64_t transfer_errors = 0;
  double mean_latency_ms = 0.0;  // device sample time to host arrival
};

enum class ReadStatus : std::uint8_t {
  kFrames,        // frames (and possibly events) were appended
  kTimeout,       // nothing arrived within the timeout
  kDisconnected,  // the plate is gone: what was appended before is valid and must be kept
};

class PlateDevice {
 public:
  virtual ~PlateDevice() = default;

  virtual const PlateInfo& info() const = 0;
  virtual const Calibration& calibration() const = 0;
  virtual std::uint16_t rate_hz() const = 0;
  virtual Status set_rate(std::uint16_t rate_hz) = 0;  // only while not streaming
  virtual Status start() = 0;
  virtual Status stop() = 0;
  // Appends the frames that arrived since the last call, waiting up to `timeout` for the first.
  // An event's frame_index is the index in `frames` of the first frame after it happened.
  virtual ReadStatus read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                          std::chrono::milliseconds timeout) = 0;
  virtual PlateHealth health() const = 0;
};

// One line of `stance devices`.
struct PlateListing {
  std::string address;  // what `--device` takes, e.g. "sim:layout=2" or "usb:SERIAL"
  std::string serial;
  PlateLayout layout = PlateLayout::kFourCell;
  std::uint16_t rate_hz = 0;
  std::string firmware;
  std::string description;
};

class PlateDriver {
 public:
  virtual ~PlateDriver() = default;
  virtual std::string name() const = 0;          // the part of --device before ':'
  virtual std::string options_help() const = 0;  // what may follow ':'
  // The plates this driver can see; `options` is what may follow ':' in --device ("" = defaults),
  // e.g. other USB ids to look for. Errors only for options the driver does not understand.
  virtual Result<std::vector<PlateListing>> list(const std::string& options) = 0;
  virtual Result<std::unique_ptr<PlateDevice>> open(const std::string& options) = 0;
};

}  // namespace stance
