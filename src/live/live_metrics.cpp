#include "live/live_metrics.hpp"

#include <algorithm>

#include "core/analysis_policy.hpp"
#include "core/recording_samples.hpp"

namespace stance::live {
namespace {

LiveSway sway_of(const DescriptorSet& d) {
  LiveSway s;
  const PositionalDescriptors& p = d.positional;
  s.defined = p.samples >= 3;
  s.mean_velocity_m_s = d.dynamic.mean_velocity_m_s.value;
  s.ellipse_area_m2 = p.ellipse_area_95_m2.value;
  s.range_ml_m = p.range_ml_m.value;
  s.range_ap_m = p.range_ap_m.value;
  s.centre_ml_m = p.mean_ml_m.value;
  s.centre_ap_m = p.mean_ap_m.value;
  s.semi_major_m = p.ellipse_semi_major_m;
  s.semi_minor_m = p.ellipse_semi_minor_m;
  s.angle_rad = p.ellipse_angle_rad;
  return s;
}

std::optional<WarningKind> warning_kind(FindingKind kind) {
  switch (kind) {
    case FindingKind::kTouchdown:
      return WarningKind::kOtherFootDown;
    case FindingKind::kStepOff:
      return WarningKind::kSteppedOff;
    case FindingKind::kHop:
      return WarningKind::kHop;
    case FindingKind::kOverload:
      return WarningKind::kOverload;
    case FindingKind::kLostFrames:
      return WarningKind::kLostFrames;
    case FindingKind::kAdcError:
      return WarningKind::kAdcError;
    case FindingKind::kCopOutsidePlate:
      return WarningKind::kCopOutside;
    default:
      return std::nullopt;  // the rest (e.g. too few reps) is only known at the end
  }
}

}  // namespace

LiveMetrics metrics_from(const TrialAnalysis& analysis) {
  LiveMetrics m;
  m.sway = sway_of(analysis.descriptors);
  m.body_weight_n = analysis.summary.body_weight_n;
  if (analysis.squats) {
    m.body_weight_n = analysis.squats->body_weight_n;
    for (const SquatRep& r : analysis.squats->reps) {
      LiveRep rep{r.index, r.start_s, r.end_s, r.depth_m, 0.0, r.acceptable(), std::nullopt};
      if (analysis.steadiness) {
        for (const RepSteadiness& w : analysis.steadiness->reps) {
          if (w.rep_index == r.index) rep.steadiness_index = w.index;
        }
      }
      if (analysis.knee) {  // measured on the plate's squats, one per repetition, in order
        for (const knee::KneeSquat& k : analysis.knee->squats) {
          if (k.index == r.index) rep.peak_fppa_deg = k.peak_fppa_deg;
        }
      }
      m.reps.push_back(rep);
      if (r.complete) {
        ++m.complete_reps;
        m.last_rep_end_s = r.end_s;
      }
    }
  }
  for (const Finding& f : analysis.verdict.findings) {
    if (auto kind = warning_kind(f.kind)) m.warnings.push_back({*kind, f.detail});
  }
  return m;
}

LiveMetrics compute_live_metrics(const Recording& so_far) {
  if (so_far.frames.size() < 10) return {};
  auto analysis = analyze_trial(samples_from_recording(so_far), analysis_options_for(so_far));
  if (!analysis) return {};  // nothing analysable yet (e.g. nobody on the plate)
  return metrics_from(*analysis);
}

CompletedTrial complete_trial(Recording recording, const TrialPlan& plan, bool interrupted,
                              const std::string& interruption) {
  CompletedTrial out;
  out.plan = plan;
  out.interrupted = interrupted;
  out.interruption = interruption;
  out.recording = std::move(recording);
  auto analysis =
      analyze_trial(samples_from_recording(out.recording), analysis_options_for(out.recording));
  if (analysis) {
    out.analysis = std::move(*analysis);
  } else {
    out.analysis_error = analysis.error().message;
  }
  return out;
}

}  // namespace stance::live
