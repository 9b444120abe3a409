#include "core/squat/rep_segmentation.hpp"

#include <algorithm>
#include <cmath>

namespace stance::squat {
namespace {

// Where s crosses level between blocks i and i + 1 (linear interpolation), as a block position.
double crossing(const Eigen::ArrayXd& s, Eigen::Index i, double level) {
  const double d = s[i + 1] - s[i];
  if (std::abs(d) < 1e-15) return static_cast<double>(i);
  return static_cast<double>(i) + std::clamp((level - s[i]) / d, 0.0, 1.0);
}

// Fraction of the descent that must be recovered for a repetition to count as complete.
constexpr double kCompleteRecovery = 0.7;

}  // namespace

std::vector<Dip> find_dips(const Eigen::ArrayXd& z, Eigen::Index begin, Eigen::Index end,
                           double min_swing_m) {
  std::vector<Dip> dips;
  if (end - begin < 3) return dips;
  bool seek_valley = true;  // the loaded stretch starts standing: look for a way down
  Eigen::Index peak = begin, valley = begin, last_peak = begin;
  for (Eigen::Index i = begin + 1; i < end; ++i) {
    if (seek_valley) {
      if (z[i] > z[peak]) {
        peak = i;
      } else if (z[i] <= z[peak] - min_swing_m) {
        if (!dips.empty() && dips.back().right_top < 0) dips.back().right_top = peak;
        last_peak = peak;
        valley = i;
        seek_valley = false;
      }
    } else {
      if (z[i] < z[valley]) {
        valley = i;
      } else if (z[i] >= z[valley] + min_swing_m) {
        dips.push_back({last_peak, valley, -1, true});
        peak = i;
        seek_valley = true;
      }
    }
  }
  if (seek_valley) {
    if (!dips.empty() && dips.back().right_top < 0) dips.back().right_top = peak;
  } else {
    dips.push_back({last_peak, valley, end - 1, false});
  }
  return dips;
}

SquatRep measure_rep(const Dip& dip, const RepSignals& s, const SquatOptions& options) {
  const Eigen::ArrayXd& v = s.vz_m_s;
  const Eigen::ArrayXd& z = s.z_m;
  const Eigen::Index l = dip.left_top, b = dip.bottom, r = dip.right_top;
  Eigen::Index id = l, ia = b;
  for (Eigen::Index i = l; i <= b; ++i) id = v[i] < v[id] ? i : id;
  for (Eigen::Index i = b; i <= r; ++i) ia = v[i] > v[ia] ? i : ia;
  const double peak_d = std::max(0.0, -v[id]);
  const double peak_a = std::max(0.0, v[ia]);
  const double thr_d = -options.onset_fraction * peak_d;  // v is negative going down
  const double thr_a = options.onset_fraction * peak_a;

  // Outward from each phase's speed peak to where the speed falls below the onset share.
  Eigen::Index i = id;
  while (i > l && v[i - 1] <= thr_d) --i;
  const double start = i > l ? crossing(v, i - 1, thr_d) : static_cast<double>(l);
  i = id;
  while (i < b && v[i + 1] <= thr_d) ++i;
  const double bottom_start = i < b ? crossing(v, i, thr_d) : static_cast<double>(b);
  i = ia;
  while (i > b && v[i - 1] >= thr_a) --i;
  const double bottom_end = i > b ? crossing(v, i - 1, thr_a) : static_cast<double>(b);
  // The ascent ends where the speed falls, or where the COM passes its height before the
  // repetition at more than half its peak speed (a jump).
  const double z_before = z[l];
  const auto passes_at_speed = [&](Eigen::Index k) {
    return z[k] >= z_before && v[k] > 0.5 * peak_a;
  };
  i = ia;
  while (i < r && v[i + 1] >= thr_a && !passes_at_speed(i + 1)) ++i;
  double end = static_cast<double>(i);
  if (i < r) end = v[i + 1] < thr_a ? crossing(v, i, thr_a) : crossing(z, i, z_before);

  SquatRep rep;
  rep.start_s = s.w.time_s(start);
  rep.bottom_start_s = s.w.time_s(std::max(start, bottom_start));
  rep.bottom_end_s = s.w.time_s(std::max(bottom_start, bottom_end));
  rep.end_s = s.w.time_s(std::max(bottom_end, end));
  rep.bottom_s = 0.5 * (rep.bottom_start_s + rep.bottom_end_s);
  rep.descent_s = rep.bottom_start_s - rep.start_s;
  rep.bottom_pause_s = rep.bottom_end_s - rep.bottom_start_s;
  rep.ascent_s = rep.end_s - rep.bottom_end_s;
  rep.duration_s = rep.end_s - rep.start_s;
  rep.depth_m = std::max(0.0, -z[b]);
  rep.peak_descent_speed_m_s = peak_d;
  rep.peak_ascent_speed_m_s = peak_a;
  const auto first = static_cast<Eigen::Index>(std::floor(start));
  const auto last = static_cast<Eigen::Index>(std::ceil(std::max(bottom_end, end)));
  rep.peak_fz_n = s.fz_n.segment(first, std::max<Eigen::Index>(1, last - first + 1)).maxCoeff();
  rep.peak_fz_bw = s.body_weight_n > 0.0 ? rep.peak_fz_n / s.body_weight_n : 0.0;
  const double fall = z[l] - z[b];
  rep.complete = dip.rose && z[r] - z[b] >= kCompleteRecovery * fall;
  rep.shallow = rep.depth_m < options.shallow_depth_m;
  rep.too_fast = rep.complete && rep.duration_s < options.min_rep_duration_s;
  return rep;
}

}  // namespace stance::squat
