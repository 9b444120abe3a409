#include "store/trial_metrics.hpp"

#include "core/units.hpp"

namespace stance::store {
namespace {

constexpr MetricInfo kCatalog[] = {
    {"mean_velocity", "Mean COP velocity", Better::kLower},
    {"mean_velocity_ml", "Mean COP velocity ML", Better::kLower},
    {"mean_velocity_ap", "Mean COP velocity AP", Better::kLower},
    {"ellipse_area_95", "95% ellipse area", Better::kLower},
    {"range_ml", "Range ML", Better::kLower},
    {"range_ap", "Range AP", Better::kLower},
    {"rms_ml", "RMS distance ML", Better::kLower},
    {"rms_ap", "RMS distance AP", Better::kLower},
    {"path_length", "Path length", Better::kLower},
    {"ml_squat_steadiness", "ML squat steadiness", Better::kLower},
    // Stored before issue 14 by the former index: still shown, never mixed with the new one
    // (another definition and scale, docs/metrics.md).
    {"knee_wobble_index", "Former knee-wobble index (before ML squat steadiness)", Better::kLower},
    {"knee_peak_fppa", "Knee FPPA, peak (camera; mean of squats 1-4)", Better::kLower},
    {"knee_fppa_range", "Knee FPPA range (camera; mean of squats 1-4)", Better::kLower},
    {"acceptable_reps", "Acceptable repetitions", Better::kHigher},
    {"mean_depth_cm", "Mean squat depth (centre of mass)", Better::kHigher},
};

const MetricInfo* find(const std::string& key) {
  for (const MetricInfo& m : kCatalog) {
    if (key == m.key) return &m;
  }
  return nullptr;
}

}  // namespace

std::span<const MetricInfo> metric_catalog() {
  return kCatalog;
}

Better better_for(const std::string& key) {
  const MetricInfo* m = find(key);
  return m ? m->better : Better::kLower;
}

std::string label_for(const std::string& key) {
  const MetricInfo* m = find(key);
  return m ? std::string(m->label) : key;
}

std::string stored_metric_key(const std::string& figure_key) {
  return figure_key == "mean_depth" ? "mean_depth_cm" : figure_key;
}

std::vector<Metric> trial_metrics(const TrialAnalysis& a) {
  std::vector<Metric> out;
  for (const DescriptorEntry& e : descriptor_entries(a.descriptors)) {
    if (!e.si.defined || find(std::string(e.name)) == nullptr) continue;
    out.push_back({std::string(e.name), display_value(e, a.descriptors.unit),
                   display_unit(e.quantity, a.descriptors.unit)});
  }
  // Like the key figure: no steadiness without a repetition to measure it on (one found but not
  // complete is not one: none used).
  if (a.steadiness && !a.steadiness->reps_used.empty()) {
    out.push_back({"ml_squat_steadiness", a.steadiness->index, "0-100"});
  }
  if (a.squats) {
    out.push_back({"acceptable_reps", static_cast<double>(a.squats->acceptable_rep_count), "reps"});
    if (!a.squats->reps.empty()) {
      double sum_m = 0;
      for (const SquatRep& r : a.squats->reps) sum_m += r.depth_m;
      out.push_back(
          {"mean_depth_cm", cm_from_m(sum_m) / static_cast<double>(a.squats->reps.size()), "cm"});
    }
  }
  if (a.knee && a.knee->mean_peak_fppa_deg) {
    out.push_back({"knee_peak_fppa", *a.knee->mean_peak_fppa_deg, "°"});
  }
  if (a.knee && a.knee->mean_range_deg) {
    out.push_back({"knee_fppa_range", *a.knee->mean_range_deg, "°"});
  }
  return out;
}

}  // namespace stance::store
