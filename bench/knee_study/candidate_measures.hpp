#pragma once
// The candidate plate measures of the plate-knee study (docs/metrics.md, "What a plate can tell of
// the knee"), computed over stretches of one trial at the analysis rate.
#include <array>
#include <string_view>

#include "core/squat/working_signals.hpp"

namespace stance::study {

enum class Measure : int {
  kMlBand1To2,     // ML COP 1–2 Hz, RMS, mm
  kMlBand2To6,     // ML COP 2–6 Hz, RMS, mm
  kShearBand2To6,  // ML shear 2–6 Hz, RMS, % body weight (six-component plates)
  kMlRange,        // max − min ML COP (10 Hz), mm
  kEllipseArea,    // 95 % ellipse of the COP, mm²
  kApRange,        // max − min AP COP, mm
  kCopSpeed,       // mean planar COP speed, mm/s
  kMlSpeed,        // mean |ML COP speed|, mm/s
  kCount
};
inline constexpr int kMeasureCount = static_cast<int>(Measure::kCount);
using MeasureValues = std::array<double, kMeasureCount>;

struct MeasureInfo {
  std::string_view name, unit;
  bool needs_shear;
};
const MeasureInfo& measure_info(Measure m);

// The filtered signals every measure reads, made once per trial.
struct StudySignals {
  Eigen::ArrayXd ml_m, ap_m;          // COP low-passed at 10 Hz (Ruhe et al. 2010)
  Eigen::ArrayXd ml_1_2_m, ml_2_6_m;  // ML COP band-passed (difference of zero-phase low-passes)
  Eigen::ArrayXd shear_2_6_n;         // ML shear band-passed; empty without shear
  double rate_hz = 0.0;
};
StudySignals make_study_signals(const squat::WorkingSignals& w);

// Every measure over the blocks [begin, end); the shear one in % of body weight bw_n.
MeasureValues measure_stretch(const StudySignals& s, Eigen::Index begin, Eigen::Index end,
                              double bw_n);

}  // namespace stance::study
