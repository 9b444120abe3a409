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

// However the frames are numbered, the grid holds at most this many lost samples per frame
// received, plus one second of samples: a trial that lost 90% of its frames is invalid anyway, and
// a damaged or hostile file of a few frames must not make the analysis allocate gigabytes. Gaps
// beyond the budget are shortened, so the grid (and all memory the analysis takes) stays within a
// fixed multiple of what the recording holds.
inline constexpr Eigen::Index kMaxLostSamplesPerFrame = 9;

// The length of the grid samples_from_recording() builds for `recording`: at most
// (kMaxLostSamplesPerFrame + 1) × frames + one second of samples.
Eigen::Index grid_length(const Recording& recording);

ForceSamples samples_from_recording(const Recording& recording, double min_fz_n = kDefaultMinFz_n);

}  // namespace stance
