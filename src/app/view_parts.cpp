// Parts several views draw: the COP plot, the force plot, a trial's key figures.
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "app/plot.hpp"
#include "app/theme.hpp"
#include "app/views.hpp"
#include "core/key_figures.hpp"
#include "core/units.hpp"

namespace stance::app {
namespace {

constexpr double kCopSpan_mm = 160.0;  // the COP plot's side: ±80 mm around the trace

// A right foot's outline in mm about the middle of the foot (x lateral, y forward), 260 × 100
// mm: heel, lateral border, toes, medial arch. Mirrored for a left foot.
constexpr std::array<std::array<double, 2>, 14> kFoot{{{0, -130},
                                                       {30, -120},
                                                       {40, -80},
                                                       {45, -20},
                                                       {50, 40},
                                                       {48, 90},
                                                       {35, 120},
                                                       {10, 130},
                                                       {-20, 128},
                                                       {-45, 110},
                                                       {-50, 60},
                                                       {-30, 0},
                                                       {-32, -80},
                                                       {-25, -120}}};

}  // namespace

void draw_cop_plot(const live::LiveSnapshot& s, ImVec2 size) {
  double cx = 0.0, cy = 0.0;  // mm: the trace's centre, or the COP, or the plate centre
  if (s.sway.defined) {
    cx = mm_from_m(s.sway.centre_ml_m);
    cy = mm_from_m(s.sway.centre_ap_m);
  } else if (!s.cop_trace.empty()) {
    cx = mm_from_m(s.cop_trace.back().ml_m);
    cy = mm_from_m(s.cop_trace.back().ap_m);
  }
  const double half = kCopSpan_mm / 2;
  Plot plot("##cop", size, {cx - half, cx + half, "ML (mm), + = patient's right"},
            {cy - half, cy + half, "AP (mm), + = forward"}, true);
  const double w = s.plate.width_m > 0 ? 500.0 * s.plate.width_m : 200.0;
  const double l = s.plate.length_m > 0 ? 500.0 * s.plate.length_m : 300.0;
  plot.rect(-w, -l, w, l, theme::kMuted, 3.0f);
  const double mirror = s.plan.limb == Limb::kLeft ? -1.0 : 1.0;
  std::vector<ImVec2> foot;
  for (const auto& p : kFoot) {
    foot.push_back({static_cast<float>(cx + mirror * p[0]), static_cast<float>(cy + p[1])});
  }
  foot.push_back(foot.front());
  plot.polyline(foot, theme::kMuted, 2.0f);
  std::vector<ImVec2> trace;
  trace.reserve(s.cop_trace.size());
  for (const live::CopSample& c : s.cop_trace)
    trace.push_back({1000.0f * c.ml_m, 1000.0f * c.ap_m});
  plot.polyline(trace, theme::kAccent, 1.5f);
  if (s.sway.defined && s.sway.semi_major_m > 0) {
    plot.ellipse(mm_from_m(s.sway.centre_ml_m), mm_from_m(s.sway.centre_ap_m),
                 mm_from_m(s.sway.semi_major_m), mm_from_m(s.sway.semi_minor_m), s.sway.angle_rad,
                 theme::kEllipse, 2.5f);
  }
  if (s.cop_valid) plot.dot(mm_from_m(s.cop_ml_m), mm_from_m(s.cop_ap_m), 7.0f, theme::kText);
}

TimeAxis live_time_axis(const live::LiveSnapshot& s) {
  // From 0 until the window is full, then scrolling.
  const double t1 = std::max(s.force_window_s, s.force.empty() ? 0.0 : s.force.back().t_s);
  const double origin = s.recording_started_s;
  return {t1 - s.force_window_s - origin, t1 - origin, origin,
          origin > 0.0 ? "time from the trial's start (s)" : "time (s)"};
}

void draw_force_plot(const live::LiveSnapshot& s, ImVec2 size) {
  const TimeAxis time = live_time_axis(s);
  double least = INFINITY, most = -INFINITY;
  for (const live::ForceColumn& c : s.force) {
    // Once the trial runs, its own samples set the range (not the step onto the plate).
    if (time.origin_s > 0.0 && c.t_s < time.origin_s) continue;
    least = std::min(least, static_cast<double>(c.min_n));
    most = std::max(most, static_cast<double>(c.max_n));
  }
  if (s.body_weight_n > 0) {  // its line stays in view
    least = std::min(least, s.body_weight_n);
    most = std::max(most, s.body_weight_n);
  }
  const auto [bottom, top] = signal_range(least, most, 100.0);
  Plot plot("##force", size, {time.min_s, time.max_s, time.label},
            {bottom, top, "vertical force (N)"});
  std::vector<double> t;
  std::vector<float> lo, hi;
  for (const live::ForceColumn& c : s.force) {
    t.push_back(c.t_s - time.origin_s);
    lo.push_back(c.min_n);
    hi.push_back(c.max_n);
  }
  for (const live::LiveRep& r : s.reps) {
    plot.vspan(r.start_s, r.end_s, theme::kRepBand);  // already from the trial's start
  }
  plot.min_max_columns(t, lo, hi, theme::kAccent);
  if (s.body_weight_n > 0) {
    char label[48];
    std::snprintf(label, sizeof label, "body weight %.0f N", s.body_weight_n);
    plot.hline(s.body_weight_n, theme::kBodyWeight, label);
  }
}

void draw_key_figures_table(const TrialAnalysis& analysis) {
  if (!ImGui::BeginTable("##figures", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) return;
  ImGui::TableSetupColumn("Figure");
  ImGui::TableSetupColumn("Value");
  ImGui::TableSetupColumn("Unit");
  ImGui::TableHeadersRow();
  for (const KeyFigure& f : key_figures(analysis)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(f.label.c_str());
    ImGui::TableNextColumn();
    if (f.defined) {
      ImGui::Text("%.*f", f.decimals, f.value);
    } else {
      ImGui::TextUnformatted("-");
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(f.unit.c_str());
  }
  ImGui::EndTable();
}

}  // namespace stance::app
