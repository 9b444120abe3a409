#include "core/symmetry.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace stance {

TrialSummary summarize_trials(const std::vector<double>& values) {
  TrialSummary s;
  s.trials = static_cast<int>(values.size());
  if (values.empty()) return s;
  for (double v : values) s.mean += v;
  s.mean /= static_cast<double>(values.size());
  if (values.size() > 1) {
    double ss = 0.0;
    for (double v : values) ss += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(ss / static_cast<double>(values.size() - 1));
  }
  s.cv_percent = s.mean != 0.0 ? 100.0 * s.sd / std::abs(s.mean) : 0.0;
  return s;
}

LimbSymmetry limb_symmetry(double left, double right, Limb involved, Better better) {
  LimbSymmetry s;
  if (!std::isfinite(left) || !std::isfinite(right)) return s;
  s.defined = true;
  const double larger = std::max(std::abs(left), std::abs(right));
  s.asymmetry_percent = larger > 0.0 ? 100.0 * (right - left) / larger : 0.0;
  if (left != right) {
    const bool right_higher = right > left;
    s.worse_side = (right_higher == (better == Better::kLower)) ? Limb::kRight : Limb::kLeft;
  }
  if (involved != Limb::kUnspecified) {
    const double inv = involved == Limb::kLeft ? left : right;
    const double uninv = involved == Limb::kLeft ? right : left;
    // The ratio is taken so that the involved side doing worse reads below 100 %.
    const double num = better == Better::kHigher ? inv : uninv;
    const double den = better == Better::kHigher ? uninv : inv;
    // A ratio reads only between two positive amounts: a zero side, or an angle on the other
    // side of 0 (a knee FPPA in varus), makes none; the asymmetry is shown instead.
    if (num > 0.0 && den > 0.0) {
      s.lsi_percent = 100.0 * num / den;
      s.lsi_defined = true;
    }
  }
  return s;
}

std::map<std::string, MetricSessionSummary> summarize_session(
    const std::vector<TrialMetrics>& trials, Limb involved,
    const std::map<std::string, Better>& better) {
  std::set<std::string> names;
  for (const auto& t : trials) {
    for (const auto& [name, value] : t.values) names.insert(name);
  }
  std::map<std::string, MetricSessionSummary> out;
  for (const auto& name : names) {
    std::vector<double> left, right;
    for (const auto& t : trials) {
      const auto it = t.values.find(name);
      if (!t.valid || it == t.values.end() || !std::isfinite(it->second)) continue;
      if (t.limb == Limb::kLeft) left.push_back(it->second);
      if (t.limb == Limb::kRight) right.push_back(it->second);
    }
    MetricSessionSummary m;
    m.left = summarize_trials(left);
    m.right = summarize_trials(right);
    if (m.left.trials > 0 && m.right.trials > 0) {
      const auto b = better.find(name);
      m.symmetry = limb_symmetry(m.left.mean, m.right.mean, involved,
                                 b == better.end() ? Better::kLower : b->second);
    }
    out[name] = m;
  }
  return out;
}

}  // namespace stance
