#include "core/sample_window.hpp"

#include <algorithm>
#include <cmath>

#include "support/format.hpp"

namespace stance {

std::string seconds_text(double s) {
  return fixed(s, 3) + " s";
}

Result<SampleRange> window_on_grid(Eigen::Index size, double rate_hz, double start_s,
                                   double end_s) {
  const double total_s = static_cast<double>(size) / rate_hz;
  if (!(start_s < end_s)) {
    return Error{"--start (" + seconds_text(start_s) + ") must be before --end (" +
                 seconds_text(end_s) + ")"};
  }
  if (start_s >= total_s || end_s <= 0) {
    return Error{"the window " + seconds_text(std::max(0.0, start_s)) + " to " +
                 seconds_text(std::min(total_s, end_s)) +
                 " lies outside the recording, which lasts " + seconds_text(total_s)};
  }
  SampleRange w;
  w.first = static_cast<Eigen::Index>(std::ceil(std::max(0.0, start_s) * rate_hz - 1e-9));
  w.last = static_cast<Eigen::Index>(
      std::min(static_cast<double>(size), std::ceil(end_s * rate_hz - 1e-9)));
  if (w.last <= w.first) return Error{"the window holds no sample"};
  return w;
}

}  // namespace stance
