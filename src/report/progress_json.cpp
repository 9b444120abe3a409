#include "report/progress_json.hpp"

#include "store/trial_metrics.hpp"

namespace stance::report {

void write_progress_array(JsonWriter& j, const std::string& key,
                          const std::vector<store::MetricProgress>& progress) {
  j.begin_array(key);
  for (const store::MetricProgress& m : progress) {
    j.begin_object();
    j.field("task", to_string(m.task)).field("eyes", to_string(m.eyes)).field("metric", m.key);
    j.field("label", store::label_for(m.key)).field("unit", m.unit);
    j.field("better", m.better == Better::kLower ? "lower" : "higher");
    j.begin_array("limbs");
    for (const store::LimbSeries& s : m.limbs) {
      j.begin_object();
      j.field("limb", to_string(s.limb));
      j.field("mdc_defined", s.reliability.defined);
      j.field("sem", s.reliability.sem).field("mdc95", s.reliability.mdc95);
      j.field("degrees_of_freedom", static_cast<long long>(s.reliability.degrees_of_freedom));
      j.begin_array("visits");
      for (const store::VisitPoint& pt : s.points) {
        j.begin_object();
        j.field("visit_id", static_cast<long long>(pt.visit_id));
        j.field("started_utc", pt.visit_utc);
        j.field("trials", static_cast<long long>(pt.summary.trials));
        j.field("mean", pt.summary.mean).field("sd", pt.summary.sd);
        j.field("change", pt.change).field("beyond_mdc", pt.beyond_mdc);
        j.field("improved", pt.improved);
        j.end_object();
      }
      j.end_array();
      j.end_object();
    }
    j.end_array();
    j.begin_array("symmetry");
    for (const store::SymmetryPoint& s : m.symmetry) {
      j.begin_object();
      j.field("visit_id", static_cast<long long>(s.visit_id));
      j.field("started_utc", s.visit_utc);
      if (s.symmetry.lsi_defined) {
        j.field("lsi_percent", s.symmetry.lsi_percent);
      } else {
        j.null_field("lsi_percent");
      }
      j.field("asymmetry_percent", s.symmetry.asymmetry_percent);
      j.field("worse_side", to_string(s.symmetry.worse_side));
      j.end_object();
    }
    j.end_array();
    j.end_object();
  }
  j.end_array();
}

}  // namespace stance::report
