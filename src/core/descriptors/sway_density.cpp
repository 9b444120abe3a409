#include "core/descriptors/sway_density.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace stance {
namespace {

constexpr Eigen::Index kBlock = 8;

// The last sample of the run from sample i in direction `dir` (+1 or −1): one before the first
// sample farther than r from sample i, searched from `from`, the first sample whose path from i
// is longer than r (the ones before cannot be farther than r). Blocks of 8 distances are computed
// without branches and the first one outside is read from a bit mask: loop exits are the costly
// mispredicted branches here, so there are few of them.
template <int dir>
Eigen::Index run_end(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap, Eigen::Index i,
                     Eigen::Index from, double r2) {
  const Eigen::Index n = ml.size();
  const double xi = ml[i], yi = ap[i];
  Eigen::Index j = from;
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
  // Samples whose path from sample i is at most r (a hair less, for rounding in the path sums)
  // cannot be farther than r, so each search starts past them. Those frontiers only move forward
  // as i does (the path grows), so they are slid along rather than searched for.
  const double slack = radius_m * (1.0 - 1e-9), r2 = radius_m * radius_m;
  Eigen::Index ahead = 1;    // the first sample after i whose path from i is longer than slack
  Eigen::Index behind = -1;  // the last sample before i whose path to i is longer than slack
  Eigen::ArrayXd density(n - 1);
  for (Eigen::Index i = 0; i + 1 < n; ++i) {
    ahead = std::max(ahead, i + 1);
    while (ahead < n && path[ahead] - path[i] <= slack) ++ahead;
    while (behind + 1 < i && -(path[behind + 1] - path[i]) > slack) ++behind;
    const Eigen::Index last = run_end<+1>(ml, ap, i, ahead, r2);
    const Eigen::Index first = run_end<-1>(ml, ap, i, behind, r2);
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
