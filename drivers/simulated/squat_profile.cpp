#include "simulated/squat_profile.hpp"

namespace stance::sim {
namespace {

// Minimum-jerk position, velocity and acceleration for tau in [0, 1] (unit move in unit time).
struct Unit {
  double s, ds, dds;
};
Unit min_jerk(double tau) {
  const double t2 = tau * tau;
  const double t3 = t2 * tau;
  return {10.0 * t3 - 15.0 * t3 * tau + 6.0 * t3 * t2, 30.0 * t2 - 60.0 * t3 + 30.0 * t2 * t2,
          60.0 * tau - 180.0 * t2 + 120.0 * t3};
}

}  // namespace

SquatProfile::SquatProfile(const SquatParams& params, double begin_s, std::mt19937_64& rng)
    : params_(params) {
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  double t = begin_s + params.quiet_before_s;
  for (int i = 1; i <= params.reps; ++i) {
    SquatRepTruth rep;
    rep.index = i;
    rep.depth_m = params.depth_m * (1.0 + params.depth_variation * unit(rng));
    rep.partial = i == params.partial_rep;
    if (rep.partial) rep.depth_m *= params.partial_depth_fraction;
    rep.start_s = t;
    rep.bottom_start_s = t + params.descent_s;
    rep.bottom_s = rep.bottom_start_s + params.pause_bottom_s / 2.0;
    rep.bottom_end_s = rep.bottom_start_s + params.pause_bottom_s;
    rep.end_s = rep.bottom_end_s + params.ascent_s;
    reps_.push_back(rep);
    t = rep.end_s + (i < params.reps ? params.pause_between_s : 0.0);
  }
  end_s_ = t + params.quiet_after_s;
}

ComVertical SquatProfile::at(double t_s) const {
  for (const auto& rep : reps_) {
    if (t_s < rep.start_s) break;
    if (t_s >= rep.end_s) continue;
    const double d = rep.depth_m;
    if (t_s < rep.bottom_start_s) {
      const double dur = params_.descent_s;
      const Unit u = min_jerk((t_s - rep.start_s) / dur);
      return {-d * u.s, -d * u.ds / dur, -d * u.dds / (dur * dur)};
    }
    if (t_s < rep.bottom_end_s) return {-d, 0.0, 0.0};
    const double dur = params_.ascent_s;
    const Unit u = min_jerk((t_s - rep.bottom_end_s) / dur);
    return {-d * (1.0 - u.s), d * u.ds / dur, d * u.dds / (dur * dur)};
  }
  return {};
}

}  // namespace stance::sim
