#pragma once
// A recorded trial's raw frames to calibrated samples on the plate's sample grid. The grid comes
// from the frames' sequence numbers, so lost frames become kMissing samples in the right place.
#include <Eigen/Core>

#include "core/force_samples.hpp"
#include "core/recording.hpp"
#include "core/wrench.hpp"

namespace stance {

// Longest gap placed on the grid; a longer jump (or a device reset, where seq restarts) is
// placed from the device clock instead, so a corrupt seq cannot allocate hours of empty samples.
inline constexpr double kMaxSeqGap_s = 600.0;

ForceSamples samples_from_recording(const Recording& recording, double min_fz_n = kDefaultMinFz_n);

}  // namespace stance
