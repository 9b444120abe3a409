#include "app/plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "support/format.hpp"

namespace stance::app {
namespace {

constexpr float kLeftMargin = 64.0f;  // tick labels and the y label
constexpr float kBottomMargin = 40.0f;
constexpr float kTopMargin = 8.0f;
constexpr float kRightMargin = 12.0f;
constexpr std::size_t kMaxPointsPerCall = 4000;
const ImU32 kAxisColour = IM_COL32(90, 90, 90, 255);
const ImU32 kGridColour = IM_COL32(215, 218, 222, 255);
const ImU32 kBackground = IM_COL32(255, 255, 255, 255);

std::string tick_text(double v, double step) {
  const int decimals = step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(step)));
  return fixed(v, decimals);
}

}  // namespace

std::pair<double, double> signal_range(double lo, double hi, double min_span) {
  if (!(lo <= hi)) return {0.0, min_span};  // no samples (or NaN)
  if (hi - lo < min_span) {
    const double mid = 0.5 * (lo + hi);
    lo = mid - 0.5 * min_span;
    hi = mid + 0.5 * min_span;
  }
  const double pad = 0.1 * (hi - lo);
  const bool from_zero = lo >= 0.0 && lo - pad < 0.25 * (hi + pad);  // near 0: start at 0
  return {from_zero ? 0.0 : lo - pad, hi + pad};
}

std::vector<double> nice_ticks(double min, double max, int target, double min_step) {
  std::vector<double> out;
  if (!(max > min) || target < 1) return out;
  const double raw = (max - min) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;  // the 1-2-5 step whose tick count is nearest the target
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    const double candidate = m * magnitude;
    if (std::abs((max - min) / candidate - target) < std::abs((max - min) / step - target)) {
      step = candidate;
    }
  }
  step = std::max(step, min_step);
  for (double v = std::ceil(min / step) * step; v <= max + 1e-9 * step; v += step) {
    out.push_back(std::abs(v) < 1e-12 * step ? 0.0 : v);
  }
  return out;
}

Plot::Plot(const char* id, ImVec2 size, Axis x, Axis y, bool equal_aspect)
    : draw_(ImGui::GetWindowDrawList()), x_(std::move(x)), y_(std::move(y)) {
  const ImVec2 top_left = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  origin_ = {top_left.x + kLeftMargin, top_left.y + kTopMargin};
  size_ = {std::max(10.0f, size.x - kLeftMargin - kRightMargin),
           std::max(10.0f, size.y - kTopMargin - kBottomMargin)};
  if (equal_aspect) {
    const double sx = (x_.max - x_.min) / size_.x, sy = (y_.max - y_.min) / size_.y;
    const double scale = std::max(sx, sy);  // data units per pixel, the same both ways
    const double cx = 0.5 * (x_.min + x_.max), cy = 0.5 * (y_.min + y_.max);
    x_.min = cx - 0.5 * scale * size_.x;
    x_.max = cx + 0.5 * scale * size_.x;
    y_.min = cy - 0.5 * scale * size_.y;
    y_.max = cy + 0.5 * scale * size_.y;
  }
  draw_->AddRectFilled(origin_, {origin_.x + size_.x, origin_.y + size_.y}, kBackground);
  draw_->PushClipRect(origin_, {origin_.x + size_.x, origin_.y + size_.y}, true);
  for (double v : nice_ticks(x_.min, x_.max, static_cast<int>(size_.x / 90.0f), x_.min_step)) {
    const ImVec2 p = to_screen(v, y_.min);
    draw_->AddLine({p.x, origin_.y}, {p.x, origin_.y + size_.y}, kGridColour);
  }
  for (double v : nice_ticks(y_.min, y_.max, static_cast<int>(size_.y / 50.0f), y_.min_step)) {
    const ImVec2 p = to_screen(x_.min, v);
    draw_->AddLine({origin_.x, p.y}, {origin_.x + size_.x, p.y}, kGridColour);
  }
}

Plot::~Plot() {
  draw_->PopClipRect();
  const ImVec2 end{origin_.x + size_.x, origin_.y + size_.y};
  draw_->AddRect(origin_, end, kAxisColour);
  const float line = ImGui::GetTextLineHeight();
  const auto x_ticks =
      x_.ticks ? nice_ticks(x_.min, x_.max, static_cast<int>(size_.x / 90.0f), x_.min_step)
               : std::vector<double>{};
  for (double v : x_ticks) {
    const ImVec2 p = to_screen(v, y_.min);
    const std::string t = tick_text(v, x_ticks.size() > 1 ? x_ticks[1] - x_ticks[0] : 1.0);
    draw_->AddLine({p.x, end.y}, {p.x, end.y + 4}, kAxisColour);
    draw_->AddText({p.x - ImGui::CalcTextSize(t.c_str()).x / 2, end.y + 4}, kAxisColour, t.c_str());
  }
  const auto y_ticks = nice_ticks(y_.min, y_.max, static_cast<int>(size_.y / 50.0f), y_.min_step);
  for (double v : y_ticks) {
    const ImVec2 p = to_screen(x_.min, v);
    const std::string t = tick_text(v, y_ticks.size() > 1 ? y_ticks[1] - y_ticks[0] : 1.0);
    draw_->AddLine({origin_.x - 4, p.y}, {origin_.x, p.y}, kAxisColour);
    draw_->AddText({origin_.x - 8 - ImGui::CalcTextSize(t.c_str()).x, p.y - line / 2}, kAxisColour,
                   t.c_str());
  }
  const ImVec2 x_label = ImGui::CalcTextSize(x_.label.c_str());
  draw_->AddText({origin_.x + size_.x - x_label.x, end.y + 4 + line}, kAxisColour,
                 x_.label.c_str());
  draw_->AddText({origin_.x + 4, origin_.y + 2}, kAxisColour, y_.label.c_str());

  if (readout_ && ImGui::IsItemHovered()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (m.x >= origin_.x && m.x <= end.x && m.y >= origin_.y && m.y <= end.y) {
      const double xv = x_.min + (m.x - origin_.x) / size_.x * (x_.max - x_.min);
      const double yv = y_.max - (m.y - origin_.y) / size_.y * (y_.max - y_.min);
      ImGui::SetTooltip("%s: %.1f\n%s: %.1f", x_.label.c_str(), xv, y_.label.c_str(), yv);
    }
  }
}

ImVec2 Plot::to_screen(double x, double y) const {
  const double fx = (x - x_.min) / (x_.max - x_.min);
  const double fy = (y - y_.min) / (y_.max - y_.min);
  return {origin_.x + static_cast<float>(fx) * size_.x,
          origin_.y + size_.y - static_cast<float>(fy) * size_.y};
}

void Plot::polyline(std::span<const ImVec2> data_points, ImU32 colour, float thickness) {
  std::vector<ImVec2> screen;
  screen.reserve(std::min(data_points.size(), kMaxPointsPerCall + 1));
  for (std::size_t begin = 0; begin + 1 < data_points.size(); begin += kMaxPointsPerCall) {
    const std::size_t end = std::min(data_points.size(), begin + kMaxPointsPerCall + 1);
    screen.clear();
    for (std::size_t i = begin; i < end; ++i) {
      screen.push_back(to_screen(data_points[i].x, data_points[i].y));
    }
    draw_->AddPolyline(screen.data(), static_cast<int>(screen.size()), colour, ImDrawFlags_None,
                       thickness);
  }
}

void Plot::min_max_columns(std::span<const double> t, std::span<const float> lo,
                           std::span<const float> hi, ImU32 colour) {
  const std::size_t n = std::min({t.size(), lo.size(), hi.size()});
  for (std::size_t i = 0; i < n; ++i) {
    ImVec2 a = to_screen(t[i], lo[i]);
    ImVec2 b = to_screen(t[i], hi[i]);
    b.y = std::min(b.y, a.y - 1.0f);  // at least one pixel tall
    draw_->AddLine(a, b, colour, 1.5f);
    if (i + 1 < n) {  // join to the next column so a flat signal is a line
      const ImVec2 next = to_screen(t[i + 1], 0.5 * (lo[i + 1] + hi[i + 1]));
      draw_->AddLine(to_screen(t[i], 0.5 * (lo[i] + hi[i])), next, colour, 1.5f);
    }
  }
}

void Plot::ellipse(double cx, double cy, double semi_major, double semi_minor, double angle_rad,
                   ImU32 colour, float thickness) {
  constexpr int kSegments = 96;
  std::vector<ImVec2> points;
  points.reserve(kSegments);
  const double c = std::cos(angle_rad), s = std::sin(angle_rad);
  for (int i = 0; i < kSegments; ++i) {
    const double phi = 2.0 * M_PI * i / kSegments;
    const double u = semi_major * std::cos(phi), v = semi_minor * std::sin(phi);
    points.push_back(to_screen(cx + c * u - s * v, cy + s * u + c * v));
  }
  draw_->AddPolyline(points.data(), kSegments, colour, ImDrawFlags_Closed, thickness);
}

void Plot::hline(double y, ImU32 colour, const std::string& label) {
  const ImVec2 a = to_screen(x_.min, y), b = to_screen(x_.max, y);
  draw_->AddLine(a, b, colour, 2.0f);
  if (!label.empty()) {
    draw_->AddText(
        {b.x - ImGui::CalcTextSize(label.c_str()).x - 4, a.y - ImGui::GetTextLineHeight() - 2},
        colour, label.c_str());
  }
}

void Plot::vspan(double x0, double x1, ImU32 colour) {
  draw_->AddRectFilled(to_screen(x0, y_.max), to_screen(x1, y_.min), colour);
}

void Plot::rect(double x0, double y0, double x1, double y1, ImU32 colour, float thickness) {
  draw_->AddRect(to_screen(x0, y1), to_screen(x1, y0), colour, 0.0f, ImDrawFlags_None, thickness);
}

void Plot::fill_rect(double x0, double y0, double x1, double y1, ImU32 colour) {
  draw_->AddRectFilled(to_screen(x0, y1), to_screen(x1, y0), colour);
}

void Plot::dot(double x, double y, float radius, ImU32 colour) {
  draw_->AddCircleFilled(to_screen(x, y), radius, colour);
}

void bar_chart(const char* id, ImVec2 size, std::span<const std::string> labels,
               std::span<const double> values, double max, const std::string& unit, ImU32 colour) {
  double min = 0.0;  // below 0 only for a value below it (e.g. a varus knee angle)
  for (double v : values) {
    if (std::isfinite(v)) min = std::min(min, v - 0.1 * max);
  }
  Plot plot(id, size,
            {0.0, static_cast<double>(std::max<std::size_t>(5, values.size())), "", false},
            {min, max, unit});
  plot.hover_readout(false);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double x0 = static_cast<double>(i) + 0.2, x1 = static_cast<double>(i) + 0.8;
    const bool known = std::isfinite(values[i]);  // NaN: not measured (e.g. a marker lost)
    const double value = known ? std::clamp(values[i], min, max) : 0.0;
    const ImVec2 top = plot.to_screen(x0, std::max(value, 0.0));
    const ImVec2 bottom = plot.to_screen(x1, std::min(value, 0.0));
    if (known) draw->AddRectFilled(top, bottom, colour);
    char text[32] = "-";
    if (known) std::snprintf(text, sizeof text, "%.0f", values[i]);
    draw->AddText({top.x, top.y - ImGui::GetTextLineHeight() - 2}, IM_COL32(30, 30, 30, 255), text);
    if (i < labels.size() && known) {
      draw->AddText({top.x, bottom.y - ImGui::GetTextLineHeight() - 2},
                    IM_COL32(255, 255, 255, 255), labels[i].c_str());
    }
  }
}

}  // namespace stance::app
