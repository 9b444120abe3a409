// The device view: the plate in use, its calibration and its live health.
#include <imgui.h>

#include "app/theme.hpp"
#include "app/views.hpp"

namespace stance::app {

void draw_device_view(ViewContext& v) {
  const live::LiveSnapshot& s = v.live;
  ImGui::PushFont(v.fonts.large);
  ImGui::TextColored(theme::colour(s.connected ? theme::kGood : theme::kBad), "%s",
                     s.connected ? "Plate streaming" : "Plate not connected");
  ImGui::PopFont();
  if (!s.device_error.empty()) ImGui::TextWrapped("%s", s.device_error.c_str());
  ImGui::Text("Plate: %s %s, serial %s, firmware %d.%d", s.plate.manufacturer.c_str(),
              s.plate.product.c_str(), s.plate.serial.c_str(), s.plate.firmware_version >> 8,
              s.plate.firmware_version & 0xFF);
  ImGui::Text("Layout: %s, %.0f x %.0f mm, capacity %.0f N, rate %.0f Hz",
              s.plate.layout == PlateLayout::kFourCell ? "4 load cells" : "6-component",
              1000.0 * s.plate.width_m, 1000.0 * s.plate.length_m, s.plate.capacity_n, s.rate_hz);
  ImGui::Text("Calibration: %s", s.calibration.c_str());
  ImGui::TextWrapped(
      "Tare and the known-mass check: stance calibrate tare|check|gains --device ... "
      "(docs/calibration.md).");
  ImGui::Separator();
  const StreamCounters& c = s.health.stream;
  if (ImGui::BeginTable("##health", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg, {520, 0})) {
    const auto row = [](const char* label, const std::string& value) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(label);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(value.c_str());
    };
    row("Frames received", std::to_string(c.frames_received));
    row("Frames lost", std::to_string(c.frames_lost));
    row("CRC errors", std::to_string(c.crc_errors));
    row("Resynchronisations", std::to_string(c.resyncs));
    row("Device resets", std::to_string(c.device_resets));
    row("Overload frames", std::to_string(s.health.overload_frames));
    row("ADC-error frames", std::to_string(s.health.adc_error_frames));
    row("Transfer errors", std::to_string(s.health.transfer_errors));
    char latency[32];
    std::snprintf(latency, sizeof latency, "%.1f ms", s.health.mean_latency_ms);
    row("Mean latency (sample to host)", latency);
    std::snprintf(latency, sizeof latency, "%.1f ms (max %.1f ms)", s.frame_to_snapshot_mean_ms,
                  s.frame_to_snapshot_max_ms);
    row("Arrival to screen data (processing)", latency);
    ImGui::EndTable();
  }
}

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
