#include "report/sheet_json.hpp"

#include <sstream>

#include "report/progress_json.hpp"
#include "report/sheet_csv.hpp"
#include "support/json_writer.hpp"

namespace stance::report {
namespace {

// A number, or null when the figure is not defined.
void number_or_null(JsonWriter& j, const std::string& key, bool defined, double value) {
  if (defined) {
    j.field(key, value);
  } else {
    j.null_field(key);
  }
}

void write_patient(JsonWriter& j, const SheetData& d) {
  j.begin_object("patient").field("code", d.patient_code);
  if (!d.pseudonymised) {
    j.field("name", d.patient_name);
    number_or_null(j, "birth_year", d.birth_year > 0, d.birth_year);
  }
  j.field("sex", store::to_string(d.sex)).field("involved_side", to_string(d.involved));
  j.end_object();
}

void write_visit(JsonWriter& j, const SheetData& d) {
  j.begin_object("visit").field("id", static_cast<long long>(d.visit_id));
  j.field("date", d.visit_date).field("started_utc", d.date_utc);
  j.field("clinician", d.clinician).field("plate", d.plate);
  j.field("protocols", d.protocol).field("comment", d.comment).end_object();
}

void write_trial(JsonWriter& j, const SheetTrial& t) {
  j.begin_object().field("trial_id", static_cast<long long>(t.trial_id));
  j.field("session_id", static_cast<long long>(t.session_id)).field("protocol", t.protocol);
  j.field("task", to_string(t.task)).field("limb", to_string(t.limb));
  j.field("eyes", to_string(t.eyes)).field("attempt", static_cast<long long>(t.attempt));
  j.field("valid", t.valid).field("verdict", t.verdict).field("analysed_by", t.analysed_by);
  j.field("plate_not_verified", t.plate_not_verified);
  j.begin_array("reasons");
  for (const std::string& r : t.reasons) j.element(r);
  j.end_array();
  j.begin_array("metrics");
  for (const store::Metric& m : exported_metrics(t)) {
    j.begin_object().field("key", m.key).field("value", m.value).field("unit", m.unit).end_object();
  }
  j.end_array();
  j.begin_array("descriptors");  // every COP descriptor of the analysis; null: not defined
  for (const store::DescriptorValue& d : t.descriptors) {
    j.begin_object().field("name", d.name).field("unit", d.unit);
    number_or_null(j, "value", d.value.has_value(), d.value.value_or(0.0));
    j.end_object();
  }
  j.end_array();
  j.begin_array("repetitions");
  for (const SheetRep& r : t.reps) {
    j.begin_object().field("index", static_cast<long long>(r.index));
    j.field("depth_cm", r.depth_cm).field("descent_s", r.descent_s).field("ascent_s", r.ascent_s);
    j.field("ml_squat_steadiness", r.steadiness_index)
        .field("acceptable", r.acceptable)
        .end_object();
  }
  j.end_array();
  j.end_object();
}

void write_side(JsonWriter& j, const std::string& key, const TrialSummary& s) {
  j.begin_object(key).field("n", static_cast<long long>(s.trials));
  number_or_null(j, "mean", s.trials > 0, s.mean);
  number_or_null(j, "sd", s.trials > 0, s.sd);
  j.end_object();
}

void write_symmetry(JsonWriter& j, const SheetData& d) {
  j.begin_array("symmetry");
  for (const SheetCondition& c : sheet_conditions(d)) {
    const ConditionSummary summary = condition_summary(d, c);
    for (const KeyFigure& f : summary.rows) {
      const auto it = summary.by_key.find(f.key);
      if (it == summary.by_key.end()) continue;
      const LimbSymmetry& s = it->second.symmetry;
      j.begin_object().field("task", to_string(c.task)).field("eyes", to_string(c.eyes));
      j.field("key", f.key).field("label", f.label).field("unit", f.unit);
      write_side(j, "left", it->second.left);
      write_side(j, "right", it->second.right);
      number_or_null(j, "lsi_percent", s.lsi_defined, s.lsi_percent);
      number_or_null(j, "asymmetry_percent", s.defined, s.asymmetry_percent);
      j.field("worse_side", to_string(s.worse_side)).end_object();
    }
  }
  j.end_array();
}

}  // namespace

std::string sheet_json(const SheetData& d) {
  std::ostringstream out;
  JsonWriter j(out);
  j.begin_object().field("schema", kVisitReportSchema).field("software", d.software);
  j.field("clinic", d.clinic).field("pseudonymised", d.pseudonymised);
  write_patient(j, d);
  write_visit(j, d);
  j.begin_array("trials");
  for (const SheetTrial& t : d.trials) write_trial(j, t);
  j.end_array();
  write_symmetry(j, d);
  if (d.with_progress) write_progress_array(j, "progress", d.progress);
  j.end_object();
  return out.str();
}

}  // namespace stance::report
