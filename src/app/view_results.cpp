// The results view: each side's mean of its valid trials, their variability and the limb
// symmetry, then every trial with its verdict.
#include <imgui.h>

#include <set>

#include "app/sheet_export.hpp"
#include "app/theme.hpp"
#include "app/views.hpp"
#include "core/interpretation.hpp"
#include "core/key_figures.hpp"

namespace stance::app {
namespace {

std::string side_text(const TrialSummary& s, int decimals) {
  if (s.trials == 0) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f ± %.*f (n=%d)", decimals, s.mean, decimals, s.sd,
                s.trials);
  return text;
}

// Per key figure: each side's mean of this visit's valid trials, the LSI, each side's value at
// the patient's last earlier visit (from the store), the norm.
void draw_summary_table(const SessionModel& m, const std::vector<KeyFigure>& rows, Eyes eyes,
                        const PatientHistory* earlier) {
  const auto summary = m.summary(eyes);
  const std::string id = std::string("##summary") + to_string(eyes);
  if (!ImGui::BeginTable(id.c_str(), 7, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) return;
  ImGui::TableSetupColumn("Figure", ImGuiTableColumnFlags_WidthFixed, 240);
  ImGui::TableSetupColumn("Unit", ImGuiTableColumnFlags_WidthFixed, 70);
  for (const char* head : {"Left: mean ± SD (n)", "Right: mean ± SD (n)", "Symmetry",
                           "Last visit: left / right", "Published reference"}) {
    ImGui::TableSetupColumn(head);
  }
  ImGui::TableHeadersRow();
  for (const KeyFigure& f : rows) {
    const auto it = summary.find(f.key);
    if (it == summary.end()) continue;
    const MetricSessionSummary& s = it->second;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(f.label.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(f.unit.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(side_text(s.left, f.decimals).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(side_text(s.right, f.decimals).c_str());
    ImGui::TableNextColumn();
    const SymmetryCell symmetry = symmetry_cell(s.symmetry);
    ImGui::TextColored(theme::colour(theme::band_colour(symmetry.band)), "%s",
                       symmetry.text.c_str());
    ImGui::TableNextColumn();
    std::string last;
    for (Limb limb : {Limb::kLeft, Limb::kRight}) {
      const store::VisitPoint* p = earlier ? last_visit_point(*earlier, m.protocol().task, eyes,
                                                              f.key, limb, m.stored_visit())
                                           : nullptr;
      char text[32] = "-";
      if (p != nullptr) std::snprintf(text, sizeof text, "%.*f", f.decimals, p->summary.mean);
      last += (last.empty() ? "" : " / ") + std::string(text);
    }
    ImGui::TextUnformatted(last.c_str());
    ImGui::TableNextColumn();
    if (const auto reference = published_reference(m.protocol().task, eyes, f.key)) {
      ImGui::TextUnformatted(reference_cell(*reference).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", reference_note(*reference).c_str());
    } else {
      ImGui::TextColored(theme::colour(theme::kMuted), "none published");
    }
  }
  ImGui::EndTable();
}

// The visit's test sheet and data files (every protocol done today), once a trial is stored.
void draw_export_buttons(ViewContext& v) {
  const std::int64_t visit = v.session.stored_visit();
  if (visit == 0) {
    ImGui::TextColored(theme::colour(theme::kMuted),
                       v.clinic.has_store()
                           ? "The test sheet can be made once a trial is saved."
                           : "Trials are saved as files: test sheets come from the store "
                             "(docs/test-sheet.md).");
    return;
  }
  draw_sheet_choices(v.clinic);
  if (ImGui::Button("Visit's test sheet (PDF)")) {
    export_visit(v.clinic, visit, v.session.patient_code, true);
  }
  ImGui::SameLine();
  if (ImGui::Button("Export CSV and JSON")) {
    export_visit(v.clinic, visit, v.session.patient_code, false);
  }
  draw_sheet_outcome(v.clinic);
}

}  // namespace

void draw_results_view(ViewContext& v) {
  SessionModel& m = v.session;
  ImGui::PushFont(v.fonts.large);
  ImGui::Text("Results: %s", m.patient_code.c_str());
  ImGui::PopFont();
  ImGui::Text("%s; involved side: %s", protocol_title(m.protocol()).c_str(), to_string(m.involved));
  draw_export_buttons(v);
  // Rows in key-figure order, taken from any analysed trial.
  std::vector<KeyFigure> rows;
  for (const StepResult& r : m.results()) {
    if (r.trial->analysis) {
      rows = key_figures(*r.trial->analysis);
      break;
    }
  }
  const auto& h = v.clinic.history();
  const PatientHistory* earlier = h && h->patient.code == m.patient_code ? &*h : nullptr;
  for (Eyes eyes : m.protocol().eyes) {
    if (m.protocol().task == Task::kSingleLegStance) {
      ImGui::TextUnformatted(eyes == Eyes::kClosed ? "Eyes closed" : "Eyes open");
    }
    draw_summary_table(m, rows, eyes, earlier);
  }
  const std::string symmetry_text =
      m.involved == Limb::kUnspecified ? asymmetry_equation_text() : lsi_equation_text();
  ImGui::TextWrapped("%s Means use valid trials only.", symmetry_text.c_str());
  std::string notes;
  for (const KeyFigure& f : rows) {
    for (Eyes eyes : m.protocol().eyes) {
      const auto r = published_reference(m.protocol().task, eyes, f.key);
      if (r && notes.find(reference_note(*r)) == std::string::npos) {
        notes += (notes.empty() ? "" : " ") + reference_note(*r);
      }
    }
  }
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour(theme::kMuted));
  ImGui::TextWrapped("%s", notes.empty() ? "No published reference matches these figures."
                                         : ("References (other populations and devices: a "
                                            "guide, not a norm): " +
                                            notes)
                                               .c_str());
  ImGui::PopStyleColor();
  ImGui::Separator();
  ImGui::TextUnformatted("Trials");
  for (const StepResult& r : m.results()) {
    const bool valid =
        r.trial->analysis && r.trial->analysis->verdict.valid && !r.trial->interrupted;
    const bool unverified =
        r.trial->analysis && r.trial->analysis->verdict.count(FindingKind::kPlateNotVerified) > 0;
    ImGui::TextColored(theme::colour(!valid       ? theme::kBad
                                     : unverified ? theme::kCaution
                                                  : theme::kGood),
                       "%s %s%s%s", valid ? "valid  " : "INVALID", trial_title(r.step).c_str(),
                       r.superseded ? "  (redone)" : "", unverified ? "  plate not verified" : "");
  }
}

}  // namespace stance::app
