#include "core/key_figures.hpp"

#include "core/units.hpp"

namespace stance {
namespace {

void fill_from_descriptor(KeyFigure& f, const DescriptorSet& set) {
  for (const DescriptorEntry& e : descriptor_entries(set)) {
    if (e.name != f.key) continue;
    f.value = display_value(e, set.unit);
    f.unit = display_unit(e.quantity, set.unit);
    f.defined = e.si.defined;
  }
}

}  // namespace

std::vector<KeyFigure> key_figure_rows(Task task, bool camera) {
  std::vector<KeyFigure> out = {
      {"mean_velocity", "Mean COP velocity", "", 1, 0.0, false, Better::kLower},
      {"ellipse_area_95", "95% ellipse area", "", 0, 0.0, false, Better::kLower},
      {"range_ml", "ML range", "", 1, 0.0, false, Better::kLower},
      {"range_ap", "AP range", "", 1, 0.0, false, Better::kLower},
  };
  if (task == Task::kSingleLegSquat) {
    out.push_back({"repetitions", "Repetitions", "", 0, 0.0, false, Better::kHigher});
    out.push_back({"mean_depth", "Mean depth (COM drop)", "cm", 1, 0.0, false, Better::kHigher});
    out.push_back(
        {"ml_squat_steadiness", "ML squat steadiness", "0-100", 0, 0.0, false, Better::kLower});
    if (camera) {
      out.push_back(
          {"knee_peak_fppa", "Knee FPPA, peak (squats 1-4)", "°", 1, 0.0, false, Better::kLower});
      out.push_back(
          {"knee_fppa_range", "Knee FPPA range (squats 1-4)", "°", 1, 0.0, false, Better::kLower});
    }
  }
  return out;
}

std::vector<KeyFigure> key_figures(const TrialAnalysis& a) {
  std::vector<KeyFigure> out = key_figure_rows(a.task, a.knee.has_value());
  const auto set = [](KeyFigure& f, const std::optional<double>& v) {
    f.value = v.value_or(0.0);
    f.defined = v.has_value();
  };
  for (KeyFigure& f : out) {
    if (f.key == "repetitions" && a.squats) {
      f.value = static_cast<double>(a.squats->rep_count);
      f.defined = true;
    } else if (f.key == "mean_depth" && a.squats && !a.squats->reps.empty()) {
      double depth_sum = 0.0;
      for (const SquatRep& r : a.squats->reps) depth_sum += r.depth_m;
      f.value = cm_from_m(depth_sum) / static_cast<double>(a.squats->reps.size());
      f.defined = true;
    } else if (f.key == "knee_peak_fppa") {
      set(f, a.knee->mean_peak_fppa_deg);
    } else if (f.key == "knee_fppa_range") {
      set(f, a.knee->mean_range_deg);
    } else if (f.key == "ml_squat_steadiness" && a.steadiness) {
      f.value = a.steadiness->index;
      f.defined = !a.steadiness->reps_used.empty();  // none used: none to measure it on
    } else {
      fill_from_descriptor(f, a.descriptors);
    }
  }
  return out;
}

std::map<std::string, MetricSessionSummary> summarize_key_figures(
    const std::vector<KeyFigureTrial>& trials, Limb involved) {
  std::vector<TrialMetrics> metrics;
  std::map<std::string, Better> better;
  for (const KeyFigureTrial& t : trials) {
    TrialMetrics m;
    m.limb = t.limb;
    m.valid = t.valid;
    for (const KeyFigure& f : t.figures) {
      if (f.defined) m.values[f.key] = f.value;
      better[f.key] = f.better;
    }
    metrics.push_back(std::move(m));
  }
  return summarize_session(metrics, involved, better);
}

}  // namespace stance
