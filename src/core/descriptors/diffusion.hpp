#pragma once
// Stabilogram-diffusion analysis (Collins & De Luca 1993, Exp Brain Res 95:308): the mean square
// displacement of the COP against the time lag, fitted by two straight lines (a short-term and a
// long-term region). The regions are chosen as in the published implementation of Quijoux et al.
// 2021: the break that gives the smallest RMS residual of the log–log fit, searched between 0.3 s
// and 2.5 s. Definitions: docs/metrics.md.
#include <Eigen/Core>

#include "core/descriptors/cop_trace.hpp"

namespace stance {

// How the diffusion coefficients are read off the two regions. Scaling exponents and the critical
// point (where the two log–log lines cross, at most at the largest lag) are the same in both.
enum class DiffusionForm {
  kCollinsDeLuca,  // D = slope / 2 (per axis) or / 4 (planar) of ⟨Δx²⟩ against Δt, in m²/s
  kPublished,      // D = exp(intercept) of the log–log fit, i.e. ⟨Δx²⟩ at 1 s, in m²
};

struct DiffusionSpec {
  DiffusionForm form = DiffusionForm::kCollinsDeLuca;
  double max_lag_fraction = 1.0 / 3.0;  // lags 1 … ⌊N · fraction⌋ samples
  double break_min_s = 0.3;             // the break is searched at lags int(min·rate)+1 …
  double break_max_s = 2.5;             // … int(max·rate)
};

struct DiffusionAxis {
  Scalar diffusion_short, diffusion_long;  // m²/s (Collins–De Luca) or m² (published)
  Scalar scaling_short, scaling_long;      // H = slope / 2 of the log–log fits
  Scalar critical_time_s;
  Scalar critical_msd_m2;  // ⟨Δx²⟩ at the critical time
};

struct DiffusionDescriptors {
  Eigen::Index max_lag = 0;  // samples
  DiffusionAxis ml, ap, planar;
};

// Mean square displacement for lags 0 … max_lag of two signals at once (an FFT
// autocorrelation, exact): msd(k) = mean over i of (x[i+k] − x[i])².
void mean_square_displacement(const Eigen::ArrayXd& x, const Eigen::ArrayXd& y,
                              Eigen::Index max_lag, Eigen::ArrayXd& msd_x, Eigen::ArrayXd& msd_y);

// The two-region analysis of one MSD curve: msd[k] at lag k / rate_hz, k = 0 … max_lag;
// per_axis = 2 for one axis, 4 for the planar ⟨Δr²⟩ (Collins–De Luca coefficients only).
DiffusionAxis fit_diffusion_curve(const Eigen::ArrayXd& msd, double rate_hz, double per_axis,
                                  const DiffusionSpec& spec);

DiffusionDescriptors compute_diffusion(const CopTrace& trace, const DiffusionSpec& spec);

}  // namespace stance
