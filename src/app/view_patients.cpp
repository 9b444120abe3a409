// The set-up view's patient part: one search box over the clinic's patients (code or name), the
// list of matches, the chosen patient, and the form that edits a patient's record or adds a new
// one ("New patient…"), saved through the store worker with the store's checks.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "app/patient_search.hpp"
#include "app/theme.hpp"
#include "app/views.hpp"
#include "support/format.hpp"

namespace stance::app {
namespace {

std::string last_visit_text(const PatientRow& row) {
  if (row.last_visit_utc.empty()) return "-";
  return readable_local(row.last_visit_utc).substr(0, 10);  // the date where the clinic is
}

void draw_matches(ViewContext& v, const std::vector<const PatientRow*>& shown) {
  // As tall as its rows; beyond eight it scrolls.
  const bool scrolls = shown.size() > 8;
  const float height = scrolls ? (ImGui::GetTextLineHeightWithSpacing() + 2.0f) * 9.0f : 0.0f;
  ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (scrolls) flags |= ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("##patients", 6, flags, {0, height})) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Code", ImGuiTableColumnFlags_None, 1.2f);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_None, 2.0f);
  ImGui::TableSetupColumn("Born", ImGuiTableColumnFlags_None, 0.6f);
  ImGui::TableSetupColumn("Involved", ImGuiTableColumnFlags_None, 0.8f);
  ImGui::TableSetupColumn("Visits", ImGuiTableColumnFlags_None, 0.5f);
  ImGui::TableSetupColumn("Last visit", ImGuiTableColumnFlags_None, 1.0f);
  ImGui::TableHeadersRow();
  for (const PatientRow* row : shown) {
    const store::Patient& p = row->patient;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(p.code.c_str(), v.session.patient_code == p.code,
                          ImGuiSelectableFlags_SpanAllColumns)) {
      choose_patient(v.session, v.clinic, *row);
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.birth_year ? std::to_string(*p.birth_year).c_str() : "-");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.involved_side == Limb::kUnspecified ? "-"
                                                                 : to_string(p.involved_side));
    ImGui::TableNextColumn();
    ImGui::Text("%d", row->visits);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(last_visit_text(*row).c_str());
  }
  ImGui::EndTable();
}

// The chosen patient in one line, or what to do when there is none.
void draw_chosen(ViewContext& v, const PatientRow* known) {
  const std::string& code = v.session.patient_code;
  if (code.empty()) {
    ImGui::TextColored(theme::colour(theme::kCaution),
                       "No patient chosen: search and click one in the list, or \"New patient…\".");
    return;
  }
  if (known == nullptr) {
    ImGui::Text("Patient %s: not in the store yet; added when the first trial is saved.",
                code.c_str());
    return;
  }
  const store::Patient& p = known->patient;
  std::string line = "Patient " + p.code;
  if (!p.name.empty()) line += ", " + p.name;
  if (p.birth_year) line += ", born " + std::to_string(*p.birth_year);
  if (p.sex != store::Sex::kUnspecified) line += std::string(", ") + store::to_string(p.sex);
  if (p.mass_kg) line += ", " + fixed(*p.mass_kg, 1) + " kg";
  if (p.height_cm) line += ", " + fixed(*p.height_cm, 1) + " cm";
  if (p.involved_side != Limb::kUnspecified) {
    line += std::string(", involved ") + to_string(p.involved_side);
  }
  ImGui::TextUnformatted(line.c_str());
  PatientForm& form = v.clinic.patient_form;
  if (!form.editing) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Edit patient")) {
      form.load(p);
      form.editing = true;
      form.outcome.clear();
    }
  }
}

template <typename T>
void radio(const char* label, T& value, T choice) {
  if (ImGui::RadioButton(label, value == choice)) value = choice;
}

void draw_form(ViewContext& v) {
  PatientForm& f = v.clinic.patient_form;
  if (!f.editing) return;
  ImGui::PushID("patient_form");
  ImGui::Indent();
  if (f.is_new()) {
    ImGui::TextUnformatted("New patient:");
    ImGui::SetNextItemWidth(220);
    ImGui::InputText("Code (a pseudonym: letters, digits, - _ .)", &f.patient.code);
  } else {
    ImGui::Text("Editing patient %s:", f.patient.code.c_str());
  }
  ImGui::SetNextItemWidth(320);
  ImGui::InputText("Name (optional; the sheets can leave it out)", &f.patient.name);
  ImGui::SetNextItemWidth(120);
  ImGui::InputInt("Birth year (0: not given)", &f.birth_year, 0);
  ImGui::TextUnformatted("Sex:");
  ImGui::SameLine();
  radio("Not given", f.patient.sex, store::Sex::kUnspecified);
  ImGui::SameLine();
  radio("Female", f.patient.sex, store::Sex::kFemale);
  ImGui::SameLine();
  radio("Male", f.patient.sex, store::Sex::kMale);
  ImGui::SameLine();
  radio("Other", f.patient.sex, store::Sex::kOther);
  ImGui::SetNextItemWidth(120);
  ImGui::InputDouble("Mass (kg, 0: not given)", &f.mass_kg, 0.0, 0.0, "%.1f");
  ImGui::SetNextItemWidth(120);
  ImGui::InputDouble("Height (cm, 0: not given)", &f.height_cm, 0.0, 0.0, "%.1f");
  ImGui::TextUnformatted("Involved (painful) side:");
  ImGui::SameLine();
  radio("Left", f.patient.involved_side, Limb::kLeft);
  ImGui::SameLine();
  radio("Right", f.patient.involved_side, Limb::kRight);
  ImGui::SameLine();
  radio("Not known", f.patient.involved_side, Limb::kUnspecified);
  ImGui::SetNextItemWidth(420);
  ImGui::InputTextMultiline("Notes", &f.patient.notes, {420, 44});
  if (f.saving) ImGui::BeginDisabled();
  if (ImGui::Button(f.is_new() ? "Add patient" : "Save patient")) {
    save_patient_form(v.session, v.clinic);
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) {
    f.editing = false;
    f.outcome.clear();
  }
  if (f.saving) ImGui::EndDisabled();
  ImGui::Unindent();
  ImGui::PopID();
}

}  // namespace

void draw_patient_chooser(ViewContext& v) {
  SessionModel& m = v.session;
  ClinicModel& c = v.clinic;
  if (!c.has_store()) {  // trials saved as files: the code is all there is
    ImGui::SetNextItemWidth(320);
    ImGui::InputText("Patient code (pseudonym)", &m.patient_code);
    ImGui::TextColored(theme::colour(theme::kMuted),
                       "Trials are saved as files: no patient list (docs/dashboard.md).");
    return;
  }
  ImGui::SetNextItemWidth(320);
  ImGui::InputTextWithHint("##search", "Search patients by name or code", &c.search);
  ImGui::SameLine();
  if (ImGui::Button("New patient…")) start_new_patient(c, c.search);
  const std::vector<const PatientRow*> shown = search_patients(c.patients(), c.search);
  if (c.patients().empty() && !c.loading()) {
    ImGui::TextColored(theme::colour(theme::kMuted), "No patients in %s yet: \"New patient…\".",
                       c.store_path().c_str());
  } else if (shown.empty() && !c.loading()) {
    ImGui::TextColored(theme::colour(theme::kMuted),
                       "No patient's code or name holds \"%s\"; \"New patient…\" adds one.",
                       c.search.c_str());
  }
  if (!shown.empty()) draw_matches(v, shown);
  draw_chosen(v, c.find_patient(m.patient_code));
  draw_form(v);
  const PatientForm& f = c.patient_form;
  if (!f.outcome.empty()) {
    ImGui::TextColored(theme::colour(f.failed ? theme::kBad : theme::kGood), "%s",
                       f.outcome.c_str());
  }
}

}  // namespace stance::app
