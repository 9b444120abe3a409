#include "core/descriptors/sway_density.hpp"

#include <algorithm>
#include <cmath>

namespace stance {
namespace {

constexpr Eigen::Index kBlock = 8;

// The last sample of the run from sample i in direction `dir` (+1 or −1): one before the first
// sample farther than r from sample i, searched from `from`, the first sample whose path from i
// is longer than r (the ones before cannot be farther than r). Blocks of 8 distances are tested
// together with vector instructions; the block holding the first one outside is then searched
// sample by sample.
template <int dir>
Eigen::Index run_end(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap, Eigen::Index i,
                     Eigen::Index from, double r2) {
  const Eigen::Index n = ml.size();
  const double xi = ml[i], yi = ap[i];
  using Block = Eigen::Array<double, kBlock, 1>;
  auto outside = [&](Eigen::Index k) {
    const double dx = ml[k] - xi, dy = ap[k] - yi;
    return dx * dx + dy * dy > r2;
  };
  Eigen::Index j = from;
  while (j + dir * (kBlock - 1) >= 0 && j + dir * (kBlock - 1) < n) {
    const Eigen::Index low = dir > 0 ? j : j - (kBlock - 1);  // the block in memory order
    const Block d2 =
        (ml.segment<kBlock>(low) - xi).square() + (ap.segment<kBlock>(low) - yi).square();
    if ((d2 > r2).any()) break;  // the first one outside is in this block
    j += dir * kBlock;
  }
  for (; j >= 0 && j < n && !outside(j); j += dir) {
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
