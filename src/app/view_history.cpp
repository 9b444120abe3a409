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

const store::SessionPoint* point_of(const store::LimbSeries& s, std::int64_t session_id) {
  for (const auto& p : s.points) {
    if (p.session_id == session_id) return &p;
  }
  return nullptr;
}

const store::LimbSeries* series_of(const store::MetricProgress& p, Limb limb) {
  for (const auto& s : p.limbs) {
    if (s.limb == limb) return &s;
  }
  return nullptr;
}

// A visit's place among the patient's visits (1 = the first) and its date.
std::string visit_name(const PatientHistory& h, std::int64_t session_id) {
  for (std::size_t i = 0; i < h.visits.size(); ++i) {
    if (h.visits[i].session.id == session_id) {
      return "visit " + std::to_string(i + 1) + " (" +
             readable_utc(h.visits[i].session.started_utc) + ")";
    }
  }
  return "session " + std::to_string(session_id);
}

std::string visit_title(const Visit& visit, std::size_t number) {
  return "Visit " + std::to_string(number) + ": " + readable_utc(visit.session.started_utc) + ", " +
         visit.session.protocol + ", " + std::to_string(visit.trials.size()) + " trials (" +
         std::to_string(visit.valid_trials()) + " valid)";
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
  std::vector<std::int64_t> visit_ids;
  for (const Visit& visit : h.visits) visit_ids.push_back(visit.session.id);
  draw_trend_chart(shown, visit_ids, {ImGui::GetContentRegionAvail().x, 300});
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
  const auto [a, b] = std::minmax(c.compared[0], c.compared[1]);  // the older one first
  ImGui::Text("Before: %s, after: %s; means of the valid trials", visit_name(h, a).c_str(),
              visit_name(h, b).c_str());
  if (!ImGui::BeginTable("##compare", 7, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) return;
  ImGui::TableSetupColumn("Key figure", ImGuiTableColumnFlags_WidthFixed, 490);
  for (const char* head : {"Left before", "Left after", "Left change", "Right before",
                           "Right after", "Right change"}) {
    ImGui::TableSetupColumn(head);
  }
  ImGui::TableHeadersRow();
  for (const store::MetricProgress* metric : charted_metrics(h.progress, true)) {
    const store::MetricProgress& p = *metric;
    bool measured_at_both = false;  // on either side
    for (const auto& s : p.limbs) measured_at_both |= point_of(s, a) && point_of(s, b);
    if (!measured_at_both) continue;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(progress_title(p).c_str());
    for (Limb limb : {Limb::kLeft, Limb::kRight}) {
      const store::LimbSeries* s = series_of(p, limb);
      const store::SessionPoint* pa = s ? point_of(*s, a) : nullptr;
      const store::SessionPoint* pb = s ? point_of(*s, b) : nullptr;
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
    ImGui::PushID(static_cast<int>(visit.session.id));
    bool ticked = std::count(c.compared.begin(), c.compared.end(), visit.session.id) > 0;
    if (ImGui::Checkbox("##compare", &ticked)) c.toggle_compared(visit.session.id);
    ImGui::SameLine();
    if (ImGui::SmallButton("Test sheet")) export_session(c, visit.session.id, h.patient.code, true);
    ImGui::SameLine();
    if (ImGui::SmallButton("CSV+JSON")) export_session(c, visit.session.id, h.patient.code, false);
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
  if (!c.notice.empty()) ImGui::TextWrapped("%s", c.notice.c_str());
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
