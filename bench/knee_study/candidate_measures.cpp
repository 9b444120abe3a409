#include "candidate_measures.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace stance::study {
namespace {

using squat::zero_phase_lowpass;

// A band [lo, hi] as the difference of two zero-phase 4th-order Butterworth low-passes: the same
// filter the analysis uses everywhere, no new design to check.
Eigen::ArrayXd band(const Eigen::ArrayXd& x, double lo_hz, double hi_hz, double rate_hz) {
  return zero_phase_lowpass(x, hi_hz, rate_hz) - zero_phase_lowpass(x, lo_hz, rate_hz);
}

double rms(const Eigen::ArrayXd& x, Eigen::Index begin, Eigen::Index n) {
  if (n <= 0 || x.size() < begin + n) return 0.0;
  return std::sqrt(x.segment(begin, n).square().mean());
}

}  // namespace

const MeasureInfo& measure_info(Measure m) {
  static const std::array<MeasureInfo, kMeasureCount> info{{
      {"ML COP 1-2 Hz RMS", "mm", false},
      {"ML COP 2-6 Hz RMS", "mm", false},
      {"ML shear 2-6 Hz RMS", "%BW", true},
      {"ML range", "mm", false},
      {"95% ellipse area", "mm2", false},
      {"AP range", "mm", false},
      {"COP speed", "mm/s", false},
      {"ML speed", "mm/s", false},
  }};
  return info[static_cast<std::size_t>(m)];
}

StudySignals make_study_signals(const squat::WorkingSignals& w) {
  StudySignals s;
  s.rate_hz = w.rate_hz;
  s.ml_m = zero_phase_lowpass(w.cop_ml_m, 10.0, w.rate_hz);
  s.ap_m = zero_phase_lowpass(w.cop_ap_m, 10.0, w.rate_hz);
  s.ml_1_2_m = band(w.cop_ml_m, 1.0, 2.0, w.rate_hz);
  s.ml_2_6_m = band(w.cop_ml_m, 2.0, 6.0, w.rate_hz);
  if (w.has_shear && w.fx_n.size() == w.cop_ml_m.size()) {
    s.shear_2_6_n = band(w.fx_n, 2.0, 6.0, w.rate_hz);
  }
  return s;
}

MeasureValues measure_stretch(const StudySignals& s, Eigen::Index begin, Eigen::Index end,
                              double bw_n) {
  MeasureValues v{};
  begin = std::max<Eigen::Index>(begin, 0);
  end = std::min(end, s.ml_m.size());
  const Eigen::Index n = end - begin;
  if (n < 3) return v;
  const auto at = [](Measure m) { return static_cast<std::size_t>(m); };
  v[at(Measure::kMlBand1To2)] = 1e3 * rms(s.ml_1_2_m, begin, n);
  v[at(Measure::kMlBand2To6)] = 1e3 * rms(s.ml_2_6_m, begin, n);
  if (s.shear_2_6_n.size() > 0 && bw_n > 0.0) {
    v[at(Measure::kShearBand2To6)] = 100.0 * rms(s.shear_2_6_n, begin, n) / bw_n;
  }
  const auto ml = s.ml_m.segment(begin, n);
  const auto ap = s.ap_m.segment(begin, n);
  v[at(Measure::kMlRange)] = 1e3 * (ml.maxCoeff() - ml.minCoeff());
  v[at(Measure::kApRange)] = 1e3 * (ap.maxCoeff() - ap.minCoeff());
  // 95 % ellipse: π·χ²(0.95, 2)·√det(covariance), χ² = 5.991 (large n; Schubert & Kirchner 2014).
  const double mx = ml.mean(), my = ap.mean();
  const double dn = static_cast<double>(n - 1);
  const double sxx = (ml - mx).square().sum() / dn;
  const double syy = (ap - my).square().sum() / dn;
  const double sxy = ((ml - mx) * (ap - my)).sum() / dn;
  v[at(Measure::kEllipseArea)] =
      1e6 * std::numbers::pi * 5.991 * std::sqrt(std::max(0.0, sxx * syy - sxy * sxy));
  // Speeds: forward differences at the analysis rate.
  const Eigen::ArrayXd dx = (ml.tail(n - 1) - ml.head(n - 1)) * s.rate_hz;
  const Eigen::ArrayXd dy = (ap.tail(n - 1) - ap.head(n - 1)) * s.rate_hz;
  v[at(Measure::kCopSpeed)] = 1e3 * (dx.square() + dy.square()).sqrt().mean();
  v[at(Measure::kMlSpeed)] = 1e3 * dx.abs().mean();
  return v;
}

}  // namespace stance::study
