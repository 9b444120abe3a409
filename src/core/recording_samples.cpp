#include "core/recording_samples.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/calibration.hpp"

namespace stance {
namespace {

// Grid steps between two consecutive frames, from seq, or from t_us after a reset or a jump.
Eigen::Index grid_steps(const RawFrame& previous, const RawFrame& current, double rate_hz) {
  const std::uint32_t seq_step = current.seq - previous.seq;  // modular: handles the wrap
  const auto max_steps = static_cast<std::uint32_t>(kMaxSeqGap_s * rate_hz);
  if (seq_step >= 1 && seq_step <= max_steps) return seq_step;
  if (seq_step == 0) return 0;  // duplicate frame: keep the first
  const std::uint32_t dt_us = current.t_us - previous.t_us;
  const double steps = std::round(static_cast<double>(dt_us) * rate_hz * 1e-6);
  return static_cast<Eigen::Index>(std::clamp(steps, 1.0, static_cast<double>(max_steps)));
}

std::uint8_t sample_flags(std::uint16_t frame_flags) {
  std::uint8_t out = 0;
  if ((frame_flags & frame_flag::kOverloadMask) != 0) out |= bit(SampleFlag::kOverload);
  if ((frame_flags & frame_flag::kAdcError) != 0) out |= bit(SampleFlag::kAdcError);
  return out;
}

// Each frame's place on the grid (position[i] < 0: a duplicate, not placed), within the budget of
// lost samples: gaps are placed as the frames say until the budget is spent, then shortened.
std::vector<Eigen::Index> grid_positions(const Recording& recording) {
  const auto& frames = recording.frames;
  std::vector<Eigen::Index> position(frames.size(), 0);
  if (frames.empty()) return position;
  const double rate_hz = std::min(recording.rate_hz, 1e5);
  auto lost_budget = static_cast<Eigen::Index>(frames.size()) * kMaxLostSamplesPerFrame +
                     static_cast<Eigen::Index>(rate_hz);
  Eigen::Index last = 0;
  for (std::size_t i = 1; i < frames.size(); ++i) {
    Eigen::Index steps = grid_steps(frames[i - 1], frames[i], rate_hz);
    if (steps == 0) {
      position[i] = -1;
      continue;
    }
    steps = std::min(steps, lost_budget + 1);
    lost_budget -= steps - 1;
    last += steps;
    position[i] = last;
  }
  return position;
}

}  // namespace

Eigen::Index grid_length(const Recording& recording) {
  if (recording.frames.empty() || !(recording.rate_hz > 0.0)) return 0;
  const auto position = grid_positions(recording);
  return *std::max_element(position.begin(), position.end()) + 1;
}

ForceSamples samples_from_recording(const Recording& recording, double min_fz_n) {
  ForceSamples out;
  out.rate_hz = recording.rate_hz;
  out.has_shear = recording.plate.layout == PlateLayout::kSixComponent;
  const auto& frames = recording.frames;
  if (frames.empty() || !(recording.rate_hz > 0.0)) return out;

  const std::vector<Eigen::Index> position = grid_positions(recording);
  out.resize(*std::max_element(position.begin(), position.end()) + 1);
  std::fill(out.flags.begin(), out.flags.end(), bit(SampleFlag::kMissing));

  const CountsCalibrator calibrator(recording.plate, recording.calibration, recording.tare);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (position[i] < 0) continue;
    const Eigen::Index k = position[i];
    std::uint8_t flags = sample_flags(frames[i].flags);
    if (has_flag(flags, SampleFlag::kAdcError)) {  // stale counts: never turned into loads
      out.flags[k] = flags;
      continue;
    }
    const Wrench w = calibrator.to_wrench(frames[i].counts);
    const CopPoint cop = calibrator.cop(w, min_fz_n);
    if (!cop.valid) flags |= bit(SampleFlag::kLowForce);
    out.fx_n[k] = w.fx_n;
    out.fy_n[k] = w.fy_n;
    out.fz_n[k] = w.fz_n;
    out.cop_ml_m[k] = cop.ml_m;
    out.cop_ap_m[k] = cop.ap_m;
    out.flags[k] = flags;
  }
  return out;
}

}  // namespace stance
