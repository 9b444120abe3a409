// The set-up view: who is tested (searched for among the clinic's patients, edited, or added),
// which side hurts, which protocol (the store's, and the clinic's own added here).
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/theme.hpp"
#include "app/views.hpp"

namespace stance::app {
namespace {

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
  draw_patient_chooser(v);
  const PatientRow* known = v.clinic.find_patient(m.patient_code);
  ImGui::TextUnformatted("Involved (painful) side in this session:");
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
  draw_protocol_editor(v);
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
  // Never greyed out: without a patient it says what to do (request_begin's message).
  if (ImGui::Button("Begin session"))
    (void)m.request_begin();  // asks first on a plate not verified
  ImGui::PopFont();
  if (!m.message().empty()) ImGui::TextWrapped("%s", m.message().c_str());
}

}  // namespace stance::app
