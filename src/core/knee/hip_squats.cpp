#include "core/knee/hip_squats.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace stance::knee {
namespace {

double percentile(std::vector<double> v, double p) {
  const auto k = static_cast<std::ptrdiff_t>(std::floor(p * static_cast<double>(v.size() - 1)));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[static_cast<std::size_t>(k)];
}

}  // namespace

std::vector<HipSquat> segment_squats_by_hip(const std::vector<KneeFrame>& frames,
                                            const HipSquatOptions& o) {
  std::vector<const KneeFrame*> hip;  // frames with the hip, in time order
  std::vector<double> hip_y, leg;
  for (const KneeFrame& f : frames) {
    if (!f.hip) continue;
    hip.push_back(&f);
    hip_y.push_back(f.hip->y_px);
    if (f.ankle)
      leg.push_back(std::hypot(f.ankle->x_px - f.hip->x_px, f.ankle->y_px - f.hip->y_px));
  }
  std::vector<HipSquat> squats;
  if (hip.size() < 3 || leg.empty()) return squats;
  const double standing_y = percentile(hip_y, o.standing_percentile);
  const double min_depth = o.min_depth_fraction * percentile(leg, 0.5);
  const double enter = standing_y + 0.5 * min_depth;
  const double leave = standing_y + 0.3 * min_depth;
  const double onset = standing_y + o.onset_fraction * min_depth;

  const std::size_t n = hip.size();
  std::size_t i = 0, previous_end = 0;
  while (i < n) {
    if (hip_y[i] <= enter) {
      ++i;
      continue;
    }
    // Down: from the last frame at standing height before i ...
    std::size_t s = i;
    while (s > previous_end && hip_y[s] > onset) --s;
    std::size_t bottom = i, j = i;
    while (j < n && hip_y[j] > leave) {
      if (hip_y[j] > hip_y[bottom]) bottom = j;
      ++j;
    }
    const bool rose = j < n;
    // ... to the first frame at standing height after it.
    std::size_t e = rose ? j : n - 1;
    while (rose && e + 1 < n && hip_y[e] > onset) ++e;
    HipSquat q;
    q.start_s = hip[s]->t_s;
    q.bottom_s = hip[bottom]->t_s;
    q.end_s = hip[e]->t_s;
    q.depth_px = hip_y[bottom] - standing_y;
    q.complete = rose;
    if (q.depth_px >= min_depth && (q.end_s - q.start_s >= o.min_duration_s || !rose)) {
      squats.push_back(q);
    }
    previous_end = e;
    i = e + 1;
  }
  return squats;
}

}  // namespace stance::knee
