// The history view: one patient's visits. A metric's trend per side with the MDC band, two
// visits side by side, and every stored trial, which can be replayed in the live view.
#include <imgui.h>

#include <algorithm>

#include "app/history_chart.hpp"
#include "app/sheet_export.hpp"
#include "app/theme.hpp"
#include "app/views.hpp"
#include "store/trial_metrics.hpp"

namespace stance::app {
namespace {

const store::VisitPoint* point_of(const store::LimbSeries& s, std::int64_t visit_id) {
  for (const auto& p : s.points) {
    if (p.visit_id == visit_id) return &p;
  }
  return nullptr;
}

const store::LimbSeries* series_of(const store::MetricProgress& p, Limb limb) {
  for (const auto& s : p.limbs) {
    if (s.limb == limb) return &s;
  }
  return nullptr;
}

// A visit's place among the patient's visits (0 = the first); the count when it is not there.
std::size_t visit_index(const PatientHistory& h, std::int64_t visit_id) {
  for (std::size_t i = 0; i < h.visits.size(); ++i) {
    if (h.visits[i].visit.id == visit_id) return i;
  }
  return h.visits.size();
}

// "visit 2 (2026-12-07)": its place among the patient's visits (1 = the first) and its day.
std::string visit_name(const PatientHistory& h, std::int64_t visit_id) {
  const std::size_t i = visit_index(h, visit_id);
  if (i == h.visits.size()) return "visit #" + std::to_string(visit_id);
  return "visit " + std::to_string(i + 1) + " (" + h.visits[i].visit.local_date + ")";
}

std::string visit_title(const Visit& visit, std::size_t number) {
  return "Visit " + std::to_string(number) + ": " + readable_local(visit.visit.started_utc) + ", " +
         visit.protocols() + ", " + std::to_string(visit.trials.size()) + " trials (" +
         std::to_string(visit.valid_trials()) + " valid)";
}

// "single-leg squat; single-leg stance, eyes open": what a visit measured, for the comparison's
// word on why two visits share nothing.
std::string conditions_text(const Visit& visit) {
  std::string out;
  for (const auto& [task, eyes] : visit.conditions()) {
    out += (out.empty() ? "" : "; ") + report::condition_name({task, eyes});
  }
  return out.empty() ? "no valid trial" : out;
}

void draw_patient_chooser(ClinicModel& c) {
  ImGui::SetNextItemWidth(260);
  if (ImGui::BeginCombo("Patient", c.open_code().empty() ? "choose" : c.open_code().c_str())) {
    for (const PatientRow& row : c.patients()) {
      if (ImGui::Selectable(row.patient.code.c_str(), row.patient.code == c.open_code())) {
        c.open_patient(row.patient.code);
      }
    }
    ImGui::EndCombo();
  }
}

void draw_trend(ClinicModel& c, const PatientHistory& h) {
  const auto metrics = charted_metrics(h.progress, false);
  if (metrics.empty()) {
    ImGui::TextUnformatted("No valid trials stored yet: nothing to chart.");
    return;
  }
  auto chosen = std::find_if(metrics.begin(), metrics.end(),
                             [&](const auto* p) { return progress_title(*p) == c.chart; });
  if (chosen == metrics.end()) chosen = metrics.begin();
  const store::MetricProgress& shown = **chosen;
  ImGui::SetNextItemWidth(560);
  if (ImGui::BeginCombo("Metric", progress_title(shown).c_str())) {
    for (const auto* p : metrics) {
      if (ImGui::Selectable(progress_title(*p).c_str(), p == &shown)) c.chart = progress_title(*p);
    }
    ImGui::EndCombo();
  }
  draw_trend_chart(shown, h.visits.front().visit.started_utc,
                   {ImGui::GetContentRegionAvail().x, 300});
  for (const auto& s : shown.limbs) {
    ImGui::TextColored(theme::colour(side_colour(s.limb)), "%s", mdc_text(shown, s).c_str());
  }
  ImGui::TextColored(theme::colour(theme::kMuted),
                     "Each point: the visit's mean of the valid trials. Band: the first visit ± "
                     "MDC95. Large green or red dot: a change beyond the MDC95, better or worse.");
}

void draw_comparison(const ClinicModel& c, const PatientHistory& h) {
  if (c.compared.size() != 2) {
    ImGui::TextColored(theme::colour(theme::kMuted),
                       "Tick two visits below to compare them side by side.");
    return;
  }
  std::int64_t a = c.compared[0], b = c.compared[1];
  if (visit_index(h, b) < visit_index(h, a)) std::swap(a, b);  // the older one first
  ImGui::Text("Before: %s, after: %s; means of the valid trials of the tests both did",
              visit_name(h, a).c_str(), visit_name(h, b).c_str());
  std::vector<const store::MetricProgress*> shared;
  for (const store::MetricProgress* metric : charted_metrics(h.progress, true)) {
    bool measured_at_both = false;  // on either side
    for (const auto& s : metric->limbs) measured_at_both |= point_of(s, a) && point_of(s, b);
    if (measured_at_both) shared.push_back(metric);
  }
  if (shared.empty()) {
    const std::size_t ia = visit_index(h, a), ib = visit_index(h, b);
    ImGui::TextColored(
        theme::colour(theme::kCaution),
        "These two visits share no test, so there is nothing to compare: %s did %s; %s did %s. "
        "Tick two visits that did the same test.",
        visit_name(h, a).c_str(),
        ia < h.visits.size() ? conditions_text(h.visits[ia]).c_str() : "-",
        visit_name(h, b).c_str(),
        ib < h.visits.size() ? conditions_text(h.visits[ib]).c_str() : "-");
    return;
  }
  if (!ImGui::BeginTable("##compare", 7, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) return;
  ImGui::TableSetupColumn("Key figure", ImGuiTableColumnFlags_WidthFixed, 490);
  for (const char* head : {"Left before", "Left after", "Left change", "Right before",
                           "Right after", "Right change"}) {
    ImGui::TableSetupColumn(head);
  }
  ImGui::TableHeadersRow();
  for (const store::MetricProgress* metric : shared) {
    const store::MetricProgress& p = *metric;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(progress_title(p).c_str());
    for (Limb limb : {Limb::kLeft, Limb::kRight}) {
      const store::LimbSeries* s = series_of(p, limb);
      const store::VisitPoint* pa = s ? point_of(*s, a) : nullptr;
      const store::VisitPoint* pb = s ? point_of(*s, b) : nullptr;
      ImGui::TableNextColumn();
      if (pa)
        ImGui::Text("%.2f", pa->summary.mean);
      else
        ImGui::TextUnformatted("-");
      ImGui::TableNextColumn();
      if (pb)
        ImGui::Text("%.2f", pb->summary.mean);
      else
        ImGui::TextUnformatted("-");
      ImGui::TableNextColumn();
      if (!pa || !pb) {
        ImGui::TextUnformatted("-");
        continue;
      }
      const double change = pb->summary.mean - pa->summary.mean;
      const bool beyond = s->reliability.defined && std::abs(change) > s->reliability.mdc95;
      const bool better = p.better == Better::kLower ? change < 0 : change > 0;
      ImGui::TextColored(theme::colour(!beyond  ? theme::kText
                                       : better ? theme::kGood
                                                : theme::kBad),
                         "%+.2f%s", change, beyond ? (better ? " better" : " worse") : "");
    }
  }
  ImGui::EndTable();
}

void draw_visits(ViewContext& v, const PatientHistory& h) {
  ClinicModel& c = v.clinic;
  draw_sheet_choices(c);
  for (std::size_t i = h.visits.size(); i-- > 0;) {  // the latest first
    const Visit& visit = h.visits[i];
    const std::int64_t id = visit.visit.id;
    ImGui::PushID(static_cast<int>(id));
    bool ticked = std::count(c.compared.begin(), c.compared.end(), id) > 0;
    if (ImGui::Checkbox("##compare", &ticked)) c.toggle_compared(id);
    ImGui::SameLine();
    if (ImGui::SmallButton("Test sheet")) export_visit(c, id, h.patient.code, true);
    ImGui::SameLine();
    if (ImGui::SmallButton("CSV+JSON")) export_visit(c, id, h.patient.code, false);
    ImGui::SameLine();
    if (ImGui::TreeNode("##visit", "%s", visit_title(visit, i + 1).c_str())) {
      for (const store::Trial& t : visit.trials) {
        ImGui::PushID(static_cast<int>(t.id));
        if (ImGui::SmallButton("Replay")) replay_stored_trial(c, v.source, v.session, t.id);
        ImGui::SameLine();
        ImGui::TextColored(theme::colour(t.results.valid ? theme::kGood : theme::kBad), "%s %s: %s",
                           t.results.valid ? "valid  " : "INVALID",
                           trial_title(t.condition()).c_str(), t.results.verdict.c_str());
        ImGui::PopID();
      }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
}

}  // namespace

void draw_history_view(ViewContext& v) {
  ClinicModel& c = v.clinic;
  ImGui::PushFont(v.fonts.large);
  ImGui::TextUnformatted("History");
  ImGui::PopFont();
  if (!c.has_store()) {
    ImGui::TextWrapped(
        "Trials are being saved as files, not into the clinic's store: there is "
        "no history to show (docs/dashboard.md).");
    return;
  }
  draw_patient_chooser(c);
  const auto& h = c.history();
  if (h) {
    ImGui::SameLine();
    ImGui::Text("%s%s, involved side %s, %zu visits", h->patient.code.c_str(),
                h->patient.name.empty() ? "" : (" (" + h->patient.name + ")").c_str(),
                to_string(h->patient.involved_side), h->visits.size());
  }
  draw_sheet_outcome(c);
  if (!c.error().empty()) ImGui::TextColored(theme::colour(theme::kBad), "%s", c.error().c_str());
  if (c.loading()) ImGui::TextColored(theme::colour(theme::kMuted), "Loading...");
  if (!h || h->visits.empty()) return;
  draw_trend(c, *h);
  ImGui::Separator();
  draw_comparison(c, *h);
  ImGui::Separator();
  draw_visits(v, *h);
}

// GCC 12 at -O2 reports a false "may be used uninitialized" inside std::variant's copy of the
// Result<Recording> handed to the callback below (a known GCC 12 false positive with variants).

}  // namespace stance::app
