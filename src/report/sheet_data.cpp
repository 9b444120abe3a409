#include "report/sheet_data.hpp"

#include <algorithm>
#include <cmath>

#include "core/recording_samples.hpp"
#include "core/units.hpp"

namespace stance::report {

SheetTrial sheet_trial(const Recording& recording, const TrialAnalysis& a) {
  SheetTrial t;
  static_cast<TrialCondition&>(t) = recording.metadata.condition();
  t.valid = a.verdict.valid;
  for (const Finding& f : a.verdict.findings) {
    if (f.severity != Severity::kNote) t.reasons.push_back(f.detail);
  }
  t.figures = key_figures(a);
  if (a.squats) {
    for (const SquatRep& r : a.squats->reps) {
      SheetRep rep{r.index, 100.0 * r.depth_m, r.descent_s, r.ascent_s, 0.0, r.acceptable()};
      if (a.steadiness) {
        for (const RepSteadiness& w : a.steadiness->reps) {
          if (w.rep_index == r.index) rep.steadiness_index = w.index;
        }
      }
      t.reps.push_back(rep);
      t.rep_spans_s.emplace_back(r.start_s, r.end_s);
    }
    t.body_weight_n = a.squats->body_weight_n;
  }
  if (a.steadiness) t.steadiness_index = a.steadiness->index;
  if (t.body_weight_n == 0.0) t.body_weight_n = a.summary.body_weight_n;

  const PositionalDescriptors& p = a.descriptors.positional;
  t.ellipse_cx_mm = mm_from_m(p.mean_ml_m.value);
  t.ellipse_cy_mm = mm_from_m(p.mean_ap_m.value);
  t.ellipse_a_mm = mm_from_m(p.ellipse_semi_major_m);
  t.ellipse_b_mm = mm_from_m(p.ellipse_semi_minor_m);
  t.ellipse_angle_rad = p.ellipse_angle_rad;

  // Traces at 50 per second: enough for a printed plot, small in the file.
  const ForceSamples s = samples_from_recording(recording);
  const auto step = std::max<Eigen::Index>(1, std::llround(s.rate_hz / t.fz_rate_hz));
  t.fz_rate_hz = s.rate_hz / static_cast<double>(step);
  for (Eigen::Index i = 0; i < s.size(); i += step) {
    t.fz_n.push_back(static_cast<float>(s.fz_n[i]));
    if (s.usable_for_cop(i)) {
      t.cop_ml_mm.push_back(static_cast<float>(mm_from_m(s.cop_ml_m[i])));
      t.cop_ap_mm.push_back(static_cast<float>(mm_from_m(s.cop_ap_m[i])));
    }
  }
  return t;
}

std::string condition_name(const SheetCondition& c) {
  if (c.task == Task::kSingleLegSquat) return "Single-leg squat";
  return std::string("Single-leg stance, eyes ") + (c.eyes == Eyes::kClosed ? "closed" : "open");
}

std::vector<SheetCondition> sheet_conditions(const SheetData& data) {
  std::vector<SheetCondition> out;
  for (const SheetTrial& t : data.trials) {
    // Eyes do not vary a squat (the protocols squat with eyes open).
    const SheetCondition c{t.task, t.task == Task::kSingleLegSquat ? Eyes::kOpen : t.eyes};
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  return out;
}

ConditionSummary condition_summary(const SheetData& data, const SheetCondition& c) {
  std::vector<KeyFigureTrial> trials;
  for (const SheetTrial& t : data.trials) {
    if (t.task == c.task && (t.task == Task::kSingleLegSquat || t.eyes == c.eyes)) {
      trials.push_back({t.limb, t.valid, t.figures});
    }
  }
  ConditionSummary out;
  if (trials.empty()) return out;
  out.rows = trials.front().figures;
  out.by_key = summarize_key_figures(trials, data.involved);
  return out;
}

SheetData pseudonymised(SheetData data) {
  data.patient_name.clear();
  data.birth_year = 0;
  data.pseudonymised = true;
  return data;
}

}  // namespace stance::report
