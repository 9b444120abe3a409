#include "live/force_columns.hpp"

#include <algorithm>
#include <cmath>

namespace stance::live {

ForceColumns::ForceColumns(double window_s, int columns)
    : window_s_(window_s), column_s_(window_s / std::max(1, columns)) {}

void ForceColumns::add(double t_s, double fz_n) {
  const auto v = static_cast<float>(fz_n);
  if (columns_.empty() || t_s >= columns_.back().t_s + column_s_ || t_s < columns_.back().t_s) {
    // Columns start on multiples of their width, so the plot does not shimmer as time goes on.
    columns_.push_back({std::floor(t_s / column_s_) * column_s_, v, v});
  } else {
    columns_.back().min_n = std::min(columns_.back().min_n, v);
    columns_.back().max_n = std::max(columns_.back().max_n, v);
  }
  while (!columns_.empty() && columns_.front().t_s < t_s - window_s_) columns_.pop_front();
}

}  // namespace stance::live
