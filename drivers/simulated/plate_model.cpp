#include "simulated/plate_model.hpp"

#include <Eigen/LU>
#include <cmath>

#include "simulated/seeds.hpp"

namespace stance::sim {
namespace {

// Geometry and ranges of the two simulated plates.
constexpr double kWidth_m = 0.40;
constexpr double kLength_m = 0.60;
// Layout 1: cells 30 mm in from the edges; channel order rear-left, rear-right, front-right,
// front-left (seen by the patient facing +y).
constexpr std::array<std::array<int, 2>, 4> kCell_mm{
    {{-170, -270}, {170, -270}, {170, 270}, {-170, 270}}};
constexpr double kCellGain_n_per_count = 1.0e-3;  // ±8.4 kN per cell at 24 bits
constexpr double kCapacityFourCell_n = 2000.0;
// Layout 2: per-channel sensitivities of Fx Fy Fz (N/count) and Mx My Mz (N·m/count).
constexpr std::array<double, 6> kSensitivity{0.5e-3, 0.5e-3, 1.0e-3, 0.25e-3, 0.25e-3, 0.1e-3};
constexpr double kCapacitySixComponent_n = 4000.0;
constexpr double kOriginDz_m = 0.040;
constexpr double kCrossTalk = 0.01;   // off-diagonal terms, fraction, uniform ±
constexpr double kGainSpread = 0.03;  // per-channel gain spread around nominal, uniform ±
constexpr int kZeroMin = 1500;        // factory zeros: a few thousand counts, either sign
constexpr int kZeroMax = 6000;
constexpr std::uint8_t kAdcBits = 24;
constexpr std::uint32_t kCalibratedAt_unix_s = 1767225600;  // 2026-01-01T00:00:00Z

}  // namespace

PlateModel::PlateModel(const PlateParams& params) : noise_counts_(params.noise_counts) {
  std::mt19937_64 rng(derive_seed(params.seed, SeedStream::kCalibration));
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::uniform_int_distribution<int> zero_magnitude(kZeroMin, kZeroMax);
  std::bernoulli_distribution negative(0.5);

  info_.protocol_version = 1;
  info_.firmware_version = params.firmware_version;
  info_.layout = params.layout;
  info_.adc_bits = kAdcBits;
  info_.max_rate_hz = params.max_rate_hz;
  info_.default_rate_hz = params.default_rate_hz;
  info_.width_m = kWidth_m;
  info_.length_m = kLength_m;
  info_.manufacturer = "Stance";
  info_.product = "Simulated SPP plate";
  info_.serial = params.serial;
  full_scale_ = (std::int32_t{1} << (kAdcBits - 1)) - 1;

  calibration_.calibrated_at_unix_s = kCalibratedAt_unix_s;
  const int n = channel_count();
  for (int i = 0; i < n; ++i) {
    const int z = zero_magnitude(rng);
    calibration_.zero_counts[static_cast<std::size_t>(i)] = negative(rng) ? -z : z;
  }

  if (params.layout == PlateLayout::kFourCell) {
    info_.capacity_n = kCapacityFourCell_n;
    Eigen::Matrix<double, 3, 4> a;
    for (int i = 0; i < 4; ++i) {
      const auto idx = static_cast<std::size_t>(i);
      // Positions go through the info block as whole millimetres: use exactly those.
      info_.cells[idx] = {kCell_mm[idx][0] / 1000.0, kCell_mm[idx][1] / 1000.0};
      calibration_.gain_n_per_count[idx] =
          static_cast<float>(kCellGain_n_per_count * (1.0 + kGainSpread * unit(rng)));
      a(0, i) = 1.0;
      a(1, i) = info_.cells[idx].x_m;
      a(2, i) = info_.cells[idx].y_m;
    }
    // Least-norm cell forces: ΣFi = Fz, ΣFi·xi = Fz·x, ΣFi·yi = Fz·y.
    cell_pinv_ = a.transpose() * (a * a.transpose()).inverse();
    inverse_matrix_.setZero();
  } else {
    info_.capacity_n = kCapacitySixComponent_n;
    info_.origin_dz_m = kOriginDz_m;
    Eigen::Matrix<double, 6, 6> m;
    for (int r = 0; r < 6; ++r) {
      for (int c = 0; c < 6; ++c) {
        const double shape = r == c ? 1.0 + kGainSpread * unit(rng) : kCrossTalk * unit(rng);
        const auto value = static_cast<float>(kSensitivity[static_cast<std::size_t>(r)] * shape);
        calibration_.matrix[static_cast<std::size_t>(r * 6 + c)] = value;
        m(r, c) = static_cast<double>(value);  // invert what the host will use, float and all
      }
    }
    inverse_matrix_ = m.inverse();
    cell_pinv_.setZero();
  }

  // Ageing draws from its own stream: an aged plate keeps its seed's factory calibration.
  std::mt19937_64 ageing(derive_seed(params.seed, SeedStream::kAgeing));
  gain_factor_.fill(1.0);
  for (int i = 0; i < n; ++i) {
    const auto idx = static_cast<std::size_t>(i);
    zero_drift_[idx] = params.zero_drift_counts * (negative(ageing) ? -1.0 : 1.0);
    gain_factor_[idx] = 1.0 + params.gain_error * unit(ageing);
  }
}

Wrench PlateModel::wrench_for(const SurfaceLoad& load) const {
  Wrench w;
  w.fz_n = load.fz_n;
  const double x = load.cop_ml_m;
  const double y = load.cop_ap_m;
  if (info_.layout == PlateLayout::kFourCell) {
    // Vertical cells see neither shear nor free moment; moments about the plate centre.
    w.mx_nm = load.fz_n * y;
    w.my_nm = -load.fz_n * x;
    return w;
  }
  const double dz = info_.origin_dz_m;
  w.fx_n = load.fx_n;
  w.fy_n = load.fy_n;
  w.mx_nm = load.fz_n * y + dz * load.fy_n;  // SPP section 4 convention
  w.my_nm = -load.fz_n * x - dz * load.fx_n;
  w.mz_nm = y * load.fx_n - x * load.fy_n + load.free_moment_nm;
  return w;
}

std::array<double, kMaxChannels> PlateModel::ideal_counts(const Wrench& w) const {
  std::array<double, kMaxChannels> counts{};
  if (info_.layout == PlateLayout::kFourCell) {
    const Eigen::Vector3d b(w.fz_n, -w.my_nm, w.mx_nm);  // Fz, ΣFi·xi, ΣFi·yi
    const Eigen::Vector4d cell_n = cell_pinv_ * b;
    for (int i = 0; i < 4; ++i) {
      const auto idx = static_cast<std::size_t>(i);
      const double true_gain =
          static_cast<double>(calibration_.gain_n_per_count[idx]) * gain_factor_[idx];
      counts[idx] = cell_n(i) / true_gain + calibration_.zero_counts[idx] + zero_drift_[idx];
    }
    return counts;
  }
  Eigen::Matrix<double, 6, 1> wrench;
  wrench << w.fx_n, w.fy_n, w.fz_n, w.mx_nm, w.my_nm, w.mz_nm;
  const Eigen::Matrix<double, 6, 1> c = inverse_matrix_ * wrench;
  for (int i = 0; i < 6; ++i) {
    const auto idx = static_cast<std::size_t>(i);
    counts[idx] = c(i) / gain_factor_[idx] + calibration_.zero_counts[idx] + zero_drift_[idx];
  }
  return counts;
}

AdcSample PlateModel::convert(const Wrench& wrench, std::mt19937_64& noise_rng,
                              std::uint16_t saturate_mask) const {
  const auto ideal = ideal_counts(wrench);
  std::normal_distribution<double> noise(0.0, 1.0);
  const double limit = static_cast<double>(full_scale_);
  AdcSample out;
  for (int i = 0; i < channel_count(); ++i) {
    const auto idx = static_cast<std::size_t>(i);
    // Always draw, so that an injected fault never shifts the noise of later samples.
    double c = std::round(ideal[idx] + noise_counts_ * noise(noise_rng));
    if ((saturate_mask >> i) & 1u) c = 2.0 * limit;
    if (c >= limit || c <= -limit) {
      c = c > 0.0 ? limit : -limit;
      out.overload_flags = static_cast<std::uint16_t>(out.overload_flags | (1u << i));
    }
    out.counts[idx] = static_cast<std::int32_t>(c);
  }
  return out;
}

}  // namespace stance::sim
