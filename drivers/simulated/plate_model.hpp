#pragma once
// The simulated plate's hardware: its info block, a seeded factory calibration for both SPP
// layouts, optionally aged, and the ADC: load -> counts by the exact inverse of the true
// calibration, plus Gaussian noise, rounding to whole counts and clipping at full scale (with the
// overload flag bit). Decoding the counts with stance::CountsCalibrator gives the load back within
// the noise.
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <random>
#include <string>

#include "core/plate.hpp"
#include "core/wrench.hpp"

namespace stance::sim {

struct PlateParams {
  PlateLayout layout = PlateLayout::kFourCell;
  std::uint64_t seed = 1;
  std::string serial = "SIM-0001";
  std::uint16_t firmware_version = 0x0100;  // 1.0
  std::uint16_t max_rate_hz = 2000;
  std::uint16_t default_rate_hz = 1000;
  double noise_counts = 100.0;  // ADC noise, RMS counts per channel
  // An aged plate (what the host's tare and gain correction are for): each channel's true zero
  // is this many counts off the factory zero, in a seeded direction, and its true sensitivity is
  // off by up to this fraction (seeded, uniform ±). 0 = the factory calibration is exact.
  double zero_drift_counts = 0.0;
  double gain_error = 0.0;
};

// The load on the top surface as the person applies it, in the plate frame.
struct SurfaceLoad {
  double fx_n = 0.0, fy_n = 0.0, fz_n = 0.0;
  double cop_ml_m = 0.0, cop_ap_m = 0.0;
  double free_moment_nm = 0.0;
};

// One ADC conversion of all channels.
struct AdcSample {
  std::array<std::int32_t, kMaxChannels> counts{};
  std::uint16_t overload_flags = 0;  // bit i: channel i at full scale
};

class PlateModel {
 public:
  explicit PlateModel(const PlateParams& params);

  const PlateInfo& info() const { return info_; }
  const Calibration& calibration() const { return calibration_; }
  int channel_count() const { return stance::channel_count(info_.layout); }
  std::int32_t full_scale_counts() const { return full_scale_; }
  // The ageing truth: counts the true zero is off the factory zero, and the factor a host gain
  // correction must apply to channel i (1 = exact).
  double zero_drift_counts(int channel) const { return zero_drift_[channel]; }
  double true_gain_factor(int channel) const { return gain_factor_[channel]; }
  double noise_counts() const { return noise_counts_; }

  // The wrench this load produces with the SPP conventions (about the plate centre for layout 1,
  // about the transducer origin origin_dz_m below the surface for layout 2).
  Wrench wrench_for(const SurfaceLoad& load) const;
  // Noise-free, unrounded counts: the exact inverse of the plate's true calibration (the
  // factory's, aged by zero_drift_counts and gain_error).
  std::array<double, kMaxChannels> ideal_counts(const Wrench& wrench) const;
  // A conversion: ideal counts + noise, rounded, clipped. Channels in `saturate_mask` are driven
  // past full scale (an injected overload).
  AdcSample convert(const Wrench& wrench, std::mt19937_64& noise_rng,
                    std::uint16_t saturate_mask = 0) const;

 private:
  PlateInfo info_;
  Calibration calibration_;
  std::int32_t full_scale_ = 0;
  double noise_counts_ = 0.0;
  std::array<double, kMaxChannels> zero_drift_{};
  std::array<double, kMaxChannels> gain_factor_{};
  Eigen::Matrix<double, 4, 3> cell_pinv_;       // layout 1: [Fz, Fz·x, Fz·y] -> cell forces
  Eigen::Matrix<double, 6, 6> inverse_matrix_;  // layout 2: wrench -> counts - zero
};

}  // namespace stance::sim
