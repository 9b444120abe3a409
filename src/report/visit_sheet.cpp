#include "report/visit_sheet.hpp"

#include <algorithm>
#include <optional>

#include "recording/trial_file.hpp"
#include "store/analysis_reader.hpp"
#include "store/trial_metrics.hpp"

namespace stance::report {
namespace {

// The key figures the progress section follows, per task, in the order shown: the ones a
// clinician reads first. 0: not followed.
int followed_rank(const store::MetricProgress& m) {
  const bool squat = m.task == Task::kSingleLegSquat;
  if (m.key == (squat ? "ml_squat_steadiness" : "mean_velocity")) return 1;
  if (m.key == (squat ? "mean_velocity" : "ellipse_area_95")) return 2;
  return 0;
}

// The key figures of a stored trial: its task's rows with the values the store kept (the
// repetitions counted from the kept analysis: the metric rows keep only the acceptable ones).
std::vector<KeyFigure> stored_figures(Task task, const std::vector<store::Metric>& metrics,
                                      const std::optional<AnalysisSummary>& analysis) {
  const bool camera = std::any_of(metrics.begin(), metrics.end(), [](const store::Metric& m) {
    return m.key == "knee_peak_fppa" || m.key == "knee_fppa_range";
  });
  std::vector<KeyFigure> figures = key_figure_rows(task, camera);
  for (KeyFigure& f : figures) {
    if (f.key == "repetitions" && analysis) {
      f.value = static_cast<double>(analysis->reps.size());
      f.defined = true;
    }
    for (const store::Metric& m : metrics) {
      if (m.key == store::stored_metric_key(f.key)) {
        f.value = m.value;
        f.unit = m.unit;
        f.defined = true;
      }
    }
  }
  return figures;
}

// A stored trial as the store kept it: its verdict, figures and analysis, never analysed again
// here (`stance reanalyze` does that). A trial whose recording or analysis cannot be read still
// appears, with its stored figures and what is wrong, so one damaged trial never hides a
// visit's sheet (issue 13, item 6).
Result<SheetTrial> stored_trial(const store::Store& store, const store::Trial& trial) {
  const std::string name = "trial " + std::to_string(trial.id);
  auto metrics = store.metrics(trial.id);
  if (!metrics) return metrics.error();
  std::vector<std::string> problems;
  std::optional<AnalysisSummary> summary;
  std::vector<store::DescriptorValue> descriptors;
  if (auto read = store::read_analysis_summary(trial.results.analysis_json, name); read) {
    summary = std::move(*read);
    auto values = store::read_descriptor_values(trial.results.analysis_json, name);
    if (values) {
      descriptors = std::move(*values);
    } else {
      problems.push_back(values.error().message);
    }
  } else {
    problems.push_back(read.error().message);
  }
  std::optional<Recording> recording;
  auto bytes = store.recording(trial.id);
  if (bytes) {
    auto decoded = decode_trial(*bytes, name);
    if (decoded) {
      recording = std::move(*decoded);
    } else {
      problems.push_back(decoded.error().message + " (no plots)");
    }
  } else {
    problems.push_back(bytes.error().message + " (no plots)");
  }
  TrialCondition condition = trial.condition();
  if (recording) condition.planned_reps = recording->metadata.planned_reps;  // the row keeps none
  SheetTrial t =
      sheet_trial(condition, summary.value_or(AnalysisSummary{}),
                  stored_figures(trial.task, *metrics, summary), recording ? &*recording : nullptr);
  // The store's word is final: its verdict, even where the kept analysis says otherwise.
  t.trial_id = trial.id;
  t.valid = trial.results.valid;
  t.verdict = trial.results.verdict;
  t.analysed_by = trial.results.software_version;
  t.stored_metrics = std::move(*metrics);
  t.descriptors = std::move(descriptors);
  if (!t.valid && t.reasons.empty()) t.reasons.push_back(t.verdict);
  for (std::string& p : problems) t.reasons.push_back(std::move(p));
  return t;
}

// Visits up to and including `current`, in the history's order (start, then id).
bool up_to(const store::HistoryRow& row, const store::Visit& current) {
  return row.visit_utc < current.started_utc ||
         (row.visit_utc == current.started_utc && row.visit_id <= current.id);
}

// Each different non-empty value once, in order of first appearance; "-" when there is none.
std::string distinct_joined(const std::vector<std::string>& values, const std::string& separator) {
  std::vector<std::string> seen;
  for (const std::string& v : values) {
    if (!v.empty() && std::find(seen.begin(), seen.end(), v) == seen.end()) seen.push_back(v);
  }
  std::string out;
  for (const std::string& v : seen) out += (out.empty() ? "" : separator) + v;
  return out.empty() ? "-" : out;
}

std::string protocol_label(const store::Store& store, const std::string& name) {
  const auto protocol = store.protocol(name);
  if (!protocol || protocol->description.empty()) return name;
  return name + " (" + protocol->description + ")";
}

}  // namespace

Result<SheetData> stored_visit_sheet(const store::Store& store, std::int64_t visit_id,
                                     const VisitSheetOptions& options) {
  const auto visit = store.visit(visit_id);
  if (!visit) return visit.error();
  const auto patient = store.patient_by_id(visit->patient_id);
  if (!patient) return patient.error();
  const auto sessions = store.visit_sessions(visit_id);
  if (!sessions) return sessions.error();

  SheetData d;
  if (!options.clinic.empty()) d.clinic = options.clinic;
  d.logo_png = options.logo_png;
  d.comment = options.comment;
  d.visit_id = visit->id;
  d.visit_date = visit->local_date;
  d.patient_code = patient->code;
  d.patient_name = patient->name;
  d.birth_year = patient->birth_year.value_or(0);
  d.sex = patient->sex;
  d.involved = patient->involved_side;
  d.date_utc = visit->started_utc;
  std::vector<std::string> clinicians, plates, protocols;
  for (const store::Session& session : *sessions) {
    clinicians.push_back(session.clinician);
    plates.push_back(session.plate_serial);
    protocols.push_back(session.protocol);
    const auto trials = store.trials(session.id);
    if (!trials) return trials.error();
    for (const store::Trial& trial : *trials) {
      auto t = stored_trial(store, trial);
      if (!t) return t.error();
      t->session_id = session.id;
      t->protocol = session.protocol;
      d.trials.push_back(std::move(*t));
    }
  }
  d.clinician = distinct_joined(clinicians, ", ");
  d.plate = distinct_joined(plates, ", ");
  d.protocol = distinct_joined(protocols, "; ");
  // One protocol: with its description; several: their names, which fit the header's line.
  if (d.protocol.find("; ") == std::string::npos && !sessions->empty()) {
    d.protocol = protocol_label(store, sessions->front().protocol);
  }

  if (options.progress) {
    d.with_progress = true;
    auto history = store.history(patient->id);
    if (!history) return history.error();
    std::erase_if(*history, [&](const store::HistoryRow& r) { return !up_to(r, *visit); });
    const std::vector<SheetCondition> here = sheet_conditions(d);
    for (store::MetricProgress& m : store::compute_progress(*history, d.involved)) {
      const SheetCondition c{m.task, m.task == Task::kSingleLegSquat ? Eyes::kOpen : m.eyes};
      if (followed_rank(m) > 0 && std::find(here.begin(), here.end(), c) != here.end()) {
        d.progress.push_back(std::move(m));
      }
    }
    std::stable_sort(d.progress.begin(), d.progress.end(), [](const auto& a, const auto& b) {
      return followed_rank(a) < followed_rank(b);
    });
  }
  return options.pseudonymise ? pseudonymised(std::move(d)) : d;
}

}  // namespace stance::report
