#include "core/steadiness/ml_band.hpp"

#include <algorithm>
#include <cmath>

namespace stance::steadiness {
namespace {

Eigen::ArrayXd band(const Eigen::ArrayXd& x, const SteadinessOptions& o, double rate_hz) {
  return squat::zero_phase_lowpass(x, o.band_high_hz, rate_hz) -
         squat::zero_phase_lowpass(x, o.band_low_hz, rate_hz);
}

}  // namespace

MlSignals make_ml_signals(const squat::WorkingSignals& w, const SteadinessOptions& options) {
  MlSignals s;
  s.band_m = band(w.cop_ml_m, options, w.rate_hz);
  s.trend_m = squat::zero_phase_lowpass(w.cop_ml_m, 1.0, w.rate_hz);
  if (w.has_shear && w.fx_n.size() == w.cop_ml_m.size()) {
    s.shear_band_n = band(w.fx_n, options, w.rate_hz);
  }
  return s;
}

void SquareSum::add(const Eigen::ArrayXd& x, const std::vector<std::uint8_t>& ok,
                    Eigen::Index begin, Eigen::Index end) {
  begin = std::max<Eigen::Index>(begin, 0);
  end = std::min(end, x.size());
  for (Eigen::Index i = begin; i < end; ++i) {
    if (ok[static_cast<std::size_t>(i)] == 0) continue;
    sum_sq += x[i] * x[i];
    ++count;
  }
}

double SquareSum::rms() const {
  return count > 0 ? std::sqrt(sum_sq / static_cast<double>(count)) : 0.0;
}

double mean_where(const Eigen::ArrayXd& x, const std::vector<std::uint8_t>& ok, Eigen::Index begin,
                  Eigen::Index end, Eigen::Index& count) {
  begin = std::max<Eigen::Index>(begin, 0);
  end = std::min(end, x.size());
  double sum = 0.0;
  count = 0;
  for (Eigen::Index i = begin; i < end; ++i) {
    if (ok[static_cast<std::size_t>(i)] == 0) continue;
    sum += x[i];
    ++count;
  }
  return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

}  // namespace stance::steadiness
