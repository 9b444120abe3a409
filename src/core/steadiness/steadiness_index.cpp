#include <algorithm>
#include <cmath>

#include "core/steadiness/squat_steadiness.hpp"

namespace stance {

// 0 when the squat oscillates no more than standing, 50 at half_scale_m of excess, and every
// further half_scale_m halves the distance to 100 (bounded below it).
double ml_steadiness_index(double ml_excess_m, const SteadinessOptions& options) {
  if (!(options.half_scale_m > 0.0)) return 0.0;
  const double s = std::max(0.0, ml_excess_m) / options.half_scale_m;
  if (!std::isfinite(s)) return 100.0;
  return std::clamp(100.0 * (1.0 - std::exp2(-s)), 0.0, 100.0);
}

}  // namespace stance
