#include "core/calibration.hpp"

namespace stance {

CountsCalibrator::CountsCalibrator(const PlateInfo& info, const Calibration& calibration,
                                   const Tare& tare)
    : info_(info), calibration_(calibration), gain_correction_(tare.gain_correction) {
  for (int i = 0; i < kMaxChannels; ++i) {
    zero_[i] = tare.applied ? tare.zero_counts[i] : calibration.zero_counts[i];
  }
}

std::array<double, 4> CountsCalibrator::cell_forces(
    const std::array<std::int32_t, kMaxChannels>& counts) const {
  std::array<double, 4> force_n{};
  for (int i = 0; i < 4; ++i) {
    force_n[i] = static_cast<double>(calibration_.gain_n_per_count[i]) * gain_correction_[i] *
                 (counts[i] - zero_[i]);
  }
  return force_n;
}

Wrench CountsCalibrator::to_wrench(const std::array<std::int32_t, kMaxChannels>& counts) const {
  if (info_.layout == PlateLayout::kFourCell) {
    return wrench_from_cells(cell_forces(counts), info_.cells);
  }
  std::array<double, 6> out{};
  for (int r = 0; r < 6; ++r) {
    for (int c = 0; c < 6; ++c) {
      out[r] += static_cast<double>(calibration_.matrix[r * 6 + c]) * (counts[c] - zero_[c]);
    }
  }
  return Wrench{out[0], out[1], out[2], out[3], out[4], out[5]};
}

CopPoint CountsCalibrator::cop(const Wrench& w, double min_fz_n) const {
  const double dz = info_.layout == PlateLayout::kSixComponent ? info_.origin_dz_m : 0.0;
  return cop_from_wrench(w, dz, min_fz_n);
}

}  // namespace stance
