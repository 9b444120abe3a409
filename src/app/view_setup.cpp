// The set-up view: who is tested, which side hurts, which protocol.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/theme.hpp"
#include "app/views.hpp"

namespace stance::app {

void draw_setup_view(ViewContext& v) {
  SessionModel& m = v.session;
  ImGui::PushFont(v.fonts.large);
  ImGui::TextUnformatted("New session");
  ImGui::PopFont();
  ImGui::Separator();
  ImGui::SetNextItemWidth(320);
  ImGui::InputText("Patient code (pseudonym)", &m.patient_code);
  ImGui::TextUnformatted("Involved (painful) side:");
  ImGui::SameLine();
  if (ImGui::RadioButton("Left", m.involved == Limb::kLeft)) m.involved = Limb::kLeft;
  ImGui::SameLine();
  if (ImGui::RadioButton("Right", m.involved == Limb::kRight)) m.involved = Limb::kRight;
  ImGui::SameLine();
  if (ImGui::RadioButton("Not known", m.involved == Limb::kUnspecified)) {
    m.involved = Limb::kUnspecified;
  }
  ImGui::Spacing();
  ImGui::TextUnformatted("Protocol:");
  for (std::size_t i = 0; i < m.protocols.size(); ++i) {
    if (ImGui::Selectable(m.protocols[i].name.c_str(), m.protocol_index == static_cast<int>(i))) {
      m.protocol_index = static_cast<int>(i);
    }
  }
  ImGui::TextWrapped("Say to the patient: %s", m.protocol().instructions.c_str());
  ImGui::Checkbox("Start each trial automatically once the patient stands still", &m.auto_start);
  ImGui::Spacing();
  ImGui::PushFont(v.fonts.large);
  const bool ready = !m.patient_code.empty();
  if (!ready) ImGui::BeginDisabled();
  if (ImGui::Button("Begin session")) (void)m.begin_session();
  if (!ready) ImGui::EndDisabled();
  ImGui::PopFont();
  if (!ready) ImGui::TextColored(theme::colour(theme::kBad), "Enter a patient code first.");
  if (!m.message().empty()) ImGui::TextWrapped("%s", m.message().c_str());
}

}  // namespace stance::app
