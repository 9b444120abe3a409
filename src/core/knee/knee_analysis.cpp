#include "core/knee/knee_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

#include "core/knee/fppa.hpp"

namespace stance::knee {
namespace {

constexpr double kBottomBand_px = 1.0;

std::optional<double> median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  const std::size_t k = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  if (v.size() % 2 == 1) return v[k];
  const double upper = v[k];
  return 0.5 * (upper + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k)));
}

KneeSquat measure(const std::vector<KneeFrame>& frames, double start_s, double end_s) {
  KneeSquat q;
  q.start_s = start_s;
  q.end_s = end_s;
  q.bottom_s = start_s;
  const KneeFrame* bottom = nullptr;
  double lo = 0.0, hi = 0.0;
  for (const KneeFrame& f : frames) {
    if (f.t_s < start_s || f.t_s > end_s) continue;
    ++q.frames;
    if (f.hip && (!bottom || f.hip->y_px > bottom->hip->y_px)) bottom = &f;
    if (!f.fppa_deg) continue;
    const double a = *f.fppa_deg;
    lo = q.fppa_frames == 0 ? a : std::min(lo, a);
    hi = q.fppa_frames == 0 ? a : std::max(hi, a);
    ++q.fppa_frames;
  }
  if (bottom) {
    // The hip is nearly still at the bottom, so its noise alone would pick a frame: the bottom
    // is the frame nearest the middle of the frames within kBottomBand_px of the lowest.
    double sum_t = 0.0;
    int n = 0;
    for (const KneeFrame& f : frames) {
      if (f.t_s < start_s || f.t_s > end_s || !f.hip) continue;
      if (f.hip->y_px >= bottom->hip->y_px - kBottomBand_px) {
        sum_t += f.t_s;
        ++n;
      }
    }
    const double middle = sum_t / n;
    for (const KneeFrame& f : frames) {
      if (f.t_s < start_s || f.t_s > end_s || !f.hip) continue;
      if (f.hip->y_px >= bottom->hip->y_px - kBottomBand_px &&
          std::abs(f.t_s - middle) < std::abs(bottom->t_s - middle)) {
        bottom = &f;
      }
    }
    q.bottom_s = bottom->t_s;
    q.bottom_fppa_deg = bottom->fppa_deg;
  }
  if (q.fppa_frames > 0) {
    q.peak_fppa_deg = hi;
    q.range_deg = hi - lo;
  }
  // The video must reach both ends of the squat (within a frame interval).
  const double dt = frames.size() > 1 ? (frames.back().t_s - frames.front().t_s) /
                                            static_cast<double>(frames.size() - 1)
                                      : 0.0;
  q.complete =
      !frames.empty() && frames.front().t_s <= start_s + dt && frames.back().t_s >= end_s - dt;
  return q;
}

std::optional<double> mean_of(const std::vector<KneeSquat>& squats,
                              std::optional<double> KneeSquat::*field) {
  double sum = 0.0;
  int n = 0;
  for (const KneeSquat& q : squats) {
    if (q.*field) {
      sum += *(q.*field);
      ++n;
    }
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

}  // namespace

std::vector<KneeFrame> knee_frames(const std::vector<MarkerFrame>& frames, Limb limb) {
  std::vector<KneeFrame> out;
  out.reserve(frames.size());
  for (const MarkerFrame& f : frames) {
    KneeFrame k;
    k.t_s = f.t_s;
    k.hip = f.at(Marker::kHip);
    k.knee = f.at(Marker::kKnee);
    k.ankle = f.at(Marker::kAnkle);
    k.fppa_deg = fppa_deg(f, limb);
    out.push_back(k);
  }
  return out;
}

std::vector<TimeInterval> squat_intervals(const SquatAnalysis& plate) {
  std::vector<TimeInterval> out;
  for (const SquatRep& r : plate.reps) out.push_back({r.start_s, r.end_s});
  return out;
}

KneeTrial analyze_knee(const std::vector<MarkerFrame>& frames, const KneeOptions& o,
                       const std::vector<TimeInterval>* plate_squats) {
  KneeTrial trial;
  trial.limb = o.limb;
  trial.frames = knee_frames(frames, o.limb);
  if (o.limb != Limb::kLeft && o.limb != Limb::kRight) {
    trial.notes.push_back("no limb given: FPPA needs left or right for its sign");
  }
  std::vector<TimeInterval> intervals;
  std::vector<bool> came_back_up;  // a hip squat still down when the video ended did not
  if (plate_squats) {
    trial.squats_from = SquatSource::kPlate;
    intervals = *plate_squats;
    came_back_up.assign(intervals.size(), true);
  } else {
    trial.squats_from = SquatSource::kHipMarker;
    for (const HipSquat& h : segment_squats_by_hip(trial.frames, o.hip_squats)) {
      intervals.push_back({h.start_s, h.end_s});
      came_back_up.push_back(h.complete);
    }
  }
  for (std::size_t k = 0; k < intervals.size(); ++k) {
    const TimeInterval& iv = intervals[k];
    KneeSquat q = measure(trial.frames, iv.start_s, iv.end_s);
    q.complete = q.complete && came_back_up[k];
    if (q.frames == 0) continue;  // a plate squat after the video ended, or before it began
    q.index = static_cast<int>(trial.squats.size()) + 1;
    trial.squats.push_back(q);
  }
  if (trial.squats.size() < intervals.size()) {
    trial.notes.push_back(std::to_string(intervals.size() - trial.squats.size()) +
                          " of the plate's squats lie outside the video");
  }

  std::vector<double> standing;
  const double first_start = trial.squats.empty() ? 1e300 : trial.squats.front().start_s;
  for (const KneeFrame& f : trial.frames) {
    if (f.t_s < first_start && f.fppa_deg) standing.push_back(*f.fppa_deg);
  }
  if (static_cast<int>(standing.size()) >= o.min_standing_frames) {
    trial.standing_fppa_deg = median(standing);
  }

  std::vector<KneeSquat> first;
  for (const KneeSquat& q : trial.squats) {
    if (q.index > o.squats_in_mean) break;
    if (q.complete) first.push_back(q);
  }
  trial.mean_peak_fppa_deg = mean_of(first, &KneeSquat::peak_fppa_deg);
  trial.mean_bottom_fppa_deg = mean_of(first, &KneeSquat::bottom_fppa_deg);
  trial.mean_range_deg = mean_of(first, &KneeSquat::range_deg);
  trial.squats_in_mean = static_cast<int>(std::count_if(
      first.begin(), first.end(), [](const KneeSquat& q) { return q.peak_fppa_deg.has_value(); }));

  std::size_t lost = 0;
  for (const KneeFrame& f : trial.frames) lost += f.fppa_deg ? 0 : 1;
  if (lost > 0) {
    trial.notes.push_back(std::to_string(lost) + " of " + std::to_string(trial.frames.size()) +
                          " frames have no FPPA: a marker was not found (never guessed)");
  }
  for (const KneeSquat& q : trial.squats) {
    if (!q.complete) {
      trial.notes.push_back("squat " + std::to_string(q.index) +
                            " is not wholly on video (the video ended or began inside it)");
    }
  }
  return trial;
}

}  // namespace stance::knee
