#pragma once
// Raw ADC counts to loads, through the factory calibration and the host's adjustments (the tare's
// zero when one was taken, per-cell gain corrections of a four-cell plate).
// This is the one calibration path: a real plate, the simulated plate and a re-analysed recording
// all go through it.
#include <array>
#include <cstdint>

#include "core/plate.hpp"
#include "core/wrench.hpp"

namespace stance {

class CountsCalibrator {
 public:
  CountsCalibrator(const PlateInfo& info, const Calibration& calibration, const Tare& tare);

  Wrench to_wrench(const std::array<std::int32_t, kMaxChannels>& counts) const;
  // Layout 1: the force on each load cell, N (what the wrench is made of).
  std::array<double, 4> cell_forces(const std::array<std::int32_t, kMaxChannels>& counts) const;
  CopPoint cop(const Wrench& w, double min_fz_n = kDefaultMinFz_n) const;
  // Zero actually in use for channel i (the tare's when applied, else the factory's).
  double zero_counts(int channel) const { return zero_[channel]; }

 private:
  PlateInfo info_;
  Calibration calibration_;
  std::array<double, kMaxChannels> zero_{};
  std::array<double, 4> gain_correction_{};
};

}  // namespace stance
