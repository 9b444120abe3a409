// The camera's parts of the test and device views: the picture with the markers and the knee's
// angle drawn on it, the FPPA trace on the force plot's time axis, and the set-up advice. A
// replayed trial shows the markers it kept, drawn on a blank picture (the video is not kept).
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/plot.hpp"
#include "app/theme.hpp"
#include "app/views.hpp"
#include "core/knee/camera_setup.hpp"
#include "core/knee/fppa.hpp"

namespace stance::app {
namespace {

const ImU32 kMarkerColours[3] = {IM_COL32(230, 0, 200, 255), IM_COL32(0, 200, 60, 255),
                                 IM_COL32(30, 90, 255, 255)};  // hip, knee, ankle: the markers'
const ImU32 kPictureBlank = IM_COL32(45, 45, 50, 255);

// A stored trial's markers as the camera would show them at the replay's time.
std::shared_ptr<const vision::CameraView> replayed_view(const knee::MarkerTrack& track,
                                                        const live::LiveSnapshot& s) {
  auto v = std::make_shared<vision::CameraView>();
  v->address = track.camera;
  v->streaming = true;
  v->rate_hz = track.rate_hz;
  v->limb = s.plan.limb;
  const double now_s = s.plate_time_s - s.recording_started_s;  // on the trial's time axis
  for (const knee::MarkerFrame& f : track.frames) {
    if (f.t_s > now_s) break;
    v->markers = f;
    v->markers.t_s += s.recording_started_s;
    v->fppa_deg = knee::fppa_deg(f, v->limb);
    if (v->fppa_deg) v->trace.push_back({f.t_s + s.recording_started_s, *v->fppa_deg});
  }
  return v;
}

ImVec2 on_picture(ImVec2 origin, float scale, knee::PointPx p) {
  return {origin.x + scale * static_cast<float>(p.x_px),
          origin.y + scale * static_cast<float>(p.y_px)};
}

void draw_markers(ImDrawList* draw, ImVec2 origin, float scale, const knee::MarkerFrame& m) {
  const auto& hip = m.at(knee::Marker::kHip);
  const auto& knee_p = m.at(knee::Marker::kKnee);
  const auto& ankle = m.at(knee::Marker::kAnkle);
  const ImU32 line = IM_COL32(255, 255, 255, 230);
  if (hip && knee_p) {
    draw->AddLine(on_picture(origin, scale, *hip), on_picture(origin, scale, *knee_p), line, 3.0f);
  }
  if (knee_p && ankle) {
    draw->AddLine(on_picture(origin, scale, *knee_p), on_picture(origin, scale, *ankle), line,
                  3.0f);
  }
  for (knee::Marker k : knee::kMarkers) {
    if (const auto& p = m.at(k)) {
      draw->AddCircleFilled(on_picture(origin, scale, *p), 7.0f, kMarkerColours[knee::index_of(k)]);
      draw->AddCircle(on_picture(origin, scale, *p), 8.0f, IM_COL32(255, 255, 255, 255), 0, 2.0f);
    }
  }
}

std::string lost_markers(const knee::MarkerFrame& m) {
  std::string lost;
  for (knee::Marker k : knee::kMarkers) {
    if (!m.at(k)) lost += std::string(lost.empty() ? "" : ", ") + knee::to_string(k);
  }
  return lost;
}

}  // namespace

std::shared_ptr<const vision::CameraView> shown_camera(const ViewContext& v) {
  if (v.source.replaying()) {
    const auto& track = v.source.replay_markers();
    return track ? replayed_view(*track, v.live) : nullptr;
  }
  return v.source.camera_view();
}

void draw_camera_picture(ViewContext& v, const vision::CameraView& cam, float width) {
  const int w_px = cam.picture ? cam.picture->width_px : 640;
  const int h_px = cam.picture ? cam.picture->height_px : 480;
  const float scale = width / static_cast<float>(std::max(1, w_px));
  const ImVec2 size{width, scale * static_cast<float>(h_px)};
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (cam.picture) {
    ImGui::Image(v.camera_texture.show(*cam.picture), size);
  } else {
    ImGui::Dummy(size);
    draw->AddRectFilled(origin, {origin.x + size.x, origin.y + size.y}, kPictureBlank);
  }
  draw_markers(draw, origin, scale, cam.markers);
  char text[96];
  if (cam.fppa_deg) {
    std::snprintf(text, sizeof text, "Knee FPPA %+.1f°", *cam.fppa_deg);
  } else if (cam.streaming || cam.picture) {
    std::snprintf(text, sizeof text, "No angle: %s not seen", lost_markers(cam.markers).c_str());
  } else {
    std::snprintf(text, sizeof text, "No picture");
  }
  ImGui::PushFont(v.fonts.large);
  if (ImGui::CalcTextSize(text).x > size.x) {  // a narrow window: the body font, never clipped
    ImGui::PopFont();
    ImGui::PushFont(v.fonts.body);
  }
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
  if (!cam.picture && v.source.replaying()) {
    ImGui::TextColored(theme::colour(theme::kMuted), "The markers as filmed (no video is kept).");
  } else if (!cam.problem.empty()) {
    ImGui::TextColored(theme::colour(theme::kBad), "%s", cam.problem.c_str());
  } else {
    // The address up to its options ("sim-camera:…" carries the whole simulated person).
    const std::string name = cam.address.substr(0, cam.address.find(':'));
    ImGui::TextColored(theme::colour(theme::kMuted), "%s, %.0f frames/s, %llu dropped",
                       name.c_str(), cam.rate_hz, static_cast<unsigned long long>(cam.dropped));
  }
}

void draw_camera_advice(const vision::CameraView& cam) {
  const int w = cam.picture ? cam.picture->width_px : 0;
  const int h = cam.picture ? cam.picture->height_px : 0;
  for (const std::string& line : knee::camera_setup_advice(cam.markers, cam.fppa_deg, w, h)) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour(theme::kCaution));
    ImGui::TextWrapped("! %s", line.c_str());
    ImGui::PopStyleColor();
  }
}

void draw_fppa_plot(const live::LiveSnapshot& s, const vision::CameraView& cam, ImVec2 size) {
  const TimeAxis time = live_time_axis(s);
  const double t0 = time.min_s + time.origin_s;  // the trace is kept in plate time
  double lo = -10.0, hi = 30.0;  // degrees: the published means lie within (docs/metrics.md)
  for (const vision::FppaPoint& p : cam.trace) {
    if (p.t_s < t0) continue;
    lo = std::min(lo, p.fppa_deg - 5.0);
    hi = std::max(hi, p.fppa_deg + 5.0);
  }
  Plot plot("##fppa", size, {time.min_s, time.max_s, time.label},
            {lo, hi, "knee FPPA (°), + = valgus"});
  for (const live::LiveRep& r : s.reps) plot.vspan(r.start_s, r.end_s, theme::kRepBand);
  plot.hline(0.0, theme::kMuted);
  // One line per run of frames with an angle: a lost frame breaks the line, never bridged.
  std::vector<ImVec2> run;
  const double gap_s = cam.rate_hz > 0 ? 2.5 / cam.rate_hz : 0.1;
  for (std::size_t i = 0; i < cam.trace.size(); ++i) {
    const vision::FppaPoint& p = cam.trace[i];
    if (p.t_s < t0) continue;
    if (i > 0 && p.t_s - cam.trace[i - 1].t_s > gap_s) {
      plot.polyline(run, theme::kFppa, 2.0f);
      run.clear();
    }
    run.push_back({static_cast<float>(p.t_s - time.origin_s), static_cast<float>(p.fppa_deg)});
  }
  plot.polyline(run, theme::kFppa, 2.0f);
}

}  // namespace stance::app
