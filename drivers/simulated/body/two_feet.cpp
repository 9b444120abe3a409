#include "simulated/body/two_feet.hpp"

#include <algorithm>

namespace stance::sim::body {

Drive smooth_step_drive(double x) {
  if (x <= 0.0) return {0.0, 0.0, 0.0};
  if (x >= 1.0) return {1.0, 0.0, 0.0};
  const double x2 = x * x;
  const double x3 = x2 * x;
  return {x3 * (10.0 - 15.0 * x + 6.0 * x2), 30.0 * x2 * (1.0 - x) * (1.0 - x),
          60.0 * x * (1.0 - x) * (1.0 - 2.0 * x)};
}

double TwoFootSchedule::stance_contact(double t_s) const {
  return smooth_step_drive((t_s - stance.down_s) / stance.ramp_s).v -
         smooth_step_drive((t_s - stance.up_s) / stance.ramp_s).v;
}

double TwoFootSchedule::contact(double t_s) const {
  double k = 0.0;
  for (const FootContact& c : contacts) {
    k += smooth_step_drive((t_s - c.down_s) / c.ramp_s).v -
         smooth_step_drive((t_s - c.up_s) / c.ramp_s).v;
  }
  return std::clamp(k, 0.0, 1.0);
}

namespace {
// Σ k·step(t) over the shifts, k = the shift's fraction, or its sign (the lean's weight).
Drive sum_of_steps(const std::vector<WeightShift>& shifts, double t_s, bool sign_only) {
  Drive f;
  for (const WeightShift& s : shifts) {
    if (s.fraction == 0.0) continue;
    const Drive u = smooth_step_drive((t_s - s.start_s) / s.duration_s);
    const double k = sign_only ? (s.fraction > 0.0 ? 1.0 : -1.0) : s.fraction;
    const double inv = 1.0 / s.duration_s;
    f.v += k * u.v;
    f.d += k * u.d * inv;
    f.dd += k * u.dd * inv * inv;
  }
  return f;
}
}  // namespace

Drive TwoFootSchedule::lean_fraction(double t_s) const {
  return sum_of_steps(shifts, t_s, false);
}

Drive TwoFootSchedule::lean_weight(double t_s) const {
  // Shifts toward the other foot raise it, shifts back lower it; events do not overlap.
  const Drive w = sum_of_steps(shifts, t_s, true);
  if (w.v >= 1.0) return {1.0, 0.0, 0.0};
  if (w.v <= 0.0) return {};
  return w;
}

SplitReaction split_reaction(const GroundReaction& whole, double com_x_m, double other_ml_m,
                             double contact, double stance_contact) {
  SplitReaction out;
  const double lever = other_ml_m != 0.0 ? std::clamp(com_x_m / other_ml_m, 0.0, 1.0) : 0.0;
  const double s = 1.0 - stance_contact * (1.0 - contact * lever);
  out.share = s;
  const double offset = whole.cop_x_m - s * other_ml_m;  // the dynamic offset both feet share
  out.stance = {(1.0 - s) * whole.force_n, offset, whole.cop_y_m, (1.0 - s) * whole.free_moment_nm};
  out.other = {s * whole.force_n, other_ml_m + offset, whole.cop_y_m, s * whole.free_moment_nm};
  return out;
}

}  // namespace stance::sim::body
