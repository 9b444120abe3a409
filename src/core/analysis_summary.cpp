#include "core/analysis_summary.hpp"

namespace stance {

AnalysisSummary summarize_analysis(const TrialAnalysis& a) {
  AnalysisSummary s;
  s.task = a.task;
  s.verdict = a.verdict;
  s.body_weight_n = a.squats ? a.squats->body_weight_n : a.summary.body_weight_n;
  if (a.squats) s.reps = a.squats->reps;
  if (a.steadiness) {
    // None without a repetition to measure it on (null in the JSON, never 0).
    if (!a.steadiness->reps_used.empty()) s.steadiness = a.steadiness->index;
    for (const RepSteadiness& r : a.steadiness->reps) s.rep_steadiness[r.rep_index] = r.index;
  }
  if (a.knee) s.knee = static_cast<const knee::KneeFigures&>(*a.knee);
  const PositionalDescriptors& p = a.descriptors.positional;
  if (p.mean_ml_m.defined && p.mean_ap_m.defined) {
    s.ellipse = Ellipse95{p.mean_ml_m.value, p.mean_ap_m.value, p.ellipse_semi_major_m,
                          p.ellipse_semi_minor_m, p.ellipse_angle_rad};
  }
  return s;
}

}  // namespace stance
