// The device view: the plates found, the plate in use, its calibration (with the guided tare and
// known-mass check) and its live health.
#include <imgui.h>

#include <string>
#include <vector>

#include "app/theme.hpp"
#include "app/views.hpp"
#include "camera/camera_list.hpp"
#include "camera/open_camera.hpp"
#include "core/units.hpp"

namespace stance::app {
namespace {

// Step by step, as a clinician does it before the first patient of the day.
void draw_mass_check(ViewContext& v) {
  MassCheck& c = v.mass_check;
  using Stage = MassCheck::Stage;
  ImGui::PushFont(v.fonts.large);
  ImGui::TextUnformatted("Tare and known-mass check");
  ImGui::PopFont();
  const bool busy = c.busy();
  if (busy) ImGui::BeginDisabled();
  ImGui::TextColored(theme::colour(c.stage() <= Stage::kTaring ? theme::kText : theme::kMuted),
                     "1. Clear the plate: nothing and nobody on it or touching it. Then:");
  ImGui::SameLine();
  if (ImGui::Button("Tare")) c.start_tare(v.source);
  if (c.stage() == Stage::kTare) {
    ImGui::SameLine();
    if (ImGui::Button("Skip (keep the zero in use)")) c.skip_tare();
  }
  ImGui::TextColored(theme::colour(c.stage() >= Stage::kPlaceMass ? theme::kText : theme::kMuted),
                     "2. Place a known mass (a calibrated weight, e.g. 20 kg) and step back.");
  ImGui::SetNextItemWidth(140);
  ImGui::InputDouble("kg", &c.mass_kg, 0.5, 5.0, "%.2f");
  ImGui::SameLine();
  ImGui::Checkbox("on a marked spot at", &c.position_known);
  if (c.position_known) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    ImGui::InputDouble("x (mm, right +)", &c.at_x_mm, 10, 50, "%.0f");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    ImGui::InputDouble("y (mm, forward +)", &c.at_y_mm, 10, 50, "%.0f");
  }
  const bool can_check = c.stage() >= Stage::kPlaceMass && c.mass_kg >= 0.5;
  if (!can_check) ImGui::BeginDisabled();
  if (ImGui::Button("Check with the mass")) c.start_check(v.source);
  if (!can_check) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Start again")) c.restart();
  if (busy) ImGui::EndDisabled();
  if (!c.message().empty()) {
    const ImU32 colour = c.failed() ? theme::kBad : busy ? theme::kCaution : theme::kGood;
    ImGui::TextColored(theme::colour(colour), "%s", c.message().c_str());
  }
  if (const auto& k = c.check(); k && c.stage() == Stage::kDone) {
    ImGui::Text("Expected %.1f N, measured %.1f N: error %+.1f N (%+.2f %%)", k->expected_fz_n,
                k->measured_fz_n, k->fz_error_n, k->fz_error_percent);
    if (k->position_known) {
      ImGui::Text("COP off by %.1f mm ML, %.1f mm AP (%.1f mm)", k->cop_error_ml_mm,
                  k->cop_error_ap_mm, k->cop_error_mm);
    }
    if (!k->passed) {
      ImGui::TextWrapped(
          "What to do: check that the mass rests fully on the plate and nothing else touches "
          "it, tare again and repeat. If it fails again, correct the cell gains (stance "
          "calibrate gains, docs/calibration.md) or have the plate serviced; until then its "
          "figures are not trustworthy.");
    }
  }
  ImGui::TextColored(theme::colour(theme::kMuted),
                     "Tolerances: force within 1%% of the weight or 5 N, COP within 5 mm "
                     "(docs/calibration.md). Saved per plate serial; every later trial uses it.");
}

// The plates the drivers see; "Use" switches the live plate (not during a session).
void draw_plate_list(ViewContext& v) {
  PlateSearch& search = v.plates;
  ImGui::TextUnformatted("Plates found:");
  ImGui::SameLine();
  if (search.busy()) {
    ImGui::TextColored(theme::colour(theme::kMuted), "searching...");
  } else if (ImGui::SmallButton("Search again")) {
    search.start(v.source.drivers());
  }
  const bool in_session = v.session.active() && !v.session.finished();
  if (ImGui::BeginTable("##plates", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("Address (--device)", ImGuiTableColumnFlags_WidthFixed, 220);
    ImGui::TableSetupColumn("Plate");
    ImGui::TableSetupColumn("Rate", ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 70);
    ImGui::TableHeadersRow();
    for (const PlateListing& p : search.found().plates) {
      ImGui::PushID(p.address.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.address.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%s, serial %s, %s", p.description.c_str(), p.serial.c_str(),
                  p.layout == PlateLayout::kFourCell ? "4 load cells" : "6-component");
      ImGui::TableNextColumn();
      ImGui::Text("%u Hz", static_cast<unsigned>(p.rate_hz));
      ImGui::TableNextColumn();
      // By its serial and layout, since an address may carry options (e.g. sim:speed=8).
      const bool current =
          v.source.address() == p.address ||
          (v.live.connected && v.live.plate.serial == p.serial && v.live.plate.layout == p.layout);
      if (current) {
        ImGui::TextColored(theme::colour(theme::kGood), "in use");
      } else {
        if (in_session) ImGui::BeginDisabled();
        if (ImGui::SmallButton("Use")) {
          v.source.use(p.address);
          (void)v.source.idle();  // an error shows above
        }
        if (in_session) ImGui::EndDisabled();
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  for (const std::string& problem : search.found().problems) {
    ImGui::TextColored(theme::colour(theme::kCaution), "%s", problem.c_str());
  }
  if (in_session) {
    ImGui::TextColored(theme::colour(theme::kMuted),
                       "Another plate can be chosen when the session is finished.");
  }
}

// The cameras this machine has, looked for when the view is first shown and on request (sysfs
// only: no camera is opened to list it). UI-thread state.
std::vector<std::string> camera_choices(bool search_again) {
  static std::vector<std::string> choices;
  if (choices.empty() || search_again) {
    choices = {"auto", "none", camera::kSimCameraScheme};
    for (const camera::CameraListing& c : camera::list_cameras()) {
      if (c.can_capture) choices.push_back(c.address);
    }
  }
  return choices;
}

const char* camera_choice_label(const std::string& address) {
  if (address == "auto") return "auto: the simulated camera beside the simulated plate";
  if (address == "none" || address.empty()) return "none: the plate alone";
  if (address == camera::kSimCameraScheme) return "sim-camera: the simulated person";
  return address.c_str();
}

// Which camera, its picture with the markers, how to set it up, and a click to teach a
// marker's colour.
void draw_camera_setup(ViewContext& v) {
  static int teach = -1;  // the marker whose colour the next click on the picture teaches
  static std::string taught;
  ImGui::PushFont(v.fonts.large);
  ImGui::TextUnformatted("Camera (the knee's markers)");
  ImGui::PopFont();
  const bool in_session = v.session.active() && !v.session.finished();
  if (in_session) ImGui::BeginDisabled();
  ImGui::SetNextItemWidth(420);
  const std::string current = v.source.camera_address();
  if (ImGui::BeginCombo("##camera", camera_choice_label(current))) {
    for (const std::string& choice : camera_choices(false)) {
      if (ImGui::Selectable(camera_choice_label(choice), choice == current)) {
        v.source.use_camera(choice);
        (void)v.source.idle();  // an error shows below
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Search cameras")) (void)camera_choices(true);
  if (in_session) ImGui::EndDisabled();
  if (!v.source.camera_error().empty()) {
    ImGui::TextColored(theme::colour(theme::kBad), "%s", v.source.camera_error().c_str());
  }
  // Between trials the angle is shown for the patient's painful side (its sign is the limb's).
  if (v.source.camera() != nullptr && v.session.step() == nullptr) {
    v.source.camera()->set_limb(v.session.involved);
  }
  const auto cam = shown_camera(v);
  if (!cam) return;
  ImGui::BeginGroup();
  const ImVec2 picture_at = ImGui::GetCursorScreenPos();
  constexpr float kWidth = 400.0f;
  draw_camera_picture(v, *cam, kWidth);
  ImGui::EndGroup();
  if (teach >= 0 && cam->picture && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    const ImVec2 m = ImGui::GetMousePos();
    const float scale = kWidth / static_cast<float>(cam->picture->width_px);
    const int x = static_cast<int>((m.x - picture_at.x) / scale);
    const int y = static_cast<int>((m.y - picture_at.y) / scale);
    if (x >= 0 && y >= 0 && x < cam->picture->width_px && y < cam->picture->height_px &&
        v.source.camera() != nullptr) {
      const auto marker = static_cast<knee::Marker>(teach);
      const Status learnt = v.source.camera()->learn_colour(marker, x, y);
      taught = learnt ? std::string("Learnt the ") + knee::to_string(marker) + " marker's colour."
                      : learnt.error().message;
      teach = -1;
    }
  }
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextWrapped(
      "Set-up: the camera at knee height, 2-3 m in front of the patient, the foot of the tested "
      "leg pointing at the camera. Markers on the skin: magenta on the front of the hip bone "
      "(ASIS), green on the middle of the kneecap, blue between the ankle bones.");
  draw_camera_advice(*cam);
  ImGui::TextWrapped("Teach a marker's colour: choose it, then click it on the picture.");
  for (knee::Marker m : knee::kMarkers) {
    if (m != knee::kMarkers[0]) ImGui::SameLine();
    const int i = static_cast<int>(knee::index_of(m));
    if (ImGui::RadioButton(knee::to_string(m), teach == i)) teach = i;
  }
  if (!taught.empty()) ImGui::TextWrapped("%s", taught.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour(theme::kMuted));
  ImGui::TextWrapped(
      "Frame to screen: %.1f ms mean, %.1f ms max (tracking and conversion; the screen adds up "
      "to one display frame)",
      cam->capture_to_view_mean_ms, cam->capture_to_view_max_ms);
  ImGui::PopStyleColor();
  ImGui::EndGroup();
}

}  // namespace

void draw_device_view(ViewContext& v) {
  const live::LiveSnapshot& s = v.live;
  ImGui::PushFont(v.fonts.large);
  const bool paused = v.mass_check.busy();  // the calibration step has the plate
  const bool streaming = s.connected && v.source.current() != nullptr;
  ImGui::TextColored(theme::colour(paused      ? theme::kCaution
                                   : streaming ? theme::kGood
                                               : theme::kBad),
                     "%s",
                     paused      ? "Plate in use by the calibration step"
                     : streaming ? "Plate streaming"
                                 : "Plate not connected");
  ImGui::PopFont();
  if (!s.device_error.empty()) ImGui::TextWrapped("%s", s.device_error.c_str());
  draw_plate_list(v);
  ImGui::Separator();
  draw_camera_setup(v);
  ImGui::Separator();
  if (!streaming) {             // no snapshot of a plate: nothing true to show about it
    draw_plate_trust(v, true);  // its last check is known from its saved adjustment
    draw_mass_check(v);
    return;
  }
  ImGui::Text("Plate: %s %s, serial %s, firmware %d.%d", s.plate.manufacturer.c_str(),
              s.plate.product.c_str(), s.plate.serial.c_str(), s.plate.firmware_version >> 8,
              s.plate.firmware_version & 0xFF);
  ImGui::Text("Layout: %s, %.0f x %.0f mm, capacity %.0f N, rate %.0f Hz",
              s.plate.layout == PlateLayout::kFourCell ? "4 load cells" : "6-component",
              mm_from_m(s.plate.width_m), mm_from_m(s.plate.length_m), s.plate.capacity_n,
              s.rate_hz);
  ImGui::Text("Calibration: %s", s.calibration.c_str());
  draw_plate_trust(v, true);
  ImGui::Separator();
  draw_mass_check(v);
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

}  // namespace stance::app
