#include "core/calibration_check.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <sstream>

#include "core/calibration.hpp"
#include "core/units.hpp"

namespace stance {
namespace {

std::string newtons(double n) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << n << " N";
  return out.str();
}

struct MeanSd {
  double mean = 0.0, sd = 0.0;
};

template <typename Values>
MeanSd mean_sd(const Values& values) {
  MeanSd out;
  if (values.empty()) return out;
  for (double v : values) out.mean += v;
  out.mean /= static_cast<double>(values.size());
  for (double v : values) out.sd += (v - out.mean) * (v - out.mean);
  out.sd = std::sqrt(out.sd / static_cast<double>(values.size()));
  return out;
}

// The force error allowed: 1% of the weight or 5 N, whichever is larger (docs/calibration.md).
double fz_tolerance(double expected_fz_n, const KnownMassOptions& options) {
  return std::max(options.fz_tolerance_n, options.fz_tolerance_percent / 100.0 * expected_fz_n);
}

}  // namespace

bool has_factory_zero(const Calibration& calibration) {
  if (calibration.calibrated_at_unix_s != 0) return true;
  for (std::int32_t zero : calibration.zero_counts) {
    if (zero != 0) return true;
  }
  return false;
}

Result<TareResult> compute_tare(const std::vector<RawFrame>& frames, const PlateInfo& info,
                                const Calibration& calibration, const Tare& previous,
                                std::int64_t now_unix_s, const TareOptions& options) {
  const CountsCalibrator current(info, calibration, previous);
  const int channels = channel_count(info.layout);
  std::vector<double> fz;
  std::array<double, kMaxChannels> counts_sum{};
  for (const RawFrame& f : frames) {
    if ((f.flags & (frame_flag::kAdcError | frame_flag::kOverloadMask)) != 0) continue;
    fz.push_back(current.to_wrench(f.counts).fz_n);
    for (int c = 0; c < channels; ++c) counts_sum[c] += f.counts[c];
  }
  if (fz.size() < options.min_frames) {
    return Error{"too few usable frames for a tare (" + std::to_string(fz.size()) + ", need " +
                 std::to_string(options.min_frames) + "): record the empty plate for longer"};
  }
  const MeanSd load = mean_sd(fz);
  // A plate its maker never calibrated (a home-built one) has no zero to compare with until its
  // first tare: then any steady load is taken as the empty plate.
  const bool first_zero = !previous.applied && !has_factory_zero(calibration);
  if (!first_zero && std::abs(load.mean) > options.max_load_n) {
    return Error{"the plate carries " + newtons(load.mean) + " (about " +
                 std::to_string(static_cast<int>(std::lround(kg_from_newtons(load.mean)))) +
                 " kg): clear the plate and tare again (if it is empty, its zero has drifted too "
                 "far: have it recalibrated)"};
  }
  if (load.sd > options.max_fz_sd_n) {
    return Error{"the plate is not steady (vertical force varies by " + newtons(load.sd) +
                 " SD): make sure nothing touches it and tare again"};
  }
  TareResult out;
  out.tare = previous;
  out.tare.applied = true;
  out.tare.taken_at_unix_s = now_unix_s;
  for (int c = 0; c < kMaxChannels; ++c) {
    out.tare.zero_counts[c] = c < channels ? counts_sum[c] / static_cast<double>(fz.size()) : 0.0;
  }
  out.load_on_old_zero_n = load.mean;
  out.fz_sd_n = load.sd;
  if (!first_zero && std::abs(load.mean) > options.drift_warning_n) {
    out.warnings.push_back("the zero had drifted by " + newtons(load.mean) + " since the " +
                           (previous.applied ? "last tare" : "factory calibration") +
                           "; the tare corrects it, but check the plate if this recurs");
  }
  return out;
}

Result<MassPlacement> measure_mass_placement(const std::vector<RawFrame>& frames,
                                             const PlateInfo& info, const Calibration& calibration,
                                             const Tare& tare, CellPosition position,
                                             const KnownMassOptions& options) {
  if (info.layout != PlateLayout::kFourCell) {
    return Error{
        "a per-cell gain correction needs a four-cell plate (layout 1); this plate "
        "measures six components: have it recalibrated if the known-mass check fails"};
  }
  const CountsCalibrator current(info, calibration, tare);
  std::vector<double> fz;
  std::array<double, 4> cell_sum{};
  for (const RawFrame& f : frames) {
    if ((f.flags & (frame_flag::kAdcError | frame_flag::kOverloadMask)) != 0) continue;
    const std::array<double, 4> cells = current.cell_forces(f.counts);
    double total = 0.0;
    for (int i = 0; i < 4; ++i) {
      cell_sum[i] += cells[i];
      total += cells[i];
    }
    fz.push_back(total);
  }
  if (fz.size() < 10) return Error{"too few usable frames: record the mass for longer"};
  const MeanSd load = mean_sd(fz);
  if (load.mean < kDefaultMinFz_n) {
    return Error{"the plate is empty (" + newtons(load.mean) + "): place the mass and try again"};
  }
  if (load.sd > options.max_fz_sd_n) {
    return Error{"the load is not steady (" + newtons(load.sd) +
                 " SD): let the mass rest still on the plate and try again"};
  }
  MassPlacement p;
  for (int i = 0; i < 4; ++i) p.cell_force_n[i] = cell_sum[i] / static_cast<double>(fz.size());
  p.position = position;
  return p;
}

bool check_within_tolerance(const KnownMassRecord& check, const KnownMassOptions& options) {
  const double expected_fz_n = check.mass_kg * kStandardGravity_m_s2;
  return check.mass_kg > 0.0 &&
         std::abs(check.fz_error_n) <= fz_tolerance(expected_fz_n, options) &&
         check.cop_error_mm <= options.cop_tolerance_mm;
}

Result<KnownMassCheck> check_known_mass(const ForceSamples& samples, double mass_kg,
                                        std::optional<CellPosition> expected_position,
                                        const KnownMassOptions& options) {
  if (!(mass_kg > 0.0 && mass_kg < 500.0)) {
    return Error{"the known mass must be between 0 and 500 kg"};
  }
  std::vector<double> fz, ml, ap;
  for (Eigen::Index i = 0; i < samples.size(); ++i) {
    if (!samples.usable_for_cop(i) || has_flag(samples.flags[i], SampleFlag::kOverload)) continue;
    fz.push_back(samples.fz_n[i]);
    ml.push_back(samples.cop_ml_m[i]);
    ap.push_back(samples.cop_ap_m[i]);
  }
  if (fz.size() < 10) return Error{"no steady load on the plate: place the mass and try again"};
  const MeanSd load = mean_sd(fz);
  if (load.sd > options.max_fz_sd_n) {
    return Error{"the load is not steady (" + newtons(load.sd) +
                 " SD): let the mass rest still on the plate and try again"};
  }
  KnownMassCheck c;
  c.mass_kg = mass_kg;
  c.expected_fz_n = mass_kg * kStandardGravity_m_s2;
  c.measured_fz_n = load.mean;
  c.fz_error_n = c.measured_fz_n - c.expected_fz_n;
  c.fz_error_percent = 100.0 * c.fz_error_n / c.expected_fz_n;
  const double fz_tolerance_n = fz_tolerance(c.expected_fz_n, options);
  bool passed = std::abs(c.fz_error_n) <= fz_tolerance_n;
  std::ostringstream summary;
  summary.setf(std::ios::fixed);
  summary.precision(1);
  summary << "force error " << c.fz_error_n << " N (" << c.fz_error_percent << "%, tolerance "
          << fz_tolerance_n << " N)";
  if (expected_position) {
    c.position_known = true;
    c.cop_error_ml_mm = mm_from_m(mean_sd(ml).mean - expected_position->x_m);
    c.cop_error_ap_mm = mm_from_m(mean_sd(ap).mean - expected_position->y_m);
    c.cop_error_mm = std::hypot(c.cop_error_ml_mm, c.cop_error_ap_mm);
    passed = passed && c.cop_error_mm <= options.cop_tolerance_mm;
    summary << ", COP error " << c.cop_error_mm << " mm (tolerance " << options.cop_tolerance_mm
            << " mm)";
  }
  c.passed = passed;
  c.summary = (passed ? "passed: " : "FAILED: ") + summary.str() +
              (passed ? "" : "; tare the empty plate and check again, then have it recalibrated");
  return c;
}

Result<GainCorrectionFit> fit_gain_correction(const std::vector<MassPlacement>& placements,
                                              double mass_kg,
                                              const std::array<CellPosition, 4>& cells) {
  if (placements.size() < 3) {
    return Error{
        "place the mass at least at 3 positions spread over the plate (corners and "
        "centre); got " +
        std::to_string(placements.size())};
  }
  const double weight_n = mass_kg * kStandardGravity_m_s2;
  const auto rows = static_cast<Eigen::Index>(3 * placements.size());
  Eigen::MatrixXd a(rows, 4);
  Eigen::VectorXd b(rows);
  // Force equations in N; moment equations divided by a plate half-size so all rows weigh alike.
  double scale_m = 0.0;
  for (const auto& c : cells) scale_m = std::max({scale_m, std::abs(c.x_m), std::abs(c.y_m)});
  if (!(scale_m > 0.0)) return Error{"the plate's load-cell positions are all zero"};
  for (std::size_t p = 0; p < placements.size(); ++p) {
    const auto r = static_cast<Eigen::Index>(3 * p);
    for (int i = 0; i < 4; ++i) {
      const double f = placements[p].cell_force_n[i];
      a(r, i) = f;
      a(r + 1, i) = f * cells[i].x_m / scale_m;
      a(r + 2, i) = f * cells[i].y_m / scale_m;
    }
    b(r) = weight_n;
    b(r + 1) = weight_n * placements[p].position.x_m / scale_m;
    b(r + 2) = weight_n * placements[p].position.y_m / scale_m;
  }
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(a, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const auto& sv = svd.singularValues();
  if (!(sv(3) > 1e-3 * sv(0))) {
    return Error{"the placements do not pin down every cell: put the mass near each corner"};
  }
  const Eigen::Vector4d factor = svd.solve(b);
  GainCorrectionFit fit;
  for (int i = 0; i < 4; ++i) {
    if (!(factor(i) > 0.8 && factor(i) < 1.25)) {
      return Error{"load cell " + std::to_string(i) + " would need a gain factor of " +
                   std::to_string(factor(i)) + ": far outside 0.8..1.25; have the plate serviced"};
    }
    fit.factor[i] = factor(i);
  }
  const Eigen::VectorXd before = a * Eigen::Vector4d::Ones() - b;
  const Eigen::VectorXd after = a * factor - b;
  auto rms_rows = [&](const Eigen::VectorXd& e, int offset, double to_unit) {
    double sum = 0;
    for (std::size_t p = 0; p < placements.size(); ++p) {
      const auto r = static_cast<Eigen::Index>(3 * p);
      if (offset == 0) {
        sum += e(r) * e(r);
      } else {  // COP error from the moment rows: (error · scale) / W
        const double dx = e(r + 1) * scale_m / weight_n, dy = e(r + 2) * scale_m / weight_n;
        sum += dx * dx + dy * dy;
      }
    }
    return std::sqrt(sum / static_cast<double>(placements.size())) * to_unit;
  };
  fit.rms_fz_error_before_n = rms_rows(before, 0, 1.0);
  fit.rms_fz_error_after_n = rms_rows(after, 0, 1.0);
  fit.rms_cop_error_before_mm = rms_rows(before, 1, kMmPerM);
  fit.rms_cop_error_after_mm = rms_rows(after, 1, kMmPerM);
  return fit;
}

}  // namespace stance
