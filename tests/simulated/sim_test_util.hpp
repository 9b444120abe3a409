#pragma once
// Helpers for the simulated-device tests: open a plate, stream it on the virtual clock, and turn
// its frames into calibrated loads through the same CountsCalibrator as any real plate.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/raw_frame.hpp"
#include "core/recording.hpp"
#include "device/plate_device.hpp"
#include "simulated/simulated_plate.hpp"

namespace stance::sim::test {

// Opens "sim:<options>" and fails the calling test (via ADD_FAILURE) when it cannot.
std::unique_ptr<SimulatedPlate> open_plate(const std::string& options);

struct Capture {
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  int reads = 0;
  bool disconnected = false;
};

// Starts the plate and reads until `seconds` of samples have elapsed on the device (or it is
// unplugged), then stops it. The plate must be on the virtual clock (realtime=0).
Capture stream_for(SimulatedPlate& plate, double seconds);

// Calibrated loads of each frame, with the sample time from seq (no resets in these captures).
struct Calibrated {
  std::vector<double> t_s, fx_n, fy_n, fz_n, cop_ml_m, cop_ap_m;
  std::vector<bool> cop_valid;
};
Calibrated calibrate(const SimulatedPlate& plate, const std::vector<RawFrame>& frames);

double mean(const std::vector<double>& v);
double sd(const std::vector<double>& v);  // population SD

}  // namespace stance::sim::test
