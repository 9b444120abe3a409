#include "store/analysis_reader.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/units.hpp"

namespace stance::store {
namespace {

using Json = nlohmann::json;

// A field's problem, or "" when the field is well-formed.
struct Reader {
  std::string problem;

  const Json* member(const Json& object, const char* key, bool required = true) {
    if (!object.is_object()) return fail(std::string("expected an object around \"") + key + "\"");
    const auto it = object.find(key);
    if (it == object.end()) return required ? fail(std::string("no \"") + key + "\"") : nullptr;
    return &*it;
  }
  // A number or null (a figure that could not be measured).
  std::optional<double> maybe_number(const Json& object, const char* key) {
    const Json* v = member(object, key);
    if (v == nullptr || v->is_null()) return std::nullopt;
    return number(object, key);
  }
  double number(const Json& object, const char* key, double fallback = 0.0, bool required = true) {
    const Json* v = member(object, key, required);
    if (v == nullptr || v->is_null()) return fallback;
    if (!v->is_number() || !std::isfinite(v->get<double>())) {
      fail(std::string("\"") + key + "\" is not a finite number");
      return fallback;
    }
    return v->get<double>();
  }
  bool boolean(const Json& object, const char* key) {
    const Json* v = member(object, key);
    if (v == nullptr) return false;
    if (!v->is_boolean()) {
      fail(std::string("\"") + key + "\" is not true or false");
      return false;
    }
    return v->get<bool>();
  }
  std::string text(const Json& object, const char* key) {
    const Json* v = member(object, key);
    if (v == nullptr) return {};
    if (!v->is_string()) {
      fail(std::string("\"") + key + "\" is not text");
      return {};
    }
    return v->get<std::string>();
  }
  const Json* array(const Json& object, const char* key) {
    const Json* v = member(object, key);
    if (v != nullptr && !v->is_array()) return fail(std::string("\"") + key + "\" is not a list");
    return v;
  }
  const Json* fail(std::string why) {
    if (problem.empty()) problem = std::move(why);
    return nullptr;
  }
};

void read_findings(Reader& r, const Json& root, AnalysisSummary& s) {
  const Json* verdict = r.member(root, "verdict");
  if (verdict == nullptr) return;
  s.verdict.valid = r.boolean(*verdict, "valid");
  const Json* findings = r.array(*verdict, "findings");
  if (findings == nullptr) return;
  for (const Json& f : *findings) {
    Finding out;
    if (!parse_finding_kind(r.text(f, "kind"), out.kind) ||
        !parse_severity(r.text(f, "severity"), out.severity)) {
      r.fail("a finding of an unknown kind or severity");
      return;
    }
    out.start_s = r.number(f, "start_s");
    out.end_s = r.number(f, "end_s");
    out.value = r.number(f, "value");
    out.detail = r.text(f, "detail");
    s.verdict.findings.push_back(std::move(out));
  }
}

void read_squats(Reader& r, const Json& root, AnalysisSummary& s) {
  const Json* squats = r.member(root, "squats", false);
  if (squats == nullptr) return;
  const Json* reps = r.array(*squats, "reps");
  if (reps == nullptr) return;
  for (const Json& j : *reps) {
    SquatRep rep;
    const double index = r.number(j, "index");
    if (index < 1 || index > 1000 || index != std::floor(index)) {
      r.fail("a repetition's index is not a whole number from 1");
      return;
    }
    rep.index = static_cast<int>(index);
    rep.start_s = r.number(j, "start_s");
    rep.bottom_s = r.number(j, "bottom_s");
    rep.end_s = r.number(j, "end_s");
    rep.descent_s = r.number(j, "descent_s");
    rep.bottom_pause_s = r.number(j, "bottom_pause_s");
    rep.ascent_s = r.number(j, "ascent_s");
    rep.depth_m = r.number(j, "depth_m");
    rep.peak_fz_n = r.number(j, "peak_fz_n");
    rep.peak_fz_bw = r.number(j, "peak_fz_bw");
    rep.complete = r.boolean(j, "complete");
    rep.shallow = r.boolean(j, "shallow");
    rep.too_fast = r.boolean(j, "too_fast");
    if (j.contains("ml_squat_steadiness")) {
      s.rep_steadiness[rep.index] = r.number(j, "ml_squat_steadiness");
    }
    s.reps.push_back(rep);
  }
  if (const Json* w = r.member(root, "ml_squat_steadiness", false)) {
    s.steadiness = r.maybe_number(*w, "index");  // null: no repetition to measure it on
  }
}

void read_ellipse(Reader& r, const Json& root, AnalysisSummary& s) {
  const Json* e = r.member(root, "ellipse_95", false);
  if (e == nullptr) return;
  s.ellipse =
      Ellipse95{m_from_mm(r.number(*e, "center_ml_mm")), m_from_mm(r.number(*e, "center_ap_mm")),
                m_from_mm(r.number(*e, "semi_major_mm")), m_from_mm(r.number(*e, "semi_minor_mm")),
                r.number(*e, "angle_rad")};
}

void read_knee(Reader& r, const Json& root, AnalysisSummary& s) {
  const Json* k = r.member(root, "knee", false);
  if (k == nullptr) return;
  knee::KneeFigures t;
  const std::string from = r.text(*k, "squats_from");
  if (from != "plate" && from != "hip marker") r.fail("the knee's squats come from nowhere known");
  t.squats_from = from == "plate" ? knee::SquatSource::kPlate : knee::SquatSource::kHipMarker;
  t.standing_fppa_deg = r.maybe_number(*k, "standing_fppa_deg");
  t.mean_peak_fppa_deg = r.maybe_number(*k, "mean_peak_fppa_deg");
  t.mean_bottom_fppa_deg = r.maybe_number(*k, "mean_bottom_fppa_deg");
  t.mean_range_deg = r.maybe_number(*k, "mean_range_deg");
  t.squats_in_mean = static_cast<int>(std::clamp(r.number(*k, "squats_in_mean"), 0.0, 1000.0));
  if (const Json* squats = r.array(*k, "squats")) {
    for (const Json& j : *squats) {
      knee::KneeSquat q;
      q.index = static_cast<int>(std::clamp(r.number(j, "index"), 0.0, 1000.0));
      q.start_s = r.number(j, "start_s");
      q.bottom_s = r.number(j, "bottom_s");
      q.end_s = r.number(j, "end_s");
      q.peak_fppa_deg = r.maybe_number(j, "peak_fppa_deg");
      q.bottom_fppa_deg = r.maybe_number(j, "bottom_fppa_deg");
      q.range_deg = r.maybe_number(j, "range_deg");
      q.frames = static_cast<int>(std::clamp(r.number(j, "frames"), 0.0, 1.0e9));
      q.fppa_frames = static_cast<int>(std::clamp(r.number(j, "fppa_frames"), 0.0, 1.0e9));
      q.complete = r.boolean(j, "complete");
      t.squats.push_back(q);
    }
  }
  if (const Json* notes = r.array(*k, "notes")) {
    for (const Json& n : *notes) {
      if (!n.is_string()) r.fail("a knee note is not text");
      if (n.is_string()) t.notes.push_back(n.get<std::string>());
    }
  }
  s.knee = std::move(t);
}

}  // namespace

Result<AnalysisSummary> read_analysis_summary(std::string_view json, const std::string& name) {
  const auto error = [&](const std::string& why) {
    return Error{name + ": its stored analysis " + why +
                 "; `stance reanalyze` analyses its recording again and rewrites it"};
  };
  const Json root = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return error("is not valid JSON");
  if (!root.is_object() || !root.contains("schema")) return error("is missing (no schema)");
  const Json& schema = root["schema"];
  if (schema != "stance.analysis/2" && schema != "stance.analysis/3") {
    return error("has an unknown schema (" + schema.dump() + ")");
  }
  Reader r;
  AnalysisSummary s;
  if (!parse_task(r.text(root, "task"), s.task)) r.fail("names no known task");
  s.body_weight_n = r.number(root, "body_weight_n");
  read_findings(r, root, s);
  read_squats(r, root, s);
  read_ellipse(r, root, s);
  read_knee(r, root, s);
  if (!r.problem.empty()) return error("is damaged: " + r.problem);
  return s;
}

}  // namespace stance::store
