#include "core/descriptors/sway_density.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace stance {
namespace {

constexpr Eigen::Index kBlock = 8;

// The last sample of the run from i in direction `dir` (+1 or −1): one before the first sample
// farther than r from sample i. Samples whose path from i is at most r cannot be farther than r
// and are passed on the path alone; after that, blocks of 8 distances are computed without
// branches and the first one outside is read from a bit mask. Loop exits are the costly
// mispredicted branches here, so there are few of them.
template <int dir>
Eigen::Index run_end(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap, const Eigen::ArrayXd& path,
                     Eigen::Index i, double r) {
  const Eigen::Index n = ml.size();
  const double xi = ml[i], yi = ap[i], r2 = r * r;
  const double slack = r * (1.0 - 1e-9);  // a hair short of r, for rounding in the path sums
  auto within_path = [&](Eigen::Index k) { return dir * (path[k] - path[i]) <= slack; };
  Eigen::Index j = i + dir;
  while (j + dir * (kBlock - 1) >= 0 && j + dir * (kBlock - 1) < n &&
         within_path(j + dir * (kBlock - 1))) {
    j += dir * kBlock;
  }
  while (j >= 0 && j < n && within_path(j)) j += dir;
  // Whole blocks: one bit per sample farther than r.
  while (j + dir * (kBlock - 1) >= 0 && j + dir * (kBlock - 1) < n) {
    unsigned outside = 0;
    for (Eigen::Index k = 0; k < kBlock; ++k) {
      const double dx = ml[j + dir * k] - xi, dy = ap[j + dir * k] - yi;
      outside |= static_cast<unsigned>(dx * dx + dy * dy > r2) << k;
    }
    if (outside != 0) return j + dir * (std::countr_zero(outside) - 1);
    j += dir * kBlock;
  }
  for (; j >= 0 && j < n; j += dir) {
    const double dx = ml[j] - xi, dy = ap[j] - yi;
    if (dx * dx + dy * dy > r2) break;
  }
  return j - dir;
}

}  // namespace

Eigen::ArrayXd sway_density_s(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap, double rate_hz,
                              double radius_m) {
  const Eigen::Index n = ml.size();
  if (n < 2 || !(rate_hz > 0) || !(radius_m >= 0)) return Eigen::ArrayXd::Zero(0);
  Eigen::ArrayXd path(n);  // cumulative path length, path[0] = 0
  path[0] = 0;
  for (Eigen::Index i = 1; i < n; ++i) {
    const double dx = ml[i] - ml[i - 1], dy = ap[i] - ap[i - 1];
    path[i] = path[i - 1] + std::sqrt(dx * dx + dy * dy);
  }
  Eigen::ArrayXd density(n - 1);
  for (Eigen::Index i = 0; i + 1 < n; ++i) {
    const Eigen::Index last = run_end<+1>(ml, ap, path, i, radius_m);
    const Eigen::Index first = run_end<-1>(ml, ap, path, i, radius_m);
    density[i] = static_cast<double>(last - first) / rate_hz;
  }
  return density;
}

SwayDensityPeaks sway_density_peaks(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap,
                                    double rate_hz, const SwayDensitySpec& spec) {
  SwayDensityPeaks out;
  Eigen::ArrayXd density = sway_density_s(ml, ap, rate_hz, spec.radius_m);
  if (density.size() < 3) return out;
  if (const auto sections = design_butterworth_lowpass(spec.smoothing, rate_hz)) {
    density = filtfilt(*sections, density);
  }
  double sum_peaks = 0, sum_distance = 0;
  Eigen::Index previous = -1, distances = 0;
  for (Eigen::Index i = 1; i + 1 < density.size(); ++i) {
    if (!(density[i] > density[i - 1] && density[i] > density[i + 1])) continue;
    ++out.peaks;
    sum_peaks += density[i];
    if (previous >= 0) {
      sum_distance += std::hypot(ml[i] - ml[previous], ap[i] - ap[previous]);
      ++distances;
    }
    previous = i;
  }
  if (out.peaks > 0)
    out.mean_peak_s = defined_if_finite(sum_peaks / static_cast<double>(out.peaks));
  if (distances > 0)
    out.mean_peak_distance_m = defined_if_finite(sum_distance / static_cast<double>(distances));
  return out;
}

}  // namespace stance
