#include "core/descriptors/sway_density.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace stance {
namespace {

// A bounding box of COP positions.
struct Box {
  double min_ml, max_ml, min_ap, max_ap;
  static Box of(double ml, double ap) { return {ml, ml, ap, ap}; }
  Box merged(const Box& o) const {
    return {std::min(min_ml, o.min_ml), std::max(max_ml, o.max_ml), std::min(min_ap, o.min_ap),
            std::max(max_ap, o.max_ap)};
  }
  // Its farthest corner is within r: so is every sample in it (rounding is monotonic, so a
  // sample's own distance test agrees).
  bool within(double x, double y, double r2) const {
    const double dx = std::max(x - min_ml, max_ml - x), dy = std::max(y - min_ap, max_ap - y);
    return dx * dx + dy * dy <= r2;
  }
};

// Bounding boxes of aligned blocks of samples, 8, 16, 32, … long: a block whose box lies within
// the radius of sample i holds no sample farther than it, so a run's end is found by skipping
// whole blocks. A still trial (a calibration mass, a very steady person) stays within the radius
// for most of its length, and testing sample by sample made sway density quadratic (2.3 s at
// 600 s).
class BlockBoxes {
 public:
  static constexpr int kFirstLevel = 3;  // blocks of 8: shorter stretches are tested sample-wise

  BlockBoxes(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap) {
    const Eigen::Index n = ml.size();
    for (int level = kFirstLevel; (Eigen::Index{1} << level) <= n; ++level) {
      const Eigen::Index size = Eigen::Index{1} << level;
      std::vector<Box>& boxes = levels_.emplace_back(static_cast<std::size_t>(n / size));
      for (std::size_t b = 0; b < boxes.size(); ++b) {
        if (level == kFirstLevel) {
          const auto at = static_cast<Eigen::Index>(b) * size;
          boxes[b] = {ml.segment(at, size).minCoeff(), ml.segment(at, size).maxCoeff(),
                      ap.segment(at, size).minCoeff(), ap.segment(at, size).maxCoeff()};
        } else {
          const std::vector<Box>& halves = levels_[levels_.size() - 2];
          boxes[b] = halves[2 * b].merged(halves[2 * b + 1]);
        }
      }
    }
  }

  static Eigen::Index block_size(int level) { return Eigen::Index{1} << (kFirstLevel + level); }

  // The highest level, at most `top`, whose aligned block starting at `first` (dir +1) or ending
  // at it (dir −1) lies within r of (x, y), and that block's box; −1 when there is none.
  template <int dir>
  int largest_within(Eigen::Index first, double x, double y, double r2, int top,
                     const Box*& box) const {
    for (int level = std::min(top, static_cast<int>(levels_.size()) - 1); level >= 0; --level) {
      const Eigen::Index size = block_size(level);
      const Eigen::Index start = dir > 0 ? first : first + 1 - size;
      if (start < 0 || start % size != 0) continue;
      const auto& boxes = levels_[static_cast<std::size_t>(level)];
      const auto block = static_cast<std::size_t>(start / size);
      if (block < boxes.size() && boxes[block].within(x, y, r2)) {
        box = &boxes[block];
        return level;
      }
    }
    return -1;
  }

 private:
  std::vector<std::vector<Box>> levels_;
};

// The samples [low, high] the last search in one direction crossed (all within r of its
// sample), and their box. The next sample's search crosses mostly the same ones: when the box is
// within r of it too, it jumps the whole stretch in one test, so a still trial costs O(1) per
// sample instead of climbing the blocks again.
struct Crossed {
  Eigen::Index low = 0, high = -1;  // empty
  Box box{};
  bool holds(Eigen::Index j) const { return j >= low && j <= high; }
};

// The last sample of the run from sample i in direction `dir` (+1 or −1): one before the first
// sample farther than r from sample i, searched from `from`, the first sample whose path from i
// is longer than r (the ones before cannot be farther than r). Stretches known to lie within r
// are jumped: the last search's (`crossed`, updated here) and whole blocks.
template <int dir>
Eigen::Index run_end(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap, const BlockBoxes& blocks,
                     Eigen::Index i, Eigen::Index from, double r2, Crossed& crossed) {
  const Eigen::Index n = ml.size();
  const double xi = ml[i], yi = ap[i];
  std::optional<Box> box;  // of what this search crosses
  const auto add = [&](const Box& b) { box = box ? box->merged(b) : b; };
  bool tried_last = false;
  Eigen::Index j = from;
  // The level climbs by at most one a step and falls back as blocks stop fitting, so a still
  // stretch is crossed in O(log n) box tests: up to the largest block, then down to the end.
  int level = -1;
  while (j >= 0 && j < n) {
    if (!tried_last && crossed.holds(j)) {
      tried_last = true;
      if (crossed.box.within(xi, yi, r2)) {
        add(crossed.box);
        j = dir > 0 ? crossed.high + 1 : crossed.low - 1;
        level = -1;
        continue;
      }
    }
    const Box* block = nullptr;
    level = blocks.largest_within<dir>(j, xi, yi, r2, level + 1, block);
    if (level >= 0) {
      add(*block);
      j += dir * BlockBoxes::block_size(level);
      continue;
    }
    const double dx = ml[j] - xi, dy = ap[j] - yi;
    if (dx * dx + dy * dy > r2) break;
    add(Box::of(ml[j], ap[j]));
    j += dir;
  }
  crossed = !box ? Crossed{} : dir > 0 ? Crossed{from, j - 1, *box} : Crossed{j + 1, from, *box};
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
  const BlockBoxes blocks(ml, ap);
  Crossed ahead_crossed, behind_crossed;
  Eigen::ArrayXd density(n - 1);
  for (Eigen::Index i = 0; i + 1 < n; ++i) {
    ahead = std::max(ahead, i + 1);
    while (ahead < n && path[ahead] - path[i] <= slack) ++ahead;
    while (behind + 1 < i && -(path[behind + 1] - path[i]) > slack) ++behind;
    const Eigen::Index last = run_end<+1>(ml, ap, blocks, i, ahead, r2, ahead_crossed);
    const Eigen::Index first = run_end<-1>(ml, ap, blocks, i, behind, r2, behind_crossed);
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
