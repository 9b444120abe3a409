#pragma once
// Vertical COM velocity and displacement from the COM acceleration a = (Fz − BW)/m, by the
// trapezoid rule, in place on v and z (indices at the analysis rate, dt = 1/rate).
#include <Eigen/Core>

namespace stance::squat {

// From `from` (with v0, z0) forward to `to` inclusive.
void integrate_forward(const Eigen::ArrayXd& a, double dt, Eigen::Index from, Eigen::Index to,
                       double v0, double z0, Eigen::ArrayXd& v, Eigen::ArrayXd& z);
// From `from` (with v0, z0) backward to `to` inclusive (to <= from).
void integrate_backward(const Eigen::ArrayXd& a, double dt, Eigen::Index from, Eigen::Index to,
                        double v0, double z0, Eigen::ArrayXd& v, Eigen::ArrayXd& z);

// Between two rests p < q: starts at v = 0, z = z_p and removes the drift (an error of the force
// level that grows linearly in time: c0 + c1·t in acceleration) so that v(q) = 0 and z(q) = z_q.
void integrate_between_rests(const Eigen::ArrayXd& a, double dt, Eigen::Index p, Eigen::Index q,
                             double z_p, double z_q, Eigen::ArrayXd& v, Eigen::ArrayXd& z);

}  // namespace stance::squat
