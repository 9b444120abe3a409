#pragma once
// The trial at the analysis rate: block means of the trustworthy samples (about 200 Hz by
// default), so the slow squat, wobble and validity signals cost a few thousand samples whatever
// the plate's own rate. Blocks without a trustworthy value are bridged by straight lines and
// marked, so filters never see a jump to 0.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "core/force_samples.hpp"

namespace stance::squat {

// Samples whose vertical force cannot be trusted: lost, stale (ADC error) or clipped (overload).
inline constexpr std::uint8_t kUntrustedForce =
    bit(SampleFlag::kMissing) | bit(SampleFlag::kAdcError) | bit(SampleFlag::kOverload);

// Samples whose COP cannot be trusted: those, unloaded ones, and clipped ones (overload).
inline constexpr std::uint8_t kUntrustedCop = kUnusableForCop | bit(SampleFlag::kOverload);

// Which channels to build: reading a 30-s, 1000-Hz trial is memory-bound, so only what is used.
enum class Channels : std::uint8_t {
  kForce = 1,  // fz_n, force_ok
  kCop = 2,    // cop_ml_m, cop_ap_m, cop_ok
  kShear = 4,  // fx_n (with kForce)
  kAll = 7,
};
inline constexpr bool wants(Channels set, Channels c) {
  return (static_cast<std::uint8_t>(set) & static_cast<std::uint8_t>(c)) != 0;
}

struct WorkingSignals {
  Eigen::Index blocks = 0;
  double rate_hz = 0.0;     // blocks per second
  double t0_s = 0.0;        // time of block 0 (the centre of its samples)
  Eigen::Index factor = 1;  // plate samples per block
  bool has_shear = false;
  // Bridged across blocks without a trustworthy sample; empty when not asked for.
  Eigen::ArrayXd fz_n, fx_n;
  Eigen::ArrayXd cop_ml_m, cop_ap_m;
  std::vector<std::uint8_t> force_ok, cop_ok;  // the block had such a sample (1) or was bridged

  Eigen::Index size() const { return blocks; }
  double time_s(double index) const { return t0_s + index / rate_hz; }
  // Nearest block to a time, clamped to the signal.
  Eigen::Index index_at(double t_s) const;
};

// Block factor: the largest whole number of plate samples per block that keeps the block rate at
// or above target_rate_hz (1 when the plate is slower than that).
WorkingSignals make_working_signals(const ForceSamples& samples, double target_rate_hz,
                                    Channels channels = Channels::kAll);

// Zero-phase 4th-order Butterworth low-pass (filtfilt); returns x unchanged when the cut-off is
// not below 0.45 × rate (nothing to remove at that rate).
Eigen::ArrayXd zero_phase_lowpass(const Eigen::ArrayXd& x, double cutoff_hz, double rate_hz);

}  // namespace stance::squat
