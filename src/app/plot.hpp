#pragma once
// Plot widgets drawn with ImDrawList (Debian's ImGui 1.86 has no ImPlot): a plot area with axes,
// units and ticks, into which time series (min/max columns), XY traces, ellipses, lines and
// bars are drawn in data coordinates, with a hover read-out. Long lines are drawn in chunks:
// one ImDrawList call over ~16k points overflows ImGui's 16-bit indices (DESIGN, traps).
#include <imgui.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace stance::app {

struct Axis {
  double min = 0.0, max = 1.0;
  std::string label;      // with its unit, e.g. "ML (mm)"
  bool ticks = true;      // false: no tick values (e.g. the categories of a bar chart)
  double min_step = 0.0;  // e.g. 1 for counted things (visits): no ticks between them
};

// The range that shows a signal's own variation (a squat's ±20 % of body weight is not flat on a
// 0-1000 N axis): [lo, hi] padded by 10 %, at least `min_span` wide, and from 0 when the signal
// comes near it (so a step onto the plate is read from 0).
std::pair<double, double> signal_range(double lo, double hi, double min_span);

// "Nice" tick values (1, 2, 5 × 10^k steps) covering [min, max], about `target` of them.
std::vector<double> nice_ticks(double min, double max, int target, double min_step = 0.0);

class Plot {
 public:
  // Reserves `size` in the current window; equal_aspect widens one axis so 1 mm is 1 mm both
  // ways (COP plots must not distort the sway shape).
  Plot(const char* id, ImVec2 size, Axis x, Axis y, bool equal_aspect = false);
  ~Plot();  // draws the axes, ticks and the hover read-out
  Plot(const Plot&) = delete;
  Plot& operator=(const Plot&) = delete;

  ImVec2 to_screen(double x, double y) const;
  const Axis& x() const { return x_; }
  const Axis& y() const { return y_; }

  void polyline(std::span<const ImVec2> data_points, ImU32 colour, float thickness = 1.5f);
  // A vertical line per column from min to max (a decimated time series).
  void min_max_columns(std::span<const double> t, std::span<const float> lo,
                       std::span<const float> hi, ImU32 colour);
  void ellipse(double cx, double cy, double semi_major, double semi_minor, double angle_rad,
               ImU32 colour, float thickness = 2.0f);
  void hline(double y, ImU32 colour, const std::string& label = {});
  void vspan(double x0, double x1, ImU32 colour);  // a shaded band, e.g. a repetition
  void rect(double x0, double y0, double x1, double y1, ImU32 colour, float thickness = 1.5f);
  void fill_rect(double x0, double y0, double x1, double y1, ImU32 colour);  // e.g. a band
  void dot(double x, double y, float radius, ImU32 colour);
  // Shows "label: x, y" at the mouse when it is over the plot (units from the axis labels).
  void hover_readout(bool enabled) { readout_ = enabled; }

 private:
  ImDrawList* draw_ = nullptr;
  ImVec2 origin_{}, size_{};  // the data area on screen
  Axis x_, y_;
  bool readout_ = true;
};

// Vertical bars with their values written on top; `max` fixes the scale (e.g. 100 for an index).
void bar_chart(const char* id, ImVec2 size, std::span<const std::string> labels,
               std::span<const double> values, double max, const std::string& unit, ImU32 colour);

}  // namespace stance::app
