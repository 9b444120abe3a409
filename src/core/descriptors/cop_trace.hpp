#pragma once
// The input of every descriptor family: a COP trajectory on a uniform grid, about a centre.
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <vector>

namespace stance {

struct CopTrace {
  double rate_hz = 0.0;
  double centre_ml_m = 0.0, centre_ap_m = 0.0;  // plate-frame point the trace is relative to
  Eigen::ArrayXd ml_m, ap_m;  // COP − centre; unusable samples hold bridged values
  std::vector<bool> usable;   // false: bridged, left out of sums over samples

  Eigen::Index size() const { return ml_m.size(); }
  Eigen::Index usable_count() const;
  bool all_usable() const;  // cheaper than counting
};

// A descriptor value that may be undefined (too few samples, a zero denominator). Undefined values
// are 0, so NaN or inf never reaches the output.
struct Scalar {
  double value = 0.0;
  bool defined = false;
};
inline Scalar defined_if_finite(double v) {
  return std::isfinite(v) ? Scalar{v, true} : Scalar{};
}

inline bool CopTrace::all_usable() const {
  return std::find(usable.begin(), usable.end(), false) == usable.end();
}

inline Eigen::Index CopTrace::usable_count() const {
  if (all_usable()) return size();
  Eigen::Index n = 0;
  for (const bool u : usable) n += u ? 1 : 0;
  return n;
}

}  // namespace stance
