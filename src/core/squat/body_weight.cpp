#include "core/squat/body_weight.hpp"

#include <algorithm>
#include <cmath>

namespace stance::squat {

BodyWeight estimate_body_weight(const WorkingSignals& w, const SquatOptions& options) {
  return estimate_body_weight(w, zero_phase_lowpass(w.fz_n, options.com_lowpass_hz, w.rate_hz),
                              options);
}

BodyWeight estimate_body_weight(const WorkingSignals& w, const Eigen::ArrayXd& fz_slow_n,
                                const SquatOptions& options) {
  BodyWeight out;
  const Eigen::Index n = w.size();
  const auto len = std::max<Eigen::Index>(
      2, static_cast<Eigen::Index>(std::lround(options.quiet_window_s * w.rate_hz)));
  const Eigen::Index step = std::max<Eigen::Index>(1, len / 2);
  std::vector<double> means;
  for (Eigen::Index b = 0; b + len <= n; b += step) {
    bool trusted = true;
    for (Eigen::Index i = b; i < b + len && trusted; ++i) trusted = w.force_ok[i] != 0;
    if (!trusted) continue;
    const auto seg = fz_slow_n.segment(b, len);
    const double mean = seg.mean();
    if (mean < options.min_body_weight_n) continue;
    const double sd = std::sqrt(std::max(0.0, (seg - mean).square().mean()));
    if (sd > options.quiet_sd_fraction * mean) continue;
    out.quiet.push_back({b, b + len, mean, sd});
    means.push_back(mean);
  }
  if (!means.empty()) {
    const auto mid = means.begin() + static_cast<std::ptrdiff_t>(means.size() / 2);
    std::nth_element(means.begin(), mid, means.end());
    double median = *mid;
    if (means.size() % 2 == 0) median = 0.5 * (median + *std::max_element(means.begin(), mid));
    out.weight_n = median;
    out.from_quiet = true;
    return out;
  }
  double sum = 0.0;
  Eigen::Index count = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (w.force_ok[i] == 0 || w.fz_n[i] < options.min_body_weight_n) continue;
    sum += w.fz_n[i];
    ++count;
  }
  out.weight_n = count > 0 ? sum / static_cast<double>(count) : 0.0;
  return out;
}

std::vector<QuietWindow> rest_windows(const BodyWeight& bw, const SquatOptions& options) {
  std::vector<QuietWindow> out;
  for (const QuietWindow& q : bw.quiet) {
    if (std::abs(q.mean_n - bw.weight_n) <= options.rest_band_fraction * bw.weight_n) {
      out.push_back(q);
    }
  }
  return out;
}

}  // namespace stance::squat
