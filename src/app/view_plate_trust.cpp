// The plate's trust on every screen (docs/calibration.md, "Is the plate verified?"): a line over
// the tabs while its known-mass check failed, aged or was never made, and the question that
// "Begin session" asks first on a plate that needs its check.
#include <imgui.h>

#include <string>

#include "app/theme.hpp"
#include "app/views.hpp"

namespace stance::app {

namespace {

// Wrapped, so a long reason is never cut at the window's edge.
void coloured_line(ImU32 colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour(colour));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

}  // namespace

void draw_plate_trust(ViewContext& v, bool verified_too) {
  const PlateVerification p = v.session.plate_trust();
  switch (p.state) {
    case PlateTrust::kCheckFailed:
    case PlateTrust::kCheckTooOld:
      coloured_line(theme::kBad, "Plate not verified: " + p.reason +
                                     ". Run the known-mass check in Device; trials recorded on "
                                     "it are marked \"plate not verified\".");
      break;
    case PlateTrust::kNeverChecked:
      coloured_line(theme::kCaution,
                    "Plate not checked: " + p.reason + ". Run the known-mass check in Device.");
      break;
    case PlateTrust::kVerified:
      if (verified_too) {
        coloured_line(theme::kGood, "Plate verified: " + p.reason + "; a check is good for " +
                                        std::to_string(v.session.mass_check_interval_days) +
                                        " days.");
      }
      break;
  }
}

void draw_plate_question(ViewContext& v) {
  SessionModel& m = v.session;
  constexpr const char* kTitle = "Plate not verified";
  if (m.asking_plate_check() && !ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
  if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  if (!m.asking_plate_check()) {  // answered elsewhere (a script)
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
  ImGui::TextColored(theme::colour(theme::kBad), "The plate is not verified: %s.",
                     m.plate_trust().reason.c_str());
  ImGui::TextWrapped(
      "Its forces may be wrong. Run the known-mass check first; if you record anyway, every "
      "trial of this session and its sheet say \"plate not verified\".");
  ImGui::PopTextWrapPos();
  ImGui::PushFont(v.fonts.large);
  if (ImGui::Button("Run the known-mass check")) {
    m.run_plate_check();
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Record anyway")) {
    (void)m.record_anyway();
    ImGui::CloseCurrentPopup();
  }
  ImGui::PopFont();
  ImGui::EndPopup();
}

}  // namespace stance::app
