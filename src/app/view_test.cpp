// The test view: the live plate during one protocol step, its state at a glance, and the result
// and verdict as soon as the trial ends, with redo and next.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "app/plot.hpp"
#include "app/theme.hpp"
#include "app/views.hpp"
#include "core/units.hpp"

namespace stance::app {
namespace {

struct Banner {
  std::string text;
  ImU32 colour;
};

Banner state_banner(const live::LiveSnapshot& s) {
  char text[96];
  if (!s.connected) return {"PLATE NOT CONNECTED", theme::kBad};
  switch (s.state) {
    case live::FlowState::kWaitingForPatient:
      return {"Waiting for the patient to step on", theme::kMuted};
    case live::FlowState::kSettling:
      std::snprintf(text, sizeof text, "Hold still... %.0f%%", 100.0 * s.settle_progress);
      return {text, theme::kCaution};
    case live::FlowState::kRecording:
      if (s.plan.task == Task::kSingleLegSquat) {
        std::snprintf(text, sizeof text, "RECORDING  %zu of %d squats  %.0f s", s.reps.size(),
                      s.plan.squats_asked(), s.recorded_s);
      } else {
        std::snprintf(text, sizeof text, "RECORDING  %.0f s left", s.remaining_s);
      }
      return {text, theme::kGood};
    case live::FlowState::kDone:
      return {"Done", theme::kAccent};
    case live::FlowState::kInterrupted:
      return {"Interrupted: the recording was kept", theme::kBad};
  }
  return {"", theme::kText};
}

void draw_live_figures(ViewContext& v, bool camera, float width) {
  const live::LiveSnapshot& s = v.live;
  ImGui::PushFont(v.fonts.large);
  if (s.plan.task == Task::kSingleLegSquat) {
    // While recording, the squats are found on the recording so far, whose end is no rest to
    // take the COM path's drift out: the figures may still change, and say so in grey. The
    // trial's one analysis at its end gives the final ones (docs/dashboard.md).
    const bool provisional = s.state == live::FlowState::kRecording;
    ImGui::Text("Repetitions: %zu of %d", s.reps.size(), s.plan.squats_asked());
    ImGui::PopFont();
    if (provisional) {
      ImGui::SameLine();
      ImGui::TextColored(theme::colour(theme::kMuted),
                         "  provisional while recording: final when the trial ends");
    }
    const ImU32 depth_colour = provisional ? theme::kMuted : theme::kAccent;
    const ImU32 steadiness_colour = provisional ? theme::kMuted : theme::kEllipse;
    const ImU32 fppa_colour = provisional ? theme::kMuted : theme::kFppa;
    std::vector<std::string> labels;
    std::vector<double> depth_cm, steadiness, fppa_deg;
    for (const live::LiveRep& r : s.reps) {
      labels.push_back(std::to_string(r.index));
      depth_cm.push_back(cm_from_m(r.depth_m));
      steadiness.push_back(r.steadiness_index);
      fppa_deg.push_back(r.peak_fppa_deg.value_or(std::numeric_limits<double>::quiet_NaN()));
    }
    const int charts = camera ? 3 : 2;
    const float w = width / static_cast<float>(charts) - 8.0f;
    const float h = camera ? 150.0f : 170.0f;
    ImGui::BeginGroup();
    ImGui::TextUnformatted("Depth (cm)");
    bar_chart("##depth", {w, h}, labels, depth_cm, 25.0, "", depth_colour);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted("ML steadiness (0-100)");
    bar_chart("##steadiness", {w, h}, labels, steadiness, 100.0, "", steadiness_colour);
    ImGui::EndGroup();
    if (camera) {
      ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::TextUnformatted("Peak FPPA (°, + valgus)");
      bar_chart("##fppa", {w, h}, labels, fppa_deg, 40.0, "", fppa_colour);
      ImGui::EndGroup();
    }
    return;
  }
  if (s.sway.defined) {
    ImGui::Text("Mean COP velocity %.1f mm/s", mm_from_m(s.sway.mean_velocity_m_s));
    ImGui::Text("95%% ellipse %.0f mm²", mm2_from_m2(s.sway.ellipse_area_m2));
    ImGui::Text("Range ML %.1f mm, AP %.1f mm", mm_from_m(s.sway.range_ml_m),
                mm_from_m(s.sway.range_ap_m));
  } else {
    ImGui::TextColored(theme::colour(theme::kMuted), "Sway figures appear while recording");
  }
  ImGui::PopFont();
}

void draw_warnings(ViewContext& v) {
  if (v.live.warnings.empty()) return;
  ImGui::PushFont(v.fonts.large);
  for (const live::LiveWarning& w : v.live.warnings) {
    ImGui::TextColored(theme::colour(theme::kBad), "! %s", w.text.c_str());
  }
  ImGui::PopFont();
}

void draw_result(ViewContext& v, const StepResult& r) {
  const live::CompletedTrial& t = *r.trial;
  ImGui::PushFont(v.fonts.large);
  if (!t.analysis) {
    ImGui::TextColored(theme::colour(theme::kBad), "No result: %s", t.analysis_error.c_str());
  } else if (t.analysis->verdict.valid && !t.interrupted) {
    if (t.analysis->verdict.count(FindingKind::kPlateNotVerified) > 0) {
      ImGui::TextColored(theme::colour(theme::kCaution), "Valid trial, plate not verified");
    } else {
      ImGui::TextColored(theme::colour(theme::kGood), "Valid trial");
    }
  } else {
    ImGui::TextColored(theme::colour(theme::kBad), "NOT VALID");
  }
  ImGui::PopFont();
  if (t.interrupted) ImGui::TextWrapped("Interrupted: %s", t.interruption.c_str());
  if (t.analysis) {
    for (const Finding& f : t.analysis->verdict.findings) {
      const ImU32 c = f.severity == Severity::kNote ? theme::kMuted : theme::kBad;
      ImGui::TextColored(theme::colour(c), "%.1f s: %s", f.start_s, f.detail.c_str());
    }
    draw_key_figures_table(*t.analysis);
  }
  if (r.saving) {
    ImGui::TextColored(theme::colour(theme::kCaution), "Saving...");
  } else if (!r.save_error.empty()) {
    ImGui::TextColored(theme::colour(theme::kBad), "NOT SAVED: %s", r.save_error.c_str());
  } else {
    ImGui::TextColored(theme::colour(theme::kMuted), "Saved to %s", r.saved_to.c_str());
  }
}

void draw_buttons(ViewContext& v) {
  SessionModel& m = v.session;
  ImGui::PushFont(v.fonts.large);
  const bool recording = v.live.state == live::FlowState::kRecording;
  const bool waiting = v.live.state == live::FlowState::kWaitingForPatient ||
                       v.live.state == live::FlowState::kSettling;
  if (waiting && ImGui::Button("Start now")) m.start_now();
  if (recording && ImGui::Button("Stop")) m.stop();
  if (m.current_result() != nullptr) {
    if (ImGui::Button("Redo")) (void)m.redo();
    ImGui::SameLine();
    if (ImGui::Button(m.step_index() + 1 < m.step_count() ? "Next trial" : "Finish")) {
      (void)m.next();
    }
  }
  ImGui::PopFont();
}

// The state banner, warnings, COP and force plots and live figures: the same for a trial
// being recorded and a stored one being replayed.
void draw_live_panel(ViewContext& v) {
  const Banner banner = state_banner(v.live);
  ImGui::PushFont(v.fonts.huge);
  ImGui::TextColored(theme::colour(banner.colour), "%s%s", v.source.replaying() ? "REPLAY: " : "",
                     banner.text.c_str());
  ImGui::PopFont();
  draw_warnings(v);
  if (!v.source.camera_error().empty()) {
    ImGui::TextColored(theme::colour(theme::kBad), "! No camera: %s",
                       v.source.camera_error().c_str());
  }

  // With a camera: the picture on the right, the FPPA trace under the force trace on one time
  // axis, and each squat's peak FPPA beside its depth.
  const std::shared_ptr<const vision::CameraView> camera = shown_camera(v);
  // Sizes follow the window, so a 1024-pixel screen shows all three panels whole.
  const float avail = ImGui::GetContentRegionAvail().x;
  const float cop_size = camera ? std::clamp(0.27f * avail, 240.0f, 340.0f)
                                : std::clamp(0.33f * avail, 280.0f, 420.0f);
  const float picture_w = std::clamp(0.25f * avail, 220.0f, 320.0f);
  draw_cop_plot(v.live, {cop_size, cop_size});
  ImGui::SameLine();
  ImGui::BeginGroup();
  const float middle_w = ImGui::GetContentRegionAvail().x - (camera ? picture_w + 28.0f : 0.0f);
  draw_force_plot(v.live, {middle_w, camera ? 150.0f : 200.0f});
  if (camera) draw_fppa_plot(v.live, *camera, {middle_w, 130.0f});
  draw_live_figures(v, camera != nullptr, middle_w);
  ImGui::EndGroup();
  if (!camera) return;
  ImGui::SameLine();
  ImGui::BeginGroup();
  draw_camera_picture(v, *camera, picture_w);
  const bool before_recording = v.live.state == live::FlowState::kWaitingForPatient ||
                                v.live.state == live::FlowState::kSettling;
  if (before_recording && !v.source.replaying()) draw_camera_advice(*camera);
  ImGui::EndGroup();
}

void draw_replay_view(ViewContext& v) {
  const live::TrialPlan& plan = v.live.plan;
  ImGui::PushFont(v.fonts.large);
  ImGui::Text("Stored trial: %s", trial_title(plan.condition()).c_str());
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - 300.0f);
  if (ImGui::Button("Back to the plate")) {
    v.source.close();
    (void)v.source.idle();  // an error shows in the device view
    v.session.screen = Screen::kHistory;
  }
  ImGui::PopFont();
  draw_live_panel(v);
  ImGui::TextColored(theme::colour(theme::kMuted),
                     "Played at its recorded pace through the calibration it was recorded with; "
                     "nothing is saved from a replay.");
}

}  // namespace

void draw_test_view(ViewContext& v) {
  if (v.source.replaying()) {
    draw_replay_view(v);
    return;
  }
  SessionModel& m = v.session;
  const TrialCondition* step = m.step();
  if (step == nullptr) {
    ImGui::TextUnformatted("No trial planned: begin a session on the Setup tab.");
    return;
  }
  ImGui::PushFont(v.fonts.large);
  ImGui::Text("%s   (%d of %d)", trial_title(*step).c_str(), m.step_index() + 1, m.step_count());
  ImGui::PopFont();
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - 420.0f);
  draw_buttons(v);
  draw_live_panel(v);
  if (const StepResult* r = m.current_result()) draw_result(v, *r);
  if (!m.message().empty()) ImGui::TextWrapped("%s", m.message().c_str());
}

}  // namespace stance::app
