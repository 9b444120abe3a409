#include "core/squat/com_integration.hpp"

namespace stance::squat {

void integrate_forward(const Eigen::ArrayXd& a, double dt, Eigen::Index from, Eigen::Index to,
                       double v0, double z0, Eigen::ArrayXd& v, Eigen::ArrayXd& z) {
  v[from] = v0;
  z[from] = z0;
  for (Eigen::Index i = from + 1; i <= to; ++i) {
    v[i] = v[i - 1] + 0.5 * (a[i - 1] + a[i]) * dt;
    z[i] = z[i - 1] + 0.5 * (v[i - 1] + v[i]) * dt;
  }
}

void integrate_backward(const Eigen::ArrayXd& a, double dt, Eigen::Index from, Eigen::Index to,
                        double v0, double z0, Eigen::ArrayXd& v, Eigen::ArrayXd& z) {
  v[from] = v0;
  z[from] = z0;
  for (Eigen::Index i = from - 1; i >= to; --i) {
    v[i] = v[i + 1] - 0.5 * (a[i + 1] + a[i]) * dt;
    z[i] = z[i + 1] - 0.5 * (v[i + 1] + v[i]) * dt;
  }
}

void integrate_between_rests(const Eigen::ArrayXd& a, double dt, Eigen::Index p, Eigen::Index q,
                             double z_p, double z_q, Eigen::ArrayXd& v, Eigen::ArrayXd& z) {
  integrate_forward(a, dt, p, q, 0.0, z_p, v, z);
  if (q <= p) return;
  // Correction c0 + c1·τ of the acceleration: Δv = c0τ + c1τ²/2, Δz = c0τ²/2 + c1τ³/6, solved
  // so that Δv(T) and Δz(T) cancel the residuals at q.
  const double t = static_cast<double>(q - p) * dt;
  const double rv = v[q];
  const double rz = z[q] - z_q;
  const double c0 = (6.0 * rz - 2.0 * rv * t) / (t * t);
  const double c1 = (6.0 * rv * t - 12.0 * rz) / (t * t * t);
  for (Eigen::Index i = p; i <= q; ++i) {
    const double tau = static_cast<double>(i - p) * dt;
    v[i] -= tau * (c0 + 0.5 * c1 * tau);
    z[i] -= tau * tau * (0.5 * c0 + c1 * tau / 6.0);
  }
}

}  // namespace stance::squat
