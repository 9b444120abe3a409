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

}  // namespace

ForceSamples samples_from_recording(const Recording& recording, double min_fz_n) {
  ForceSamples out;
  out.rate_hz = recording.rate_hz;
  out.has_shear = recording.plate.layout == PlateLayout::kSixComponent;
  const auto& frames = recording.frames;
  if (frames.empty() || !(recording.rate_hz > 0.0)) return out;

  std::vector<Eigen::Index> position(frames.size(), 0);
  std::vector<bool> keep(frames.size(), true);
  for (std::size_t i = 1; i < frames.size(); ++i) {
    const Eigen::Index steps = grid_steps(frames[i - 1], frames[i], recording.rate_hz);
    keep[i] = steps > 0;
    position[i] = position[i - 1] + steps;
  }
  out.resize(position.back() + 1);
  std::fill(out.flags.begin(), out.flags.end(), bit(SampleFlag::kMissing));

  const CountsCalibrator calibrator(recording.plate, recording.calibration, recording.tare);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (!keep[i]) continue;
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
