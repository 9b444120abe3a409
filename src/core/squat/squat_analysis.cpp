#include "core/squat/squat_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/squat/body_weight.hpp"
#include "core/squat/com_integration.hpp"
#include "core/squat/rep_segmentation.hpp"
#include "core/squat/working_signals.hpp"
#include "core/units.hpp"
#include "core/validity/load_events.hpp"
#include "support/format.hpp"

namespace stance {
namespace {

using squat::Dip;
using squat::QuietWindow;
using squat::WorkingSignals;

struct Range {
  Eigen::Index begin = 0, end = 0;  // blocks [begin, end)
};

std::vector<Range> runs_where(const std::vector<std::uint8_t>& mask) {
  std::vector<Range> out;
  const auto n = static_cast<Eigen::Index>(mask.size());
  for (Eigen::Index i = 0; i < n;) {
    if (mask[i] == 0) {
      ++i;
      continue;
    }
    Eigen::Index j = i;
    while (j < n && mask[j] != 0) ++j;
    out.push_back({i, j});
    i = j;
  }
  return out;
}

TimeInterval interval(const WorkingSignals& w, Range r) {
  // Block i covers [t_i - 0.5/rate, t_i + 0.5/rate].
  return {w.time_s(static_cast<double>(r.begin) - 0.5), w.time_s(static_cast<double>(r.end) - 0.5)};
}

// One loaded stretch: integrate, find the dips, re-integrate with a rest at every top, time them.
class SegmentAnalysis {
 public:
  SegmentAnalysis(const WorkingSignals& w, const SquatOptions& o, double bw_n, Eigen::ArrayXd& a,
                  Eigen::ArrayXd& v_slow, ComTrajectory& com)
      : w_(w), o_(o), bw_n_(bw_n), a_(a), v_slow_(v_slow), com_(com) {}

  // Returns false when the stretch holds no rest to start from. At the recording's start the
  // person stands still before the first squat, and at its end after the last (the protocol),
  // also when they then step off the plate (stands_after_last); only there is a quiet window sure
  // to be a rest: in a slow shallow squat the force can stay as steady as in quiet stance for a
  // second or two.
  bool run(Range seg, const std::vector<QuietWindow>& rests, bool at_recording_start,
           bool at_recording_end, bool stands_after_last, std::vector<SquatRep>& reps,
           std::vector<std::string>& notes) {
    const Eigen::Index len = seg.end - seg.begin;
    const double mass_kg = bw_n_ / kStandardGravity_m_s2;
    a_.segment(seg.begin, len) = (w_.fz_n.segment(seg.begin, len) - bw_n_) / mass_kg;

    std::vector<Eigen::Index> centres;
    for (const QuietWindow& q : rests) {
      if (q.begin >= seg.begin && q.end <= seg.end) centres.push_back((q.begin + q.end) / 2);
    }
    if (centres.empty()) return false;
    Eigen::Index first = at_recording_start ? centres.front() : -1;
    Eigen::Index last = at_recording_end || stands_after_last ? centres.back() : -1;
    if (first >= 0 && last >= 0 && static_cast<double>(last - first) < w_.rate_hz) last = -1;
    if (first < 0 && last < 0) {
      first = centres.front();  // between two breaks: the best guess left
      notes.push_back(
          "the loaded stretch " + fixed(w_.time_s(static_cast<double>(seg.begin)), 2) + "–" +
          fixed(w_.time_s(static_cast<double>(seg.end)), 2) +
          " s lies between two breaks: its COM path starts from its first quiet window");
    }

    // Pass 1: from the rests at the recording's edges (drift removed between them).
    std::vector<Eigen::Index> anchors;
    for (Eigen::Index r : {first, last}) {
      if (r >= 0) anchors.push_back(r);
    }
    integrate(seg, anchors, std::vector<double>(anchors.size(), 0.0));
    std::vector<Dip> dips = squat::find_dips(com_.z_m, seg.begin, seg.end, o_.detect_depth_m);

    // Pass 2: every top between two dips is also a rest (the COM turns there); at standing height
    // when it came back within the tolerance of it.
    anchors.clear();
    std::vector<double> heights;
    if (first >= 0) {
      anchors.push_back(first);
      heights.push_back(0.0);
    }
    for (std::size_t k = 0; k + 1 < dips.size(); ++k) {
      const Eigen::Index top = dips[k].right_top;
      if ((!anchors.empty() && top <= anchors.back()) || (last >= 0 && top >= last)) continue;
      anchors.push_back(top);
      const double z = com_.z_m[top];
      heights.push_back(z >= -o_.standing_tolerance_m ? 0.0 : z);
    }
    if (last >= 0) {
      anchors.push_back(last);
      heights.push_back(0.0);
    }
    integrate(seg, anchors, heights);
    dips = squat::find_dips(com_.z_m, seg.begin, seg.end, o_.detect_depth_m);

    // Phases are timed on the velocity low-passed like the force of quiet stance is: the heartbeat
    // and muscle wiggle above 2 Hz would otherwise jitter the onsets of slow squats.
    v_slow_.segment(seg.begin, len) = squat::zero_phase_lowpass(com_.vz_m_s.segment(seg.begin, len),
                                                                o_.com_lowpass_hz, w_.rate_hz);
    const squat::RepSignals signals{w_, com_.z_m, v_slow_, w_.fz_n, bw_n_};
    for (const Dip& dip : dips) {
      if (!dip.rose && !at_recording_end) {
        notes.push_back("the COM path falling into the break at " +
                        fixed(w_.time_s(static_cast<double>(seg.end)), 2) +
                        " s is not counted as a repetition");
        continue;
      }
      reps.push_back(squat::measure_rep(dip, signals, o_));
    }
    std::fill(com_.valid.begin() + seg.begin, com_.valid.begin() + seg.end, std::uint8_t{1});
    return true;
  }

 private:
  // Rests in time order with the COM height at each: free integration before the first and
  // after the last, the drift removed between two.
  void integrate(Range seg, const std::vector<Eigen::Index>& anchors,
                 const std::vector<double>& heights) {
    const double dt = 1.0 / w_.rate_hz;
    Eigen::ArrayXd& v = com_.vz_m_s;
    Eigen::ArrayXd& z = com_.z_m;
    squat::integrate_backward(a_, dt, anchors.front(), seg.begin, 0.0, heights.front(), v, z);
    for (std::size_t k = 0; k + 1 < anchors.size(); ++k) {
      squat::integrate_between_rests(a_, dt, anchors[k], anchors[k + 1], heights[k], heights[k + 1],
                                     v, z);
    }
    squat::integrate_forward(a_, dt, anchors.back(), seg.end - 1, 0.0, heights.back(), v, z);
  }

  const WorkingSignals& w_;
  const SquatOptions& o_;
  double bw_n_;
  Eigen::ArrayXd& a_;
  Eigen::ArrayXd& v_slow_;
  ComTrajectory& com_;
};

}  // namespace

Result<SquatAnalysis> analyze_squats(const ForceSamples& samples, const SquatOptions& options) {
  if (samples.size() == 0 || !(samples.rate_hz > 0.0)) {
    return Error{"the recording holds no samples"};
  }
  const WorkingSignals w =
      squat::make_working_signals(samples, options.analysis_rate_hz, squat::Channels::kForce);
  if (w.size() < 4) return Error{"the recording is too short for a squat analysis"};
  const Eigen::ArrayXd fz_slow =
      squat::zero_phase_lowpass(w.fz_n, options.com_lowpass_hz, w.rate_hz);
  const squat::BodyWeight bw = squat::estimate_body_weight(w, fz_slow, options);
  if (bw.weight_n < options.min_body_weight_n) {
    return Error{"nobody on the plate: the vertical force never reaches " +
                 fixed(options.min_body_weight_n, 0) + " N"};
  }

  SquatAnalysis out;
  out.options = options;
  out.body_weight_n = bw.weight_n;
  out.body_mass_kg = kg_from_newtons(bw.weight_n);
  out.body_weight_from_quiet = bw.from_quiet;
  if (!bw.from_quiet) {
    out.notes.push_back("no quiet phase found: body weight is the mean loaded force");
  }
  const std::vector<QuietWindow> rests = squat::rest_windows(bw, options);

  const Eigen::Index n = w.size();
  std::vector<std::uint8_t> unloaded(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    unloaded[i] = w.fz_n[i] < options.unloaded_fraction * bw.weight_n ? 1 : 0;
  }
  for (Range r : runs_where(unloaded)) out.unloaded.push_back(interval(w, r));
  // The COM path breaks where the plate is unloaded or the other foot carries load: the force
  // on this plate is then not the body's.
  std::vector<std::uint8_t> loaded(unloaded.size());
  for (std::size_t i = 0; i < loaded.size(); ++i) loaded[i] = unloaded[i] == 0 ? 1 : 0;
  if (options.break_at_touchdowns) {
    std::vector<Finding> touchdowns;
    const bool same_filter = options.touchdown.slow_lowpass_hz == options.com_lowpass_hz;
    validity::find_touchdowns(w, bw.weight_n, rests, options.touchdown, options.unloaded_fraction,
                              touchdowns, same_filter ? &fz_slow : nullptr);
    out.touchdowns_searched = true;
    for (const Finding& f : touchdowns) {
      out.touchdowns.push_back({f.start_s, f.end_s, f.value});
      const Eigen::Index from = std::max<Eigen::Index>(0, w.index_at(f.start_s - 0.1));
      const Eigen::Index to = std::min(n, w.index_at(f.end_s + 0.1) + 1);
      std::fill(loaded.begin() + from, loaded.begin() + to, std::uint8_t{0});
      out.notes.push_back("the other foot touched down at " + fixed(f.start_s, 2) +
                          " s: the COM path is broken there");
    }
  }

  ComTrajectory& com = out.com;
  com.t0_s = w.t0_s;
  com.rate_hz = w.rate_hz;
  com.z_m = Eigen::ArrayXd::Zero(n);
  com.vz_m_s = Eigen::ArrayXd::Zero(n);
  com.valid.assign(static_cast<std::size_t>(n), 0);
  Eigen::ArrayXd a = Eigen::ArrayXd::Zero(n);
  Eigen::ArrayXd v_slow = Eigen::ArrayXd::Zero(n);
  SegmentAnalysis analysis(w, options, bw.weight_n, a, v_slow, com);
  const auto min_len = static_cast<Eigen::Index>(std::ceil(options.min_segment_s * w.rate_hz));
  // A stretch is at the recording's start when only an empty plate (or a moment of load too short
  // to analyse) came before it: no touchdown, no analysed stretch.
  bool at_start = true;
  Eigen::Index checked = 0;
  for (Range seg : runs_where(loaded)) {
    for (; checked < seg.begin && at_start; ++checked)
      at_start = loaded[checked] || unloaded[checked];
    if (seg.end - seg.begin < min_len) continue;
    // A stretch that only an empty plate follows ends with the protocol's quiet standing too
    // (then the person stepped off).
    const bool empty_after = std::all_of(unloaded.begin() + seg.end, unloaded.end(),
                                         [](std::uint8_t u) { return u != 0; });
    if (!analysis.run(seg, rests, at_start, seg.end == n, seg.end < n && empty_after, out.reps,
                      out.notes)) {
      const TimeInterval t = interval(w, seg);
      out.notes.push_back("no rest in the loaded stretch " + fixed(t.start_s, 2) + "–" +
                          fixed(t.end_s, 2) + " s: its movement is not analysed");
    }
    at_start = false;
  }
  for (std::size_t k = 0; k < out.reps.size(); ++k) {
    SquatRep& rep = out.reps[k];
    rep.index = static_cast<int>(k) + 1;
    if (rep.acceptable()) ++out.acceptable_rep_count;
  }
  out.rep_count = static_cast<int>(out.reps.size());

  // Quiet phases: rests outside every repetition (inside one, a slow squat can be as steady).
  std::vector<std::uint8_t> quiet(static_cast<std::size_t>(n), 0);
  for (const QuietWindow& q : rests) std::fill(quiet.begin() + q.begin, quiet.begin() + q.end, 1);
  for (const SquatRep& rep : out.reps) {
    std::fill(quiet.begin() + w.index_at(rep.start_s), quiet.begin() + w.index_at(rep.end_s) + 1,
              std::uint8_t{0});
  }
  const auto min_quiet = static_cast<Eigen::Index>(std::lround(options.quiet_window_s * w.rate_hz));
  for (Range r : runs_where(quiet)) {
    if (r.end - r.begin >= min_quiet) out.quiet_phases.push_back(interval(w, r));
  }
  return out;
}

}  // namespace stance
