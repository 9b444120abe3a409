#include "core/validity/load_events.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/units.hpp"
#include "core/validity/text.hpp"

namespace stance::validity {
namespace {

using squat::WorkingSignals;

struct Run {
  Eigen::Index begin = 0, end = 0;  // blocks [begin, end)
};

std::vector<Run> unloaded_runs(const WorkingSignals& w, double bw_n, double unloaded_fraction) {
  std::vector<Run> runs;
  const double level = unloaded_fraction * bw_n;
  const Eigen::Index n = w.size();
  for (Eigen::Index i = 0; i < n;) {
    if (w.fz_n[i] >= level) {
      ++i;
      continue;
    }
    Eigen::Index j = i;
    while (j < n && w.fz_n[j] < level) ++j;
    if (j - i >= 2) runs.push_back({i, j});  // one block below is noise, not an unloading
    i = j;
  }
  return runs;
}

// Block position where x crosses level between i and i + 1.
double crossing(const Eigen::ArrayXd& x, Eigen::Index i, double level) {
  const double d = x[i + 1] - x[i];
  if (std::abs(d) < 1e-12) return static_cast<double>(i);
  return static_cast<double>(i) + std::clamp((level - x[i]) / d, 0.0, 1.0);
}

// Last down-crossing of `level` before block `before` (the block itself when none).
double fall_through(const Eigen::ArrayXd& x, Eigen::Index before, double level) {
  for (Eigen::Index i = before - 1; i >= 0; --i) {
    if (x[i] >= level) return crossing(x, i, level);
  }
  return static_cast<double>(before);
}

// First up-crossing of `level` at or after block `from` (the block itself when none).
double rise_through(const Eigen::ArrayXd& x, Eigen::Index from, double level) {
  for (Eigen::Index i = std::max<Eigen::Index>(from, 1); i < x.size(); ++i) {
    if (x[i] >= level) return crossing(x, i - 1, level);
  }
  return static_cast<double>(from);
}

Finding event(FindingKind kind, Severity severity, double start_s, double end_s, double value,
              std::string detail) {
  return {kind, severity, start_s, end_s, value, std::move(detail)};
}

double mean_of(const Eigen::ArrayXd& x, Eigen::Index begin, Eigen::Index end) {
  begin = std::clamp<Eigen::Index>(begin, 0, x.size());
  end = std::clamp<Eigen::Index>(end, begin, x.size());
  return end > begin ? x.segment(begin, end - begin).mean() : 0.0;
}

// The impulse test. Between two instants where the COM is still, ∫(Fz − BW) dt = 0: the body's
// own unloading is repaid by its braking. Load that went to the other foot is not: it leaves a
// deficit of about drop × duration. With rests (quiet windows at BW) on both sides, the deficit
// between them is measured; otherwise the running impulse from just before the drop must come
// back at least half-way within repay_s after it, before any unloading (a jump's push repays its
// countermovement). True when the body's motion explains the drop.
bool explained_by_motion(const WorkingSignals& w, double bw_n,
                         const std::vector<squat::QuietWindow>& rests, double start, double end,
                         double drop_n, const TouchdownRule& o, double unloaded_fraction) {
  const auto blocks = [&w](double s) {
    return static_cast<Eigen::Index>(std::lround(s * w.rate_hz));
  };
  const Eigen::Index n = w.size();
  const Eigen::Index margin = blocks(0.1);
  Eigen::Index r0 = -1, r1 = -1;
  const double tolerance_n = o.impulse_rest_fraction * bw_n;
  for (const squat::QuietWindow& q : rests) {
    if (q.sd_n > tolerance_n || std::abs(q.mean_n - bw_n) > tolerance_n) continue;
    if (static_cast<double>(q.end + margin) <= start) r0 = (q.begin + q.end) / 2;
    if (r1 < 0 && static_cast<double>(q.begin - margin) >= end) r1 = (q.begin + q.end) / 2;
  }
  const double deficit_ns = drop_n * (end - start) / w.rate_hz;
  if (r0 >= 0 && r1 >= 0 && r1 - r0 <= blocks(o.impulse_span_s)) {
    const double impulse_ns =
        (w.fz_n.segment(r0, r1 - r0).sum() - bw_n * static_cast<double>(r1 - r0)) / w.rate_hz;
    return impulse_ns > -0.5 * deficit_ns;
  }
  const auto from = std::max<Eigen::Index>(0, static_cast<Eigen::Index>(start) - blocks(0.15));
  const auto to = std::min(n, static_cast<Eigen::Index>(end) + blocks(o.repay_s));
  double impulse_ns = 0.0, lowest_ns = 0.0;
  const double unloaded_n = unloaded_fraction * bw_n;
  for (Eigen::Index i = from; i < to; ++i) {
    if (w.fz_n[i] < unloaded_n) break;  // a take-off: its push counts, the flight not
    impulse_ns += (w.fz_n[i] - bw_n) / w.rate_hz;
    lowest_ns = std::min(lowest_ns, impulse_ns);
    if (lowest_ns < 0.0 && impulse_ns >= 0.5 * lowest_ns && static_cast<double>(i) > end) {
      return true;
    }
  }
  return false;
}

}  // namespace

void find_unloading(const WorkingSignals& w, double bw_n, const ValidityOptions& o,
                    std::vector<Finding>& out) {
  const Eigen::Index n = w.size();
  const double half = 0.5 * bw_n;
  for (const Run& r : unloaded_runs(w, bw_n, o.unloaded_fraction)) {
    const bool at_start = r.begin == 0;
    const bool at_end = r.end == n;
    if (at_start && at_end) continue;  // nobody on the plate: reported by the caller
    if (at_start) {
      const double t = w.time_s(rise_through(w.fz_n, r.end, half));
      out.push_back(event(FindingKind::kStepOn, Severity::kNote, t, t, 0.0,
                          "the plate was empty until " + at_s(t) + ": the trial starts then"));
      continue;
    }
    const double off_s = w.time_s(fall_through(w.fz_n, r.begin, half));
    if (at_end) {
      out.push_back(event(FindingKind::kStepOff, Severity::kInvalidates, off_s, off_s, 0.0,
                          "stepped off the plate at " + at_s(off_s)));
      continue;
    }
    const double flight_s = static_cast<double>(r.end - r.begin) / w.rate_hz;
    const auto landing_end = std::min(n, r.end + static_cast<Eigen::Index>(0.25 * w.rate_hz) + 1);
    const double landing_peak_n = w.fz_n.segment(r.end, landing_end - r.end).maxCoeff();
    const double level = o.unloaded_fraction * bw_n;
    if (flight_s <= o.max_flight_s && landing_peak_n >= o.landing_peak_fraction * bw_n) {
      const double takeoff_s = w.time_s(crossing(w.fz_n, r.begin - 1, level));
      const double landing_s = w.time_s(crossing(w.fz_n, r.end - 1, level));
      out.push_back(event(FindingKind::kHop, Severity::kInvalidates, takeoff_s, landing_s,
                          landing_s - takeoff_s,
                          "hop at " + at_s(takeoff_s) + ": " +
                              fixed(ms_from_s(landing_s - takeoff_s), 0) + " ms in the air"));
      continue;
    }
    const double on_s = w.time_s(rise_through(w.fz_n, r.end, half));
    out.push_back(event(FindingKind::kStepOff, Severity::kInvalidates, off_s, on_s, 0.0,
                        "stepped off the plate at " + at_s(off_s)));
    out.push_back(event(FindingKind::kStepOn, Severity::kInvalidates, on_s, on_s, 0.0,
                        "stepped back on the plate at " + at_s(on_s)));
  }
}

Finding touchdown_finding(double start_s, double end_s, double share_bw) {
  return event(FindingKind::kTouchdown, Severity::kInvalidates, start_s, end_s, share_bw,
               "the other foot touched down at " + at_s(start_s) + " for " +
                   fixed(end_s - start_s, 2) + " s (" + fixed(100.0 * share_bw, 0) +
                   "% of body weight left the plate)");
}

void find_touchdowns(const WorkingSignals& w, double bw_n,
                     const std::vector<squat::QuietWindow>& rests, const TouchdownRule& o,
                     double unloaded_fraction, std::vector<Finding>& out,
                     const Eigen::ArrayXd* fz_slow_n) {
  const Eigen::Index n = w.size();
  const auto lag = std::max<Eigen::Index>(1, std::lround(o.lag_s * w.rate_hz));
  const auto blocks = [&w](double s) {
    return static_cast<Eigen::Index>(std::lround(s * w.rate_hz));
  };
  if (n < 4 * lag) return;

  // Blocks where no touchdown is looked for: near an unloading, or with a bridged force.
  std::vector<std::uint8_t> guard(static_cast<std::size_t>(n), 0);
  for (const Run& r : unloaded_runs(w, bw_n, unloaded_fraction)) {
    const Eigen::Index from = std::max<Eigen::Index>(0, r.begin - blocks(o.takeoff_guard_s));
    const Eigen::Index to = std::min(n, r.end + blocks(o.landing_guard_s));
    std::fill(guard.begin() + from, guard.begin() + to, std::uint8_t{1});
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    if (w.force_ok[i] != 0) continue;
    const Eigen::Index from = std::max<Eigen::Index>(0, i - 2 * lag);
    std::fill(guard.begin() + from, guard.begin() + std::min(n, i + 2 * lag + 1), std::uint8_t{1});
  }

  const Eigen::ArrayXd fast = squat::zero_phase_lowpass(w.fz_n, o.fast_lowpass_hz, w.rate_hz);
  const Eigen::ArrayXd slow = fz_slow_n != nullptr
                                  ? *fz_slow_n
                                  : squat::zero_phase_lowpass(w.fz_n, o.slow_lowpass_hz, w.rate_hz);
  const double min_drop_n = o.min_share * bw_n;
  const auto sudden = [&](Eigen::Index i) {
    return (fast[i - lag] - fast[i]) - (slow[i - lag] - slow[i]);
  };
  for (Eigen::Index i = lag; i < n; ++i) {
    if (guard[i] != 0 || sudden(i) < 0.5 * min_drop_n) continue;
    Eigen::Index peak = i;  // the steepest point of this sudden drop
    while (i + 1 < n && sudden(i + 1) >= 0.5 * min_drop_n) {
      ++i;
      if (sudden(i) > sudden(peak)) peak = i;
    }
    const Eigen::Index centre = peak - lag / 2;
    const double pre = mean_of(fast, centre - blocks(0.15), centre - blocks(0.05));
    const Eigen::Index post_begin = centre + blocks(0.035);
    const Eigen::Index post_end = post_begin + std::max<Eigen::Index>(1, blocks(o.min_s));
    if (post_end > n) continue;
    const double post = mean_of(fast, post_begin, post_end);
    const double drop_n = pre - post;
    if (drop_n < min_drop_n || post > bw_n - 0.5 * min_drop_n) continue;
    bool guarded = false;
    for (Eigen::Index k = centre; k < post_end && !guarded; ++k) guarded = guard[k] != 0;
    if (guarded) continue;

    const double mid = 0.5 * (pre + post);
    double start = static_cast<double>(centre);
    for (Eigen::Index k = std::max<Eigen::Index>(0, centre - lag); k + 1 < post_end; ++k) {
      if (fast[k] >= mid && fast[k + 1] < mid) {
        start = crossing(fast, k, mid);
        break;
      }
    }
    // The load is back at the half-way level, or near body weight (a drop from above it).
    const double back = std::min(mid, bw_n - 0.5 * min_drop_n);
    Eigen::Index k = post_end;
    while (k < n && fast[k] < back && guard[k] == 0) ++k;
    const double end =
        k < n && fast[k] >= back ? crossing(fast, k - 1, back) : static_cast<double>(k);
    if (explained_by_motion(w, bw_n, rests, start, end, drop_n, o, unloaded_fraction)) {
      i = std::max(i, post_end);
      continue;
    }
    out.push_back(touchdown_finding(w.time_s(start), w.time_s(end), drop_n / bw_n));
    i = std::max(i, k);
  }
}

}  // namespace stance::validity
