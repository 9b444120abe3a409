#include "store/analysis_json.hpp"

#include <optional>

#include "core/analysis_summary.hpp"
#include "core/units.hpp"
#include "store/task_label.hpp"
#include "support/json_writer.hpp"

namespace stance {
namespace {

using Count = long long;

void write_summary(JsonWriter& j, const BasicAnalysis& s) {
  j.begin_object("window");
  j.field("start_s", s.start_s).field("end_s", s.end_s).field("duration_s", s.duration_s);
  j.end_object();
  j.begin_object("samples");
  j.field("rate_hz", s.rate_hz);
  j.field("count", static_cast<Count>(s.sample_count));
  j.field("lost", static_cast<Count>(s.lost_samples));
  j.field("unloaded", static_cast<Count>(s.unloaded_samples));
  j.field("overload", static_cast<Count>(s.overload_samples));
  j.field("adc_error", static_cast<Count>(s.adc_error_samples));
  j.end_object();
}

void write_descriptors(JsonWriter& j, const DescriptorSet& d) {
  j.begin_object("preprocessing");
  j.field("preset", std::string(preset_name(d.preset)));
  j.field("length_unit", std::string(length_unit_symbol(d.unit)));
  j.field("rate_hz", d.rate_hz);
  j.field("analysis_rate_hz", d.analysis_rate_hz);
  j.field("lowpass_applied", d.filtered);
  j.field("lowpass_order", static_cast<Count>(d.lowpass.order));
  j.field("lowpass_cutoff_hz", d.lowpass.cutoff_hz);
  j.field("samples_used", static_cast<Count>(d.samples_used));
  j.field("samples_bridged", static_cast<Count>(d.samples_bridged));
  j.end_object();
  j.begin_array("descriptors");
  for (const DescriptorEntry& e : descriptor_entries(d)) {
    j.begin_object();
    j.field("name", std::string(e.name));
    j.field("reference_name", std::string(e.reference_name));
    j.field("family", std::string(family_name(e.family)));
    j.field("axis", std::string(axis_name(e.axis)));
    j.field("unit", display_unit(e.quantity, d.unit));
    if (e.si.defined) {
      j.field("value", display_value(e, d.unit));
    } else {
      j.null_field("value");
    }
    j.end_object();
  }
  j.end_array();
}

void optional_field(JsonWriter& j, const char* key, const std::optional<double>& v) {
  if (v) {
    j.field(key, *v);
  } else {
    j.null_field(key);
  }
}

void write_squats(JsonWriter& j, const SquatAnalysis& s, const SquatSteadiness& w) {
  j.begin_object("squats");
  j.field("body_weight_n", s.body_weight_n);
  j.field("body_weight_from_quiet_phases", s.body_weight_from_quiet);
  j.field("rep_count", static_cast<Count>(s.rep_count));
  j.field("acceptable_rep_count", static_cast<Count>(s.acceptable_rep_count));
  j.begin_array("reps");
  for (const SquatRep& r : s.reps) {
    j.begin_object();
    j.field("index", static_cast<Count>(r.index));
    j.field("start_s", r.start_s).field("bottom_s", r.bottom_s).field("end_s", r.end_s);
    j.field("descent_s", r.descent_s).field("bottom_pause_s", r.bottom_pause_s);
    j.field("ascent_s", r.ascent_s).field("depth_m", r.depth_m);
    j.field("peak_fz_n", r.peak_fz_n).field("peak_fz_bw", r.peak_fz_bw);
    j.field("complete", r.complete).field("shallow", r.shallow).field("too_fast", r.too_fast);
    for (const RepSteadiness& rw : w.reps) {
      if (rw.rep_index == r.index) j.field("ml_squat_steadiness", rw.index);
    }
    j.end_object();
  }
  j.end_array();
  j.end_object();
  // The trial's figures are means over the repetitions used: none used, none defined (null, never
  // 0); the SD between repetitions needs two.
  const std::size_t used = w.reps_used.size();
  const auto if_used = [&](std::size_t at_least, double v) {
    return used >= at_least ? std::optional<double>(v) : std::nullopt;
  };
  j.begin_object("ml_squat_steadiness");
  optional_field(j, "index", if_used(1, w.index));
  optional_field(j, "index_rep_sd", if_used(2, w.index_rep_sd));
  j.field("reps_used", static_cast<Count>(used));
  j.field("medial_known", w.medial_known);
  optional_field(j, "ml_oscillation_2_6hz_mm", if_used(1, mm_from_m(w.trial.ml_oscillation_m)));
  j.field("standing_oscillation_2_6hz_mm", mm_from_m(w.standing_oscillation_m));
  optional_field(j, "ml_excess_mm", if_used(1, mm_from_m(w.trial.ml_excess_m)));
  optional_field(j, "medial_shift_mm", if_used(1, mm_from_m(w.trial.medial_shift_m)));
  if (w.trial.has_shear) optional_field(j, "ml_shear_2_6hz_n", if_used(1, w.trial.ml_shear_n));
  j.end_object();
}

void write_ellipse(JsonWriter& j, const Ellipse95& e) {
  j.begin_object("ellipse_95");
  j.field("center_ml_mm", mm_from_m(e.center_ml_m)).field("center_ap_mm", mm_from_m(e.center_ap_m));
  j.field("semi_major_mm", mm_from_m(e.semi_major_m));
  j.field("semi_minor_mm", mm_from_m(e.semi_minor_m));
  j.field("angle_rad", e.angle_rad);
  j.end_object();
}

void write_knee(JsonWriter& j, const knee::KneeTrial& k) {
  j.begin_object("knee");
  j.field("squats_from", k.squats_from == knee::SquatSource::kPlate ? "plate" : "hip marker");
  optional_field(j, "standing_fppa_deg", k.standing_fppa_deg);
  optional_field(j, "mean_peak_fppa_deg", k.mean_peak_fppa_deg);
  optional_field(j, "mean_bottom_fppa_deg", k.mean_bottom_fppa_deg);
  optional_field(j, "mean_range_deg", k.mean_range_deg);
  j.field("squats_in_mean", static_cast<Count>(k.squats_in_mean));
  j.field("frames", static_cast<Count>(k.frames.size()));
  j.begin_array("squats");
  for (const knee::KneeSquat& q : k.squats) {
    j.begin_object();
    j.field("index", static_cast<Count>(q.index));
    j.field("start_s", q.start_s).field("bottom_s", q.bottom_s).field("end_s", q.end_s);
    optional_field(j, "peak_fppa_deg", q.peak_fppa_deg);
    optional_field(j, "bottom_fppa_deg", q.bottom_fppa_deg);
    optional_field(j, "range_deg", q.range_deg);
    j.field("frames", static_cast<Count>(q.frames));
    j.field("fppa_frames", static_cast<Count>(q.fppa_frames));
    j.field("complete", q.complete);
    j.end_object();
  }
  j.end_array();
  j.begin_array("notes");
  for (const std::string& note : k.notes) j.element(note);
  j.end_array();
  j.end_object();
}

void write_verdict(JsonWriter& j, const TrialVerdict& v) {
  j.begin_object("verdict");
  j.field("valid", v.valid);
  j.begin_array("findings");
  for (const Finding& f : v.findings) {
    j.begin_object();
    j.field("kind", to_string(f.kind)).field("severity", to_string(f.severity));
    j.field("start_s", f.start_s).field("end_s", f.end_s).field("value", f.value);
    j.field("detail", f.detail);
    j.end_object();
  }
  j.end_array();
  j.end_object();
}

}  // namespace

void print_trial_json(std::ostream& out, const TrialSource& source, const TrialAnalysis& a) {
  JsonWriter j(out);
  j.begin_object();
  j.field("schema", kAnalysisSchema);
  j.field("software_version", STANCE_VERSION);
  j.field("file", source.path);
  j.field("format", source.loaded->format);
  j.field("task", to_string(a.task));
  j.field("task_label", task_label(source, a.task));
  j.begin_object("metadata");
  for (const auto& [key, value] : source.loaded->metadata) j.field(key, value);
  j.end_object();
  write_summary(j, a.summary);
  const AnalysisSummary summary = summarize_analysis(a);
  j.field("body_weight_n", summary.body_weight_n);
  write_verdict(j, a.verdict);
  write_descriptors(j, a.descriptors);
  if (summary.ellipse) write_ellipse(j, *summary.ellipse);
  if (a.squats && a.steadiness) write_squats(j, *a.squats, *a.steadiness);
  if (a.knee) write_knee(j, *a.knee);
  j.begin_array("notes");
  for (const auto& note : a.summary.notes) j.element(note);
  for (const auto& note : a.descriptors.notes) j.element(note);
  if (a.squats) {
    for (const auto& note : a.squats->notes) j.element(note);
  }
  j.end_array();
  j.end_object();
}

}  // namespace stance
