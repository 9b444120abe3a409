#pragma once
// Records one trial from a plate: start, collect frames for the requested time (counted on the
// plate's own sample grid, so lost frames still count as elapsed time), stop. An unplugged plate
// never loses what arrived: the recording is returned, marked interrupted.
#include <atomic>
#include <chrono>
#include <functional>

#include "core/recording.hpp"
#include "device/plate_device.hpp"
#include "support/result.hpp"

namespace stance {

struct RecordRequest {
  double seconds = 30.0;
  TrialMetadata metadata;
  Tare tare;
  // Longest wait for the first frame or between frames before giving up on a silent plate.
  std::chrono::milliseconds silence_timeout{3000};
  const std::atomic<bool>* cancel = nullptr;       // set to stop early (kept, marked interrupted)
  std::function<void(double elapsed_s)> progress;  // called about every 100 ms of data
};

struct RecordOutcome {
  Recording recording;
  bool interrupted = false;
  std::string interruption;  // why, for the person at the plate
};

Result<RecordOutcome> record_trial(PlateDevice& plate, const RecordRequest& request);

// The current UTC time as ISO 8601, e.g. 2026-11-25T14:19:10Z.
std::string utc_timestamp_now();
// The same with '-' for ':' (awkward in file names), e.g. 2026-11-25T14-19-10Z: for a folder or
// file of its own per session or run.
std::string utc_timestamp_for_file_name();

}  // namespace stance
