#include "sim_test_util.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/calibration.hpp"
#include "simulated/simulated_driver.hpp"

namespace stance::sim::test {

std::unique_ptr<SimulatedPlate> open_plate(const std::string& options) {
  auto plate = SimulatedDriver::open_simulated(options);
  if (!plate) {
    ADD_FAILURE() << "sim:" << options << ": " << plate.error().message;
    return nullptr;
  }
  return std::move(*plate);
}

Capture stream_for(SimulatedPlate& plate, double seconds) {
  Capture c;
  if (Status s = plate.start(); !s) {
    ADD_FAILURE() << s.error().message;
    return c;
  }
  const auto samples = static_cast<std::uint64_t>(std::llround(seconds * plate.rate_hz()));
  while (plate.fault_truth().samples < samples) {
    ++c.reads;
    const ReadStatus r = plate.read(c.frames, c.events, std::chrono::milliseconds(100));
    if (r == ReadStatus::kDisconnected) {
      c.disconnected = true;
      break;
    }
    if (r == ReadStatus::kTimeout) {
      ADD_FAILURE() << "read timed out on the virtual clock";
      break;
    }
  }
  if (Status s = plate.stop(); !s) ADD_FAILURE() << s.error().message;
  return c;
}

Calibrated calibrate(const SimulatedPlate& plate, const std::vector<RawFrame>& frames) {
  const CountsCalibrator cal(plate.info(), plate.calibration(), Tare{});
  Calibrated out;
  for (const auto& f : frames) {
    const Wrench w = cal.to_wrench(f.counts);
    const CopPoint p = cal.cop(w);
    out.t_s.push_back(static_cast<double>(f.seq) / plate.rate_hz());
    out.fx_n.push_back(w.fx_n);
    out.fy_n.push_back(w.fy_n);
    out.fz_n.push_back(w.fz_n);
    out.cop_ml_m.push_back(p.ml_m);
    out.cop_ap_m.push_back(p.ap_m);
    out.cop_valid.push_back(p.valid);
  }
  return out;
}

double mean(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

double sd(const std::vector<double>& v) {
  const double m = mean(v);
  double s = 0.0;
  for (double x : v) s += (x - m) * (x - m);
  return v.empty() ? 0.0 : std::sqrt(s / static_cast<double>(v.size()));
}

}  // namespace stance::sim::test
