#pragma once
// A stored recording played back as a plate, at the pace it was recorded (or faster), so an old
// trial can be watched again in the live view through the same calibration, trial flow and live
// figures as when it was recorded. The raw frames and stream events come out exactly as stored.
#include <chrono>

#include "device/plate_device.hpp"

namespace stance {

class ReplayPlate : public PlateDevice {
 public:
  // `speed`: recorded seconds per wall-clock second (> 0).
  explicit ReplayPlate(Recording recording, double speed = 1.0);

  const PlateInfo& info() const override { return recording_.plate; }
  const Calibration& calibration() const override { return recording_.calibration; }
  std::uint16_t rate_hz() const override;
  Status set_rate(std::uint16_t rate_hz) override;  // refused: it plays at its recorded rate
  Status start() override;
  Status stop() override;
  ReadStatus read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                  std::chrono::milliseconds timeout) override;
  PlateHealth health() const override;

  bool finished() const { return next_ >= recording_.frames.size(); }
  double duration_s() const;

 private:
  // How many frames are due at `now` since start().
  std::size_t due(std::chrono::steady_clock::time_point now) const;

  const Recording recording_;
  const double speed_;
  bool streaming_ = false;
  std::chrono::steady_clock::time_point started_{};
  std::size_t next_ = 0, next_event_ = 0;
};

}  // namespace stance
