#include "core/key_figures.hpp"

namespace stance {
namespace {

KeyFigure descriptor_figure(const DescriptorSet& set, std::string_view name, std::string label,
                            int decimals) {
  KeyFigure f{std::string(name), std::move(label), "", decimals, 0.0, false, Better::kLower};
  for (const DescriptorEntry& e : descriptor_entries(set)) {
    if (e.name != name) continue;
    f.value = display_value(e, set.unit);
    f.unit = display_unit(e.quantity, set.unit);
    f.defined = e.si.defined;
  }
  return f;
}

}  // namespace

std::vector<KeyFigure> key_figures(const TrialAnalysis& a) {
  std::vector<KeyFigure> out;
  const DescriptorSet& d = a.descriptors;
  out.push_back(descriptor_figure(d, "mean_velocity", "Mean COP velocity", 1));
  out.push_back(descriptor_figure(d, "ellipse_area_95", "95% ellipse area", 0));
  out.push_back(descriptor_figure(d, "range_ml", "ML range", 1));
  out.push_back(descriptor_figure(d, "range_ap", "AP range", 1));
  if (a.squats) {
    out.push_back({"repetitions", "Repetitions", "", 0, static_cast<double>(a.squats->rep_count),
                   true, Better::kHigher});
    double depth_sum = 0.0;
    for (const SquatRep& r : a.squats->reps) depth_sum += r.depth_m;
    const bool any = !a.squats->reps.empty();
    out.push_back({"mean_depth", "Mean depth (COM drop)", "cm", 1,
                   any ? 100.0 * depth_sum / static_cast<double>(a.squats->reps.size()) : 0.0, any,
                   Better::kHigher});
  }
  if (a.steadiness) {
    out.push_back({"ml_squat_steadiness", "ML squat steadiness", "0-100", 0, a.steadiness->index,
                   a.squats && a.squats->rep_count > 0, Better::kLower});
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
