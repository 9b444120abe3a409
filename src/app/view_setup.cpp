// The set-up view: who is tested (chosen from the clinic's patients or new), which side hurts,
// which protocol.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

#include "app/theme.hpp"
#include "app/views.hpp"

namespace stance::app {
namespace {

bool contains_ignoring_case(const std::string& text, const std::string& part) {
  const auto lower = [](unsigned char c) { return std::tolower(c); };
  return std::search(text.begin(), text.end(), part.begin(), part.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

// The clinic's patients, filtered by what is typed in the code box; a click chooses one.
void draw_patient_list(ViewContext& v) {
  SessionModel& m = v.session;
  ClinicModel& c = v.clinic;
  if (!c.has_store()) {
    ImGui::TextColored(theme::colour(theme::kMuted),
                       "Trials are saved as files: no patient list (docs/dashboard.md).");
    return;
  }
  std::vector<const PatientRow*> shown;
  for (const PatientRow& row : c.patients()) {
    if (m.patient_code.empty() || contains_ignoring_case(row.patient.code, m.patient_code) ||
        contains_ignoring_case(row.patient.name, m.patient_code)) {
      shown.push_back(&row);
    }
  }
  if (c.patients().empty() && !c.loading()) {
    ImGui::TextColored(theme::colour(theme::kMuted), "No patients in %s yet.",
                       c.store_path().c_str());
  }
  if (shown.empty()) return;  // a new code: the new-patient fields follow
  // As tall as its rows, up to ten; it scrolls beyond.
  const float row_height = ImGui::GetTextLineHeightWithSpacing() + 2.0f;
  const float height = row_height * static_cast<float>(std::min<std::size_t>(shown.size(), 10) + 1);
  if (ImGui::BeginTable("##patients", 4,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                        {0, height})) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Code");
    ImGui::TableSetupColumn("Name");
    ImGui::TableSetupColumn("Involved side");
    ImGui::TableSetupColumn("Visits (last)");
    ImGui::TableHeadersRow();
    for (const PatientRow* shown_row : shown) {
      const PatientRow& row = *shown_row;
      const store::Patient& p = row.patient;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(p.code.c_str(), m.patient_code == p.code,
                            ImGuiSelectableFlags_SpanAllColumns)) {
        choose_patient(v.session, v.clinic, row);
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(to_string(p.involved_side));
      ImGui::TableNextColumn();
      ImGui::Text("%d (%s)", row.visits,
                  row.last_visit_utc.empty() ? "-" : row.last_visit_utc.substr(0, 10).c_str());
    }
    ImGui::EndTable();
  }
}

// A code not in the store makes a new patient: its optional name and birth year, checked here
// so a typing slip cannot stop the session from being saved. Returns what is wrong, if anything.
std::string draw_new_patient(ViewContext& v, const PatientRow* known) {
  SessionModel& m = v.session;
  if (m.patient_code.empty() || known != nullptr || !v.clinic.has_store()) return {};
  ImGui::TextColored(theme::colour(theme::kCaution),
                     "New patient %s: created with this code, side, name and birth year when the "
                     "first trial is saved (more: stance patient edit).",
                     m.patient_code.c_str());
  ImGui::SetNextItemWidth(320);
  ImGui::InputText("Name (optional; the sheets can leave it out)", &m.new_patient_name);
  ImGui::SetNextItemWidth(160);
  ImGui::InputInt("Birth year (optional, 0: not given)", &m.new_patient_birth_year, 0);
  store::Patient p;
  p.code = m.patient_code;
  p.name = m.new_patient_name;
  if (m.new_patient_birth_year != 0) p.birth_year = m.new_patient_birth_year;
  const Status valid = store::validate_patient(p);
  if (valid) return {};
  ImGui::TextColored(theme::colour(theme::kBad), "%s", valid.error().message.c_str());
  return valid.error().message;
}

// Video keeping, when the clinic keeps videos and a camera films: the patient's consent, recorded
// with the session (docs/store.md, "Videos"). Without it nothing but the markers is kept.
void draw_video_consent(ViewContext& v, const PatientRow* known) {
  SessionModel& m = v.session;
  if (!v.clinic.video_keeping() || v.source.camera() == nullptr) {
    m.keep_video = false;
    return;
  }
  if (known != nullptr && known->video_consent_utc) {
    m.keep_video = true;
    ImGui::TextColored(theme::colour(theme::kMuted),
                       "Video: consent recorded %s; the trials' videos are kept (withdraw: "
                       "stance patient edit %s --video-consent no).",
                       known->video_consent_utc->substr(0, 10).c_str(),
                       known->patient.code.c_str());
    return;
  }
  ImGui::Checkbox("The patient consents to keeping the videos of their trials", &m.keep_video);
}

}  // namespace

void draw_setup_view(ViewContext& v) {
  SessionModel& m = v.session;
  ImGui::PushFont(v.fonts.large);
  ImGui::TextUnformatted("New session");
  ImGui::PopFont();
  ImGui::Separator();
  ImGui::SetNextItemWidth(320);
  ImGui::InputText("Patient code (pseudonym): type to search or to create", &m.patient_code);
  draw_patient_list(v);
  const PatientRow* known = v.clinic.find_patient(m.patient_code);
  const std::string new_patient_problem = draw_new_patient(v, known);
  ImGui::TextUnformatted("Involved (painful) side:");
  ImGui::SameLine();
  if (ImGui::RadioButton("Left", m.involved == Limb::kLeft)) m.involved = Limb::kLeft;
  ImGui::SameLine();
  if (ImGui::RadioButton("Right", m.involved == Limb::kRight)) m.involved = Limb::kRight;
  ImGui::SameLine();
  if (ImGui::RadioButton("Not known", m.involved == Limb::kUnspecified)) {
    m.involved = Limb::kUnspecified;
  }
  if (known != nullptr && known->patient.involved_side != Limb::kUnspecified &&
      known->patient.involved_side != m.involved) {
    ImGui::TextColored(theme::colour(theme::kCaution),
                       "The patient's record says the %s side is involved.",
                       to_string(known->patient.involved_side));
  }
  ImGui::Spacing();
  ImGui::TextUnformatted("Protocol:");
  for (std::size_t i = 0; i < m.protocols.size(); ++i) {
    if (ImGui::Selectable(protocol_title(m.protocols[i]).c_str(),
                          m.protocol_index == static_cast<int>(i))) {
      m.protocol_index = static_cast<int>(i);
    }
  }
  ImGui::TextWrapped("Say to the patient: %s", patient_instructions(m.protocol()).c_str());
  ImGui::Checkbox("Start each trial automatically once the patient stands still", &m.auto_start);
  ImGui::SetNextItemWidth(320);
  ImGui::InputText("Clinician (on the session and its test sheet)", &m.clinician);
  if (ImGui::CollapsingHeader("Clinic: the test sheets' header and paper, video keeping")) {
    ClinicModel::SheetLook& look = v.clinic.sheet;
    ImGui::SetNextItemWidth(320);
    ImGui::InputText("Clinic name", &look.clinic);
    ImGui::SetNextItemWidth(320);
    ImGui::InputText("Logo (a PNG file, optional)", &look.logo);
    if (ImGui::RadioButton("A4", !look.letter)) look.letter = false;
    ImGui::SameLine();
    if (ImGui::RadioButton("US Letter", look.letter)) look.letter = true;
    bool keeping = v.clinic.video_keeping();
    if (v.clinic.has_store() &&
        ImGui::Checkbox("Keep the trial videos of patients who consent (beside the store, "
                        "owner-only, deleted with the patient)",
                        &keeping)) {
      v.clinic.set_video_keeping(keeping);
    }
  }
  draw_video_consent(v, known);
  ImGui::Spacing();
  ImGui::PushFont(v.fonts.large);
  const bool ready = !m.patient_code.empty() && new_patient_problem.empty();
  if (!ready) ImGui::BeginDisabled();
  if (ImGui::Button("Begin session"))
    (void)m.request_begin();  // asks first on a plate not verified
  if (!ready) ImGui::EndDisabled();
  ImGui::PopFont();
  if (!ready) ImGui::TextColored(theme::colour(theme::kBad), "Enter a patient code first.");
  if (!m.message().empty()) ImGui::TextWrapped("%s", m.message().c_str());
}

}  // namespace stance::app
