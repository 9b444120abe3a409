#include "core/wobble/wobble_components.hpp"

#include <algorithm>
#include <cmath>

namespace stance::wobble {

MlSignals make_ml_signals(const squat::WorkingSignals& w, const WobbleOptions& options) {
  MlSignals s;
  s.ml_m = squat::zero_phase_lowpass(w.cop_ml_m, options.cop_lowpass_hz, w.rate_hz);
  s.trend_m = squat::zero_phase_lowpass(s.ml_m, options.trend_cutoff_hz, w.rate_hz);
  const Eigen::Index n = s.ml_m.size();
  s.v_m_s = Eigen::ArrayXd::Zero(n);
  if (n >= 3) {
    s.v_m_s.segment(1, n - 2) = (s.ml_m.tail(n - 2) - s.ml_m.head(n - 2)) * (0.5 * w.rate_hz);
    s.v_m_s[0] = s.v_m_s[1];
    s.v_m_s[n - 1] = s.v_m_s[n - 2];
  }
  return s;
}

int count_reversals(const Eigen::ArrayXd& x, Eigen::Index begin, Eigen::Index end,
                    double min_travel_m) {
  if (end - begin < 3) return 0;
  int turns = 0;
  int direction = 0;  // +1 rising, −1 falling, 0 not yet known
  double extreme = x[begin], low = x[begin], high = x[begin];
  for (Eigen::Index i = begin + 1; i < end; ++i) {
    const double xi = x[i];
    if (direction == 0) {
      low = std::min(low, xi);
      high = std::max(high, xi);
      if (xi - low >= min_travel_m) {
        direction = 1;
        extreme = xi;
      } else if (high - xi >= min_travel_m) {
        direction = -1;
        extreme = xi;
      }
    } else if (direction > 0) {
      if (xi > extreme) {
        extreme = xi;
      } else if (extreme - xi >= min_travel_m) {
        ++turns;
        direction = -1;
        extreme = xi;
      }
    } else {
      if (xi < extreme) {
        extreme = xi;
      } else if (xi - extreme >= min_travel_m) {
        ++turns;
        direction = 1;
        extreme = xi;
      }
    }
  }
  return turns;
}

void MovementAccumulator::add(Eigen::Index begin, Eigen::Index end) {
  begin = std::max<Eigen::Index>(begin, 0);
  end = std::min(end, w_.size());
  if (end <= begin) return;
  for (Eigen::Index i = begin; i < end; ++i) {
    if (w_.cop_ok[i] == 0) continue;
    const double r = ml_.ml_m[i] - ml_.trend_m[i];
    sum_sq_ += r * r;
    sum_speed_ += std::abs(ml_.v_m_s[i]);
    ++count_;
  }
  reversals_ += count_reversals(ml_.ml_m, begin, end, options_.reversal_min_m);
  seconds_ += static_cast<double>(end - begin) / w_.rate_hz;
}

void MovementAccumulator::finish(WobbleComponents& out) const {
  if (count_ == 0 || seconds_ <= 0.0) return;
  out.oscillation_rms_m = std::sqrt(sum_sq_ / static_cast<double>(count_));
  out.ml_speed_m_s = sum_speed_ / static_cast<double>(count_);
  out.reversals_per_s = static_cast<double>(reversals_) / seconds_;
}

double mean_cop(const squat::WorkingSignals& w, const Eigen::ArrayXd& x, Eigen::Index begin,
                Eigen::Index end, Eigen::Index& count) {
  begin = std::max<Eigen::Index>(begin, 0);
  end = std::min(end, w.size());
  double sum = 0.0;
  count = 0;
  for (Eigen::Index i = begin; i < end; ++i) {
    if (w.cop_ok[i] == 0) continue;
    sum += x[i];
    ++count;
  }
  return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

double shear_rms_n(const squat::WorkingSignals& w, Eigen::Index begin, Eigen::Index end) {
  begin = std::max<Eigen::Index>(begin, 0);
  end = std::min(end, w.size());
  double sum = 0.0, sum_sq = 0.0;
  Eigen::Index n = 0;
  for (Eigen::Index i = begin; i < end; ++i) {
    if (w.force_ok[i] == 0) continue;
    sum += w.fx_n[i];
    sum_sq += w.fx_n[i] * w.fx_n[i];
    ++n;
  }
  if (n == 0) return 0.0;
  const double mean = sum / static_cast<double>(n);
  return std::sqrt(std::max(0.0, sum_sq / static_cast<double>(n) - mean * mean));
}

}  // namespace stance::wobble
