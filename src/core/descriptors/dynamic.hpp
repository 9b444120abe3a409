#pragma once
// Dynamic COP descriptors (Prieto et al. 1996, IEEE Trans Biomed Eng 43:956; Quijoux et al. 2021,
// Physiol Rep 9:e15067): path, velocity, swept area, phase plane, fractal dimension, velocity
// peaks, sway density and mean frequency. Definitions: docs/metrics.md.
#include "core/descriptors/cop_trace.hpp"
#include "core/descriptors/positional.hpp"
#include "core/descriptors/sway_density.hpp"
#include "core/descriptors/velocity.hpp"

namespace stance {

enum class VelocityTime {
  kSteps,    // path / (counted steps / rate): the time the path actually spans
  kSamples,  // path / (samples / rate): the published implementation's mean velocity
};

struct DynamicSpec {
  VelocityTime mean_velocity_time = VelocityTime::kSteps;
  SwayDensitySpec sway_density{};
};

struct DynamicDescriptors {
  Eigen::Index steps = 0;  // consecutive pairs of usable samples
  Scalar path_length_ml_m, path_length_ap_m, path_length_m;
  Scalar mean_velocity_ml_m_s, mean_velocity_ap_m_s, mean_velocity_m_s;
  Scalar sway_area_per_second_m2_s;           // area swept about the centre per second
  Scalar phase_plane_ml_m, phase_plane_ap_m;  // √(rms² + var(v)), m and m/s combined
  Scalar length_over_area_per_m;              // planar path / 95 % ellipse area (LFS)
  Scalar fractal_dimension_pd, fractal_dimension_cc, fractal_dimension_ce;
  VelocityPeaks velocity_ml, velocity_ap;
  SwayDensityPeaks sway_density;
  Scalar mean_frequency_ml_hz, mean_frequency_ap_hz, mean_frequency_hz;
};

// Sums over the steps between consecutive usable samples.
struct PathSums {
  Eigen::Index steps = 0;
  double ml_m = 0, ap_m = 0, planar_m = 0;  // Σ|Δx|, Σ|Δy|, Σ√(Δx² + Δy²)
  double swept_m2 = 0;  // Σ|x[i]·y[i−1] − y[i]·x[i−1]|: twice the area swept
};
PathSums path_sums(const CopTrace& trace);
PathSums path_sums(const CopTrace& trace, bool all_usable);  // when the caller knows

// From `trace` and its positional values (computed on it): the path-based values (usable steps
// only) and the velocity ones (on its bridged values). The sway density is left empty:
// compute_sway_density fills it, on the analysis grid.
DynamicDescriptors compute_dynamic(const CopTrace& trace, const PositionalDescriptors& positional,
                                   const DynamicSpec& spec);

SwayDensityPeaks compute_sway_density(const CopTrace& trace, const DynamicSpec& spec);

}  // namespace stance
