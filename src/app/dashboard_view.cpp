// The dashboard's one registry of views: the header with the tabs, and the chosen view.
#include "app/views.hpp"

namespace stance::app {

void draw_dashboard(ViewContext& v) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("Stance", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  SessionModel& m = v.session;
  struct Tab {
    const char* name;
    Screen screen;
    void (*draw)(ViewContext&);
  };
  static constexpr Tab kTabs[] = {{"Setup", Screen::kSetup, draw_setup_view},
                                  {"Test", Screen::kTest, draw_test_view},
                                  {"Results", Screen::kResults, draw_results_view},
                                  {"History", Screen::kHistory, draw_history_view},
                                  {"Device", Screen::kDevice, draw_device_view}};
  // Every screen says when the plate is not verified; the device view says it in place.
  if (m.screen != Screen::kDevice) draw_plate_trust(v, false);
  draw_plate_question(v);
  Screen& shown = v.shown_tab;
  const bool switch_tab = shown != m.screen;
  if (ImGui::BeginTabBar("##screens")) {
    for (const Tab& t : kTabs) {
      const ImGuiTabItemFlags flags =
          switch_tab && m.screen == t.screen ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(t.name, nullptr, flags)) {
        if (!switch_tab) m.screen = t.screen;  // the user clicked this tab
        shown = t.screen;
        t.draw(v);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace stance::app
