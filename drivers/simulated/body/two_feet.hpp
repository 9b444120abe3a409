#pragma once
// The other foot on the floor beside the plate: when it is down, how much of the body's ground
// reaction it carries, and the weight shift (a lean toward it) that the controller makes for it.
// Limb frame (body_pose.hpp): the stance ankle at x = 0, the other foot at x = other_ml_m < 0.
//
// Load sharing (a lever rule): with the other foot down (contact κ), it carries the share
//   s = κ · clamp(x_com / x_other, 0, 1)   (all of it while the stance foot is off the plate)
// of the whole reaction R (its force parallel to R), the share the two feet would carry of a body
// at rest with its COM at x_com. Both feet's COPs move by the same dynamic offset from their own
// support points, which makes the split exact for any motion:
//   plate: (1 − s)·R, COP (c_x − s·x_other, c_y), free moment (1 − s)·T;
//   other: s·R,       COP (x_other + c_x − s·x_other, c_y), free moment s·T,
// where (c_x, c_y, T) are the whole body's COP and free moment from Newton-Euler.
#include <vector>

#include "simulated/body/newton_euler.hpp"

namespace stance::sim::body {

// A posture variable with its first two time derivatives.
struct Drive {
  double v = 0.0, d = 0.0, dd = 0.0;
  double at(double s) const { return v + s * d + 0.5 * s * s * dd; }
};

// The other foot is on the floor from down_s to up_s; it takes (and gives back) load over ramp_s
// (smooth step) at each end.
struct FootContact {
  double down_s = 0.0, up_s = 0.0, ramp_s = 0.05;
};

// A minimum-jerk weight shift from start_s over duration_s: the COM's ML target moves by
// `fraction` of the way from the stance ankle to the other foot (negative: back).
struct WeightShift {
  double start_s = 0.0, duration_s = 0.5, fraction = 0.0;
};

struct TwoFootSchedule {
  double other_ml_m = -0.25;  // the other foot's support point, limb frame
  std::vector<FootContact> contacts;
  std::vector<WeightShift> shifts;
  // The stance foot itself is on the plate, except before a step-on and after a step-off.
  FootContact stance{-1e9, 1e9, 0.05};
  double contact(double t_s) const;         // κ in [0, 1]
  double stance_contact(double t_s) const;  // κ_s in [0, 1]
  // Held weight-shift fraction f(t) (0: balancing over the stance foot; 1: the COM over the
  // other foot) with its derivatives, and how far the lean replaces the sway, w = min(1, Σ|steps|).
  Drive lean_fraction(double t_s) const;
  Drive lean_weight(double t_s) const;
  bool empty() const { return contacts.empty() && shifts.empty(); }
};

struct FootLoad {
  Eigen::Vector3d force_n = Eigen::Vector3d::Zero();  // on the body, limb frame
  double cop_x_m = 0.0, cop_y_m = 0.0, free_moment_nm = 0.0;
};

struct SplitReaction {
  double share = 0.0;  // s: the other foot's share of the whole reaction
  FootLoad stance, other;
};

// stance_contact: κ_s; the other foot carries all that the stance foot does not,
// s = 1 − κ_s·(1 − κ·lever).
SplitReaction split_reaction(const GroundReaction& whole, double com_x_m, double other_ml_m,
                             double contact, double stance_contact = 1.0);

// Smooth step from 0 at x <= 0 to 1 at x >= 1 (minimum-jerk shape), with d/dx and d²/dx².
Drive smooth_step_drive(double x);

}  // namespace stance::sim::body
