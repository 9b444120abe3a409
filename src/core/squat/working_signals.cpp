#include "core/squat/working_signals.hpp"

#include <algorithm>
#include <cmath>

#include "core/butterworth.hpp"

namespace stance::squat {
namespace {

// Linear interpolation across blocks where ok is 0; held flat before the first and after the
// last good block; zeros when there is none.
void bridge(Eigen::ArrayXd& x, const std::vector<std::uint8_t>& ok) {
  const Eigen::Index n = x.size();
  Eigen::Index previous = -1;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (ok[i] == 0) continue;
    if (previous < 0) {
      x.head(i).setConstant(x[i]);
    } else if (i > previous + 1) {
      const double step = (x[i] - x[previous]) / static_cast<double>(i - previous);
      for (Eigen::Index j = previous + 1; j < i; ++j) {
        x[j] = x[previous] + step * static_cast<double>(j - previous);
      }
    }
    previous = i;
  }
  if (previous < 0) {
    x.setZero();
  } else {
    x.tail(n - previous - 1).setConstant(x[previous]);
  }
}

}  // namespace

Eigen::Index WorkingSignals::index_at(double t_s) const {
  if (size() == 0) return 0;
  const double i = std::round((t_s - t0_s) * rate_hz);
  return static_cast<Eigen::Index>(std::clamp(i, 0.0, static_cast<double>(size() - 1)));
}

WorkingSignals make_working_signals(const ForceSamples& samples, double target_rate_hz,
                                    Channels channels) {
  WorkingSignals w;
  if (!(samples.rate_hz > 0.0) || samples.size() == 0) return w;
  const double ratio = target_rate_hz > 0.0 ? samples.rate_hz / target_rate_hz : 1.0;
  const Eigen::Index k =
      std::max<Eigen::Index>(1, static_cast<Eigen::Index>(std::floor(ratio + 1e-9)));
  w.factor = k;
  w.rate_hz = samples.rate_hz / static_cast<double>(k);
  w.t0_s = samples.t0_s + 0.5 * static_cast<double>(k - 1) / samples.rate_hz;
  w.has_shear = samples.has_shear;
  const Eigen::Index n = samples.size() / k;  // a partial last block is dropped
  w.blocks = n;
  const bool force = wants(channels, Channels::kForce);
  const bool shear = force && samples.has_shear && wants(channels, Channels::kShear);
  const bool cop = wants(channels, Channels::kCop);
  const double inv_k = 1.0 / static_cast<double>(k);
  const auto block_means = [n, k, inv_k](const Eigen::ArrayXd& x) {
    Eigen::ArrayXd out(n);
    for (Eigen::Index b = 0; b < n; ++b) out[b] = x.segment(b * k, k).sum() * inv_k;
    return out;
  };
  // Block means of every sample, then the few blocks with a flagged sample redone.
  if (force) {
    w.fz_n = block_means(samples.fz_n);
    w.fx_n = shear ? block_means(samples.fx_n) : Eigen::ArrayXd::Zero(n);
    w.force_ok.assign(static_cast<std::size_t>(n), 1);
  }
  if (cop) {
    w.cop_ml_m = block_means(samples.cop_ml_m);
    w.cop_ap_m = block_means(samples.cop_ap_m);
    w.cop_ok.assign(static_cast<std::size_t>(n), 1);
  }
  const std::uint8_t untrusted = (force ? kUntrustedForce : 0) | (cop ? kUntrustedCop : 0);
  bool any_force_gap = false, any_cop_gap = false;
  for (Eigen::Index b = 0; b < n; ++b) {
    std::uint8_t any = 0;
    for (Eigen::Index i = b * k; i < (b + 1) * k; ++i) any |= samples.flags[i];
    if ((any & untrusted) == 0) continue;
    double sf = 0, sx = 0, sml = 0, sap = 0;
    int nf = 0, nc = 0;
    for (Eigen::Index i = b * k; i < (b + 1) * k; ++i) {
      const std::uint8_t flags = samples.flags[i];
      if ((flags & kUntrustedForce) == 0) {
        sf += samples.fz_n[i];
        sx += samples.fx_n[i];
        ++nf;
      }
      if ((flags & kUntrustedCop) == 0) {
        sml += samples.cop_ml_m[i];
        sap += samples.cop_ap_m[i];
        ++nc;
      }
    }
    if (force) {
      w.fz_n[b] = nf > 0 ? sf / nf : 0.0;
      if (shear) w.fx_n[b] = nf > 0 ? sx / nf : 0.0;
      w.force_ok[b] = nf > 0 ? 1 : 0;
      any_force_gap |= nf == 0;
    }
    if (cop) {
      w.cop_ml_m[b] = nc > 0 ? sml / nc : 0.0;
      w.cop_ap_m[b] = nc > 0 ? sap / nc : 0.0;
      w.cop_ok[b] = nc > 0 ? 1 : 0;
      any_cop_gap |= nc == 0;
    }
  }
  if (any_force_gap) {
    bridge(w.fz_n, w.force_ok);
    bridge(w.fx_n, w.force_ok);
  }
  if (any_cop_gap) {
    bridge(w.cop_ml_m, w.cop_ok);
    bridge(w.cop_ap_m, w.cop_ok);
  }
  return w;
}

Eigen::ArrayXd zero_phase_lowpass(const Eigen::ArrayXd& x, double cutoff_hz, double rate_hz) {
  if (!(cutoff_hz > 0.0) || !(cutoff_hz < 0.45 * rate_hz)) return x;
  const auto sections = design_butterworth_lowpass({4, cutoff_hz}, rate_hz);
  if (!sections) return x;
  return filtfilt(*sections, x);
}

}  // namespace stance::squat
