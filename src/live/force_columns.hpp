#pragma once
// The vertical force of the last window_s seconds as min/max columns of fixed width: what a plot
// needs to draw every sample's extremes at one line per pixel column, at a cost that does not
// grow with the sampling rate (DESIGN: one polyline over ~16k points breaks ImGui's 16-bit
// indices, and drawing 60 000 samples per frame would be slow anyway).
#include <deque>
#include <vector>

namespace stance::live {

struct ForceColumn {
  double t_s = 0.0;  // start of the column, plate time
  float min_n = 0.0f, max_n = 0.0f;
};

class ForceColumns {
 public:
  ForceColumns(double window_s, int columns);
  void add(double t_s, double fz_n);
  void clear() { columns_.clear(); }
  std::vector<ForceColumn> copy() const { return {columns_.begin(), columns_.end()}; }
  double window_s() const { return window_s_; }

 private:
  double window_s_, column_s_;
  std::deque<ForceColumn> columns_;
};

}  // namespace stance::live
