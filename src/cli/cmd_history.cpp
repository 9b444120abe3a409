// `stance history PATIENT`: every metric's series over the visits, per limb, with the change
// from the first visit, whether it is beyond the test's own noise (MDC95), and the limb
// symmetry of each visit. Method: docs/progress.md.
#include <algorithm>
#include <map>
#include <tuple>

#include "cli/cli.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "core/interpretation.hpp"
#include "report/progress_json.hpp"
#include "store/progress.hpp"
#include "store/trial_metrics.hpp"
#include "support/format.hpp"
#include "support/json_writer.hpp"

namespace stance::cli {
namespace {

// Shown when no --metric is given: the figures the clinician follows first.
constexpr const char* kDefaultMetrics[] = {"mean_velocity", "ellipse_area_95",
                                           "ml_squat_steadiness"};

bool wanted(const std::string& key, const std::string& metric) {
  if (metric == "all" || metric == key) return true;
  if (!metric.empty()) return false;
  for (const char* k : kDefaultMetrics) {
    if (key == k) return true;
  }
  return false;
}

std::size_t catalog_index(const std::string& key) {
  const auto catalog = store::metric_catalog();
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    if (key == catalog[i].key) return i;
  }
  return catalog.size();
}

// Task, eyes open before closed, then the catalog's order (the key figures first).
bool display_order(const store::MetricProgress& a, const store::MetricProgress& b) {
  return std::tuple(a.task, a.eyes, catalog_index(a.key)) <
         std::tuple(b.task, b.eyes, catalog_index(b.key));
}

std::string condition(const store::MetricProgress& m) {
  std::string text = m.task == Task::kSingleLegSquat ? "Single-leg squat" : "Single-leg stance";
  if (m.eyes != Eyes::kUnspecified) text += std::string(", eyes ") + to_string(m.eyes);
  return text;
}

std::string signed_fixed(double v, int decimals) {
  return (v >= 0 ? "+" : "") + fixed(v, decimals);
}

const store::VisitPoint* point_of(const store::MetricProgress& m, Limb limb, std::int64_t visit) {
  for (const store::LimbSeries& s : m.limbs) {
    if (s.limb != limb) continue;
    for (const store::VisitPoint& p : s.points) {
      if (p.visit_id == visit) return &p;
    }
  }
  return nullptr;
}

std::string cell(const store::VisitPoint* p, bool baseline) {
  if (p == nullptr) return pad("-", 22) + pad("", 17);
  std::string change = baseline ? "baseline" : signed_fixed(p->change, 1);
  if (p->beyond_mdc) change += p->improved ? " * better" : " * worse";
  return pad(fixed(p->summary.mean, 1) + " ± " + fixed(p->summary.sd, 1) + " (" +
                 std::to_string(p->summary.trials) + ")",
             22) +
         pad(change, 17);
}

std::string symmetry_text(const store::MetricProgress& m, std::int64_t visit) {
  for (const store::SymmetryPoint& s : m.symmetry) {
    if (s.visit_id != visit) continue;
    return symmetry_cell(s.symmetry).text;
  }
  return "-";
}

void print_metric(std::ostream& out, const store::MetricProgress& m, Limb involved) {
  out << "\n"
      << condition(m) << ": " << store::label_for(m.key) << " (" << m.unit << "), "
      << (m.better == Better::kLower ? "lower" : "higher") << " is better\n";
  out << "  " << pad("Visit", 22) << pad("Left: mean ± SD (n)", 22) << pad("Change", 17)
      << pad("Right: mean ± SD (n)", 22) << pad("Change", 17)
      << (involved == Limb::kUnspecified ? "Asymmetry" : "LSI") << "\n";
  std::map<std::pair<std::string, std::int64_t>, bool> visits;
  for (const store::LimbSeries& s : m.limbs) {
    for (const store::VisitPoint& p : s.points) visits[{p.visit_utc, p.visit_id}] = true;
  }
  std::map<Limb, bool> seen;
  for (const auto& [key, unused] : visits) {
    out << "  " << pad(readable_local(key.first), 22);
    for (const Limb limb : {Limb::kLeft, Limb::kRight}) {
      const store::VisitPoint* p = point_of(m, limb, key.second);
      out << cell(p, p != nullptr && !seen[limb]);
      if (p != nullptr) seen[limb] = true;
    }
    out << symmetry_text(m, key.second) << "\n";
  }
  out << "  MDC95";
  for (const store::LimbSeries& s : m.limbs) {
    const store::Reliability& r = s.reliability;
    out << "  " << to_string(s.limb) << ": ";
    if (r.defined) {
      out << fixed(r.mdc95, 1) << " " << m.unit << " (SEM " << fixed(r.sem, 2) << ", "
          << r.degrees_of_freedom << " df)";
    } else {
      out << "unknown (needs 2 trials in a visit)";
    }
  }
  out << "\n";
}

void write_json(std::ostream& out, const store::Patient& p,
                const std::vector<store::MetricProgress>& progress) {
  JsonWriter j(out);
  j.begin_object();
  j.field("schema", "stance.history/2").field("software_version", STANCE_VERSION);
  j.field("patient", p.code).field("involved_side", to_string(p.involved_side));
  j.field("mdc_method", "MDC95 = 1.96 * sqrt(2) * SEM, SEM = pooled within-visit SD");
  report::write_progress_array(j, "series", progress);
  j.end_object();
  out << "\n";
}

int run_history(const ParsedArgs& args, Context& context) {
  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  const auto p = store->patient(args.positionals[0]);
  if (!p) return fail(context, p.error().message);
  const std::string metric = args.value_or("metric", "");
  bool known = metric.empty() || metric == "all";
  for (const store::MetricInfo& info : store::metric_catalog()) known |= metric == info.key;
  if (!known) {
    std::string keys;
    for (const store::MetricInfo& info : store::metric_catalog())
      keys += std::string(" ") + info.key;
    return usage_error(context,
                       "no metric '" + metric + "'; the store keeps:" + keys + " (or all)");
  }
  const auto rows = store->history(p->id, metric == "all" ? "" : metric);
  if (!rows) return fail(context, rows.error().message);
  std::vector<store::MetricProgress> progress;
  for (store::MetricProgress& m : store::compute_progress(*rows, p->involved_side)) {
    if (wanted(m.key, metric)) progress.push_back(std::move(m));
  }
  std::stable_sort(progress.begin(), progress.end(), display_order);
  if (args.flag("json")) {
    write_json(context.out, *p, progress);
    return kExitOk;
  }
  std::ostream& out = context.out;
  out << "History of " << p->code << " (involved side: " << to_string(p->involved_side)
      << "). Valid trials only; change from the first visit;\n"
      << "'*' marks a change beyond the MDC95 (a real change, not the test's own noise).\n"
      << (p->involved_side == Limb::kUnspecified ? asymmetry_equation_text() : lsi_equation_text())
      << "\n";
  if (progress.empty()) out << "\nNo stored results yet: record a session first.\n";
  for (const store::MetricProgress& m : progress) print_metric(out, m, p->involved_side);
  return kExitOk;
}

}  // namespace

Command history_command() {
  return store_command(
      "history", "a patient's progress: series, change from baseline, MDC95, limb symmetry",
      "stance history PATIENT [--metric M|all] [--json] [--db FILE]", {"PATIENT"},
      {{"metric", "M", "one metric (e.g. mean_velocity) or all (default: the key ones)"},
       {"json", "", "print JSON (schema stance.history/2)"},
       db_option()},
      run_history,
      "MDC95 = 1.96 × √2 × SEM, with the SEM from the trial-to-trial SD within visits,\n"
      "pooled over the patient's visits (docs/progress.md).");
}

}  // namespace stance::cli
