#pragma once
// The knee of one trial from its marker frames: FPPA per frame, the squats (from the plate's
// squat analysis when both recorded, else from the hip marker), the figures of each squat, the
// trial's means over squats 1–4 and the standing FPPA (docs/metrics.md).
#include <vector>

#include "core/knee/hip_squats.hpp"
#include "core/knee/knee_types.hpp"
#include "core/squat/squat_analysis.hpp"

namespace stance::knee {

struct KneeOptions {
  Limb limb = Limb::kRight;
  HipSquatOptions hip_squats;
  int squats_in_mean = 4;  // Kwok & Kong 2024: squats 1–4 of five
  int min_standing_frames = 5;
};

// Frames (time order) to KneeFrames with their FPPA.
std::vector<KneeFrame> knee_frames(const std::vector<MarkerFrame>& frames, Limb limb);

// With `plate_squats` (the [start, end] of each squat of the plate's analysis, on the same time
// axis as the frames) the squats are those; without, they come from the hip marker.
KneeTrial analyze_knee(const std::vector<MarkerFrame>& frames, const KneeOptions& options,
                       const std::vector<TimeInterval>* plate_squats = nullptr);

// The [start, end] of the plate's squat repetitions.
std::vector<TimeInterval> squat_intervals(const SquatAnalysis& plate);

}  // namespace stance::knee
