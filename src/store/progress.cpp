#include "store/progress.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "store/trial_metrics.hpp"

namespace stance::store {
namespace {

// 1.96: the two-sided 95% normal quantile; √2: a change is the difference of two measurements,
// each with error SEM (Beckerman et al. 2001).
constexpr double kMdc95Factor = 1.96 * 1.4142135623730951;

using SeriesKey = std::tuple<Task, Eyes, std::string>;

struct VisitValues {
  std::string utc;
  std::map<Limb, std::vector<double>> by_limb;
};

// Ordered by the visit's start, then id: the history's order, whatever the rows' order.
using Visits = std::map<std::pair<std::string, std::int64_t>, VisitValues>;

LimbSeries limb_series(const Visits& visits, Limb limb, Better better) {
  LimbSeries series;
  series.limb = limb;
  std::vector<TrialSummary> summaries;
  for (const auto& [key, s] : visits) {
    const auto it = s.by_limb.find(limb);
    if (it == s.by_limb.end() || it->second.empty()) continue;
    VisitPoint p;
    p.visit_id = key.second;
    p.visit_utc = s.utc;
    p.summary = summarize_trials(it->second);
    series.points.push_back(p);
    summaries.push_back(p.summary);
  }
  series.reliability = within_session_reliability(summaries);
  if (series.points.empty()) return series;
  const double baseline = series.points.front().summary.mean;
  for (VisitPoint& p : series.points) {
    p.change = p.summary.mean - baseline;
    p.beyond_mdc = series.reliability.defined && std::abs(p.change) > series.reliability.mdc95;
    p.improved = p.beyond_mdc && (better == Better::kLower ? p.change < 0 : p.change > 0);
  }
  return series;
}

std::vector<SymmetryPoint> symmetry_series(const MetricProgress& m, Limb involved) {
  std::vector<SymmetryPoint> out;
  if (m.limbs.size() != 2) return out;
  const LimbSeries& left = m.limbs[0];
  const LimbSeries& right = m.limbs[1];
  for (const VisitPoint& l : left.points) {
    for (const VisitPoint& r : right.points) {
      if (l.visit_id != r.visit_id) continue;
      out.push_back({l.visit_id, l.visit_utc,
                     limb_symmetry(l.summary.mean, r.summary.mean, involved, m.better)});
    }
  }
  return out;
}

}  // namespace

Reliability within_session_reliability(const std::vector<TrialSummary>& sessions) {
  Reliability r;
  double sum_squares = 0.0;
  for (const TrialSummary& s : sessions) {
    if (s.trials < 2) continue;
    r.degrees_of_freedom += s.trials - 1;
    sum_squares += (s.trials - 1) * s.sd * s.sd;
  }
  if (r.degrees_of_freedom == 0) return r;
  r.defined = true;
  r.sem = std::sqrt(sum_squares / r.degrees_of_freedom);
  r.mdc95 = kMdc95Factor * r.sem;
  return r;
}

std::vector<MetricProgress> compute_progress(const std::vector<HistoryRow>& rows, Limb involved) {
  std::map<SeriesKey, Visits> grouped;
  std::map<SeriesKey, std::string> units;
  for (const HistoryRow& row : rows) {
    if (!row.valid || row.limb == Limb::kUnspecified) continue;
    const SeriesKey key{row.task, row.eyes, row.key};
    VisitValues& s = grouped[key][{row.visit_utc, row.visit_id}];
    s.utc = row.visit_utc;
    s.by_limb[row.limb].push_back(row.value);
    units[key] = row.unit;
  }
  std::vector<MetricProgress> out;
  for (const auto& [key, visits] : grouped) {
    MetricProgress m;
    std::tie(m.task, m.eyes, m.key) = key;
    m.unit = units[key];
    m.better = better_for(m.key);
    for (const Limb limb : {Limb::kLeft, Limb::kRight}) {
      LimbSeries series = limb_series(visits, limb, m.better);
      if (!series.points.empty()) m.limbs.push_back(std::move(series));
    }
    m.symmetry = symmetry_series(m, involved);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace stance::store
