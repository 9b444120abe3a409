#include <algorithm>
#include <cmath>

#include "core/wobble/knee_wobble.hpp"

namespace stance {

// S = Σ weight_k · component_k / scale_k, index = 100 · (1 − 2^−S): 0 for a perfectly steady
// squat, 50 when every component sits at its reference scale, bounded below 100. Only the medial
// part of the shift counts (a lateral shift is not the collapse the index is about).
double knee_wobble_index(const WobbleComponents& c, const WobbleScales& k) {
  const auto part = [](double value, double scale, double weight) {
    return scale > 0.0 && weight > 0.0 ? weight * std::max(0.0, value) / scale : 0.0;
  };
  const double s = part(c.oscillation_rms_m, k.oscillation_m, k.weight_oscillation) +
                   part(c.ml_speed_m_s, k.ml_speed_m_s, k.weight_ml_speed) +
                   part(c.reversals_per_s, k.reversals_per_s, k.weight_reversals) +
                   part(c.medial_shift_m, k.medial_shift_m, k.weight_medial_shift);
  if (!std::isfinite(s)) return 100.0;
  return std::clamp(100.0 * (1.0 - std::exp2(-s)), 0.0, 100.0);
}

}  // namespace stance
