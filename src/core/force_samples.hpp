#pragma once
// Calibrated plate output on a uniform time grid: the common input of every analysis, whatever the
// source (a recorded trial's raw counts, an imported CSV, a live plate). Lost samples stay in the
// grid, flagged kMissing, so gaps remain visible and are never mistaken for an unloaded plate.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace stance {

enum class SampleFlag : std::uint8_t {
  kMissing = 1u << 0,   // no sample arrived (lost frame, all-zero row, gap in time)
  kLowForce = 1u << 1,  // |Fz| below the threshold: COP undefined, set to 0
  kOverload = 1u << 2,  // a channel at full scale
  kAdcError = 1u << 3,  // the device marked the counts stale
};

inline constexpr std::uint8_t bit(SampleFlag f) {
  return static_cast<std::uint8_t>(f);
}
inline constexpr bool has_flag(std::uint8_t flags, SampleFlag f) {
  return (flags & bit(f)) != 0;
}
// Flags that make a sample unusable for COP-based scores.
inline constexpr std::uint8_t kUnusableForCop =
    bit(SampleFlag::kMissing) | bit(SampleFlag::kLowForce) | bit(SampleFlag::kAdcError);

struct ForceSamples {
  double rate_hz = 0.0;
  double t0_s = 0.0;       // time of sample 0
  bool has_shear = false;  // fx_n / fy_n measured (six-component plates)
  Eigen::ArrayXd fx_n, fy_n, fz_n;
  Eigen::ArrayXd cop_ml_m, cop_ap_m;  // plate frame: ML = x, AP = y
  std::vector<std::uint8_t> flags;    // SampleFlag bits per sample

  Eigen::Index size() const { return fz_n.size(); }
  double time_s(Eigen::Index i) const { return t0_s + static_cast<double>(i) / rate_hz; }
  void resize(Eigen::Index n);  // all channels, zero-filled, flags cleared
  bool usable_for_cop(Eigen::Index i) const { return (flags[i] & kUnusableForCop) == 0; }
  Eigen::Index count_flagged(SampleFlag f) const;
  // Samples [first, first + count), with t0_s moved accordingly.
  ForceSamples slice(Eigen::Index first, Eigen::Index count) const;
};

}  // namespace stance
