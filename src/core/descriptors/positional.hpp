#pragma once
// Positional COP descriptors (Prieto et al. 1996, IEEE Trans Biomed Eng 43:956; Quijoux et al.
// 2021, Physiol Rep 9:e15067) over the usable samples of a trace, about the trace's centre.
// Definitions, units and references: docs/metrics.md.
#include "core/descriptors/cop_trace.hpp"

namespace stance {

enum class EllipseKind {
  kConfidence,  // Prieto 1996: 2π F.95(2, n−2) √det, with 1/n moments
  kPublished,   // Quijoux 2021 code: the same × (n+1)(n−1) / (n(n−2))
};

struct PositionalSpec {
  EllipseKind ellipse = EllipseKind::kConfidence;
};

struct PositionalDescriptors {
  Eigen::Index samples = 0;     // usable samples
  Scalar mean_ml_m, mean_ap_m;  // plate frame: centre + mean of the trace
  Scalar mean_distance_ml_m, mean_distance_ap_m, mean_distance_m;  // mean |x|, |y|, radius
  Scalar max_distance_ml_m, max_distance_ap_m, max_distance_m;
  Scalar rms_ml_m, rms_ap_m, rms_m;        // √mean(x²), √mean(y²), √mean(r²)
  Scalar range_ml_m, range_ap_m, range_m;  // max − min; planar: largest distance between samples
  Scalar range_ratio;                      // range ML / range AP
  Scalar planar_deviation_m;               // √(rms_ml² + rms_ap²)
  Scalar sway_direction_coefficient;       // mean(xy) / (rms_ml · rms_ap)
  Scalar ellipse_area_95_m2;
  Scalar principal_direction_rad;  // angle of the main axis of sway from AP, 0 … π/2
  // The 95% ellipse itself, for drawing: centred on (mean_ml_m, mean_ap_m), semi-axes whose
  // product × π is ellipse_area_95_m2, the major axis at ellipse_angle_rad from +ML toward +AP.
  double ellipse_semi_major_m = 0, ellipse_semi_minor_m = 0, ellipse_angle_rad = 0;
  // Moments reused by other families.
  double radius_sd_m = 0;  // population standard deviation of the radius
};

PositionalDescriptors compute_positional(const CopTrace& trace, const PositionalSpec& spec);

}  // namespace stance
