#include "report/sheet_data.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/recording_samples.hpp"
#include "core/units.hpp"

namespace stance::report {

SheetTrial sheet_trial(const TrialCondition& condition, const AnalysisSummary& a,
                       std::vector<KeyFigure> figures, const Recording* recording) {
  SheetTrial t;
  static_cast<TrialCondition&>(t) = condition;
  t.valid = a.verdict.valid;
  for (const Finding& f : a.verdict.findings) {
    if (f.severity != Severity::kNote) t.reasons.push_back(f.detail);
    t.plate_not_verified = t.plate_not_verified || f.kind == FindingKind::kPlateNotVerified;
  }
  t.figures = std::move(figures);
  for (const SquatRep& r : a.reps) {
    const auto steadiness = a.rep_steadiness.find(r.index);
    SheetRep rep{r.index,
                 cm_from_m(r.depth_m),
                 r.descent_s,
                 r.ascent_s,
                 steadiness == a.rep_steadiness.end() ? 0.0 : steadiness->second,
                 r.acceptable(),
                 std::nullopt};
    if (a.knee) {
      for (const knee::KneeSquat& q : a.knee->squats) {
        if (q.index == r.index) rep.peak_fppa_deg = q.peak_fppa_deg;
      }
    }
    t.reps.push_back(rep);
    t.rep_spans_s.emplace_back(r.start_s, r.end_s);
  }
  t.steadiness_index = a.steadiness;
  t.body_weight_n = a.body_weight_n;
  if (a.ellipse) {
    t.ellipse_cx_mm = mm_from_m(a.ellipse->center_ml_m);
    t.ellipse_cy_mm = mm_from_m(a.ellipse->center_ap_m);
    t.ellipse_a_mm = mm_from_m(a.ellipse->semi_major_m);
    t.ellipse_b_mm = mm_from_m(a.ellipse->semi_minor_m);
    t.ellipse_angle_rad = a.ellipse->angle_rad;
  }
  if (recording == nullptr) return t;

  // Traces at 50 per second: enough for a printed plot, small in the file.
  const ForceSamples s = samples_from_recording(*recording);
  const auto step = std::max<Eigen::Index>(1, std::llround(s.rate_hz / t.fz_rate_hz));
  t.fz_rate_hz = s.rate_hz / static_cast<double>(step);
  for (Eigen::Index i = 0; i < s.size(); i += step) {
    t.fz_n.push_back(static_cast<float>(s.fz_n[i]));
    if (s.usable_for_cop(i)) {
      t.cop_ml_mm.push_back(static_cast<float>(mm_from_m(s.cop_ml_m[i])));
      t.cop_ap_mm.push_back(static_cast<float>(mm_from_m(s.cop_ap_m[i])));
    }
  }
  if (!a.ellipse && !t.cop_ml_mm.empty()) {
    const auto mean = [](const std::vector<float>& v) {
      return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    };
    t.ellipse_cx_mm = mean(t.cop_ml_mm);
    t.ellipse_cy_mm = mean(t.cop_ap_mm);
  }
  return t;
}

SheetTrial sheet_trial(const Recording& recording, const TrialAnalysis& analysis) {
  SheetTrial t = sheet_trial(recording.metadata.condition(), summarize_analysis(analysis),
                             key_figures(analysis), &recording);
  t.descriptors = store::descriptor_values(analysis.descriptors);
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
