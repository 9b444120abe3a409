#include "vision/marker_tracker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "vision/colour_threshold.hpp"

namespace stance::vision {
namespace {

constexpr std::size_t kMaxCandidates = 8;  // per colour, when acquiring the leg

double distance(PointPx a, PointPx b) {
  return std::hypot(a.x_px - b.x_px, a.y_px - b.y_px);
}

// Angle between the thigh (hip→knee) and the shank (knee→ankle), degrees, unsigned.
double bend_deg(PointPx h, PointPx k, PointPx a) {
  const double ux = k.x_px - h.x_px, uy = k.y_px - h.y_px;
  const double vx = a.x_px - k.x_px, vy = a.y_px - k.y_px;
  return std::abs(std::atan2(ux * vy - uy * vx, ux * vx + uy * vy)) * 180.0 / std::numbers::pi;
}

cv::Rect box_around(PointPx p, double half) {
  const int x0 = static_cast<int>(std::floor(p.x_px - half));
  const int y0 = static_cast<int>(std::floor(p.y_px - half));
  const int side = static_cast<int>(std::ceil(2.0 * half)) + 1;
  return {x0, y0, side, side};
}

}  // namespace

MarkerTracker::MarkerTracker(TrackerOptions options) : options_(std::move(options)) {}

void MarkerTracker::reset() {
  tracks_ = {};
}

std::vector<Blob> MarkerTracker::candidates(const cv::Mat& bgr, Marker m, const cv::Rect& roi) {
  const cv::Rect area = roi & cv::Rect(0, 0, bgr.cols, bgr.rows);
  if (area.area() == 0) return {};
  to_hsv(bgr(area), hsv_);
  return candidates_in(hsv_, m, area.tl());
}

std::vector<Blob> MarkerTracker::candidates_in(const cv::Mat& hsv, Marker m, cv::Point offset) {
  threshold(hsv, options_.colours.of(m), mask_);
  std::vector<Blob> blobs = find_blobs(mask_, cv::Rect(), options_.blobs, buffers_);
  std::vector<Blob> kept;
  for (Blob& b : blobs) {
    if (b.fill < options_.min_fill) continue;
    b.centre.x_px += offset.x;
    b.centre.y_px += offset.y;
    kept.push_back(b);
  }
  return kept;
}

std::optional<MarkerTracker::Leg> MarkerTracker::best_leg(const cv::Mat& bgr) {
  // One HSV conversion of the whole frame for the three colours.
  std::array<std::vector<Blob>, 3> c;
  to_hsv(bgr, hsv_);
  for (Marker m : kMarkers) {
    c[index_of(m)] = candidates_in(hsv_, m, cv::Point(0, 0));
    auto& v = c[index_of(m)];
    std::sort(v.begin(), v.end(),
              [](const Blob& a, const Blob& b) { return a.area_px > b.area_px; });
    if (v.size() > kMaxCandidates) v.resize(kMaxCandidates);
  }
  double best = std::numeric_limits<double>::infinity();
  std::optional<Leg> chosen;
  const TrackerOptions& o = options_;
  for (const Blob& h : c[0]) {
    for (const Blob& k : c[1]) {
      if (k.centre.y_px <= h.centre.y_px) continue;
      for (const Blob& a : c[2]) {
        if (a.centre.y_px <= k.centre.y_px) continue;
        const double thigh = distance(h.centre, k.centre), shank = distance(k.centre, a.centre);
        const double ratio = thigh / shank;
        if (ratio > o.max_segment_ratio || ratio < 1.0 / o.max_segment_ratio) continue;
        const double bend = bend_deg(h.centre, k.centre, a.centre);
        if (bend > o.max_acquire_angle_deg) continue;
        const double sizes =
            std::abs(std::log(h.area_px / k.area_px)) + std::abs(std::log(a.area_px / k.area_px));
        const double score = bend / o.max_acquire_angle_deg + std::abs(std::log(ratio)) + sizes;
        if (score < best) {
          best = score;
          chosen = Leg{h, k, a};
        }
      }
    }
  }
  return chosen;
}

void MarkerTracker::acquire_leg(const cv::Mat& bgr, MarkerFrame& frame) {
  const std::optional<Leg> leg = best_leg(bgr);
  for (Marker m : kMarkers) {
    const std::optional<Blob> b = leg ? std::optional((*leg)[index_of(m)]) : std::nullopt;
    update(m, b, frame.t_s);
    if (b) frame.at(m) = b->centre;
  }
}

void MarkerTracker::reacquire_long_lost(const cv::Mat& bgr, double t_s,
                                        std::array<std::optional<Blob>, 3>& found) {
  bool long_lost = false;
  for (Marker m : kMarkers) {
    const Track& t = tracks_[index_of(m)];
    if (!found[index_of(m)] && t.state == TrackState::kLost &&
        t_s - t.last_seen_s >= options_.reacquire_after_s) {
      long_lost = true;
    }
  }
  if (!long_lost) return;
  const std::optional<Leg> leg = best_leg(bgr);
  if (!leg) return;
  // The leg must be the one being tracked: every marker found in this frame is in it.
  constexpr double kSameBlob_px = 0.5;
  for (Marker m : kMarkers) {
    const auto& f = found[index_of(m)];
    if (f && distance(f->centre, (*leg)[index_of(m)].centre) > kSameBlob_px) return;
  }
  for (Marker m : kMarkers) {
    if (!found[index_of(m)]) found[index_of(m)] = (*leg)[index_of(m)];
  }
}

std::optional<Blob> MarkerTracker::follow(const cv::Mat& bgr, Marker m, const MarkerFrame& so_far) {
  const Track& t = tracks_[index_of(m)];
  const TrackerOptions& o = options_;
  PointPx predicted = t.last;
  double gate = o.gate_px;
  if (t.state == TrackState::kTracked) {
    predicted = {t.last.x_px + 0.5 * t.step.x_px, t.last.y_px + 0.5 * t.step.y_px};
  } else {
    gate = std::min(o.max_gate_px, o.gate_px + o.gate_growth_px * t.lost_frames);
  }
  const auto& hip = so_far.at(Marker::kHip);
  const auto& knee = so_far.at(Marker::kKnee);
  const auto& ankle = so_far.at(Marker::kAnkle);
  std::optional<Blob> best;
  double best_score = std::numeric_limits<double>::infinity();
  for (const Blob& b : candidates(bgr, m, box_around(predicted, gate))) {
    const double d = distance(b.centre, predicted);
    if (d > gate) continue;
    const double size = t.area_px > 0.0 ? std::abs(std::log(b.area_px / t.area_px)) : 0.0;
    if (size > std::log(o.max_area_ratio)) continue;
    // Where the body allows: hip above knee above ankle; a lost knee comes back only between
    // them (a marker that fell off lies on the floor, not between the hip and the ankle).
    const double y = b.centre.y_px;
    if (m == Marker::kHip && ((knee && y >= knee->y_px) || (ankle && y >= ankle->y_px))) continue;
    if (m == Marker::kAnkle && ((knee && y <= knee->y_px) || (hip && y <= hip->y_px))) continue;
    if (m == Marker::kKnee && ((hip && y <= hip->y_px) || (ankle && y >= ankle->y_px))) continue;
    if (m == Marker::kKnee && hip && ankle) {
      const double ratio = distance(*hip, b.centre) / distance(b.centre, *ankle);
      if (ratio > o.max_segment_ratio || ratio < 1.0 / o.max_segment_ratio) continue;
      if (bend_deg(*hip, b.centre, *ankle) > o.max_acquire_angle_deg) continue;
    }
    const double score = d / gate + size + (1.0 - b.fill);
    if (score < best_score) {
      best_score = score;
      best = b;
    }
  }
  return best;
}

void MarkerTracker::update(Marker m, const std::optional<Blob>& found, double t_s) {
  Track& t = tracks_[index_of(m)];
  if (!found) {
    if (t.state != TrackState::kNotYetSeen) {
      t.state = TrackState::kLost;
      ++t.lost_frames;
      t.step = {};
    }
    return;
  }
  t.step = t.state == TrackState::kTracked
               ? PointPx{found->centre.x_px - t.last.x_px, found->centre.y_px - t.last.y_px}
               : PointPx{};
  t.last = found->centre;
  t.area_px = t.area_px > 0.0 ? 0.8 * t.area_px + 0.2 * found->area_px : found->area_px;
  t.state = TrackState::kTracked;
  t.lost_frames = 0;
  t.last_seen_s = t_s;
}

MarkerFrame MarkerTracker::track(const cv::Mat& bgr, double t_s) {
  MarkerFrame frame;
  frame.t_s = t_s;
  const bool any_tracked = std::any_of(tracks_.begin(), tracks_.end(), [](const Track& t) {
    return t.state == TrackState::kTracked;
  });
  if (!any_tracked) {
    acquire_leg(bgr, frame);
    return frame;
  }
  // The tracked markers first, so a lost one is looked for beside where the others are now.
  std::array<std::optional<Blob>, 3> found;
  for (int pass = 0; pass < 2; ++pass) {
    for (Marker m : kMarkers) {
      const bool tracked = tracks_[index_of(m)].state == TrackState::kTracked;
      if (tracked != (pass == 0)) continue;
      found[index_of(m)] = follow(bgr, m, frame);
      if (found[index_of(m)]) frame.at(m) = found[index_of(m)]->centre;
    }
  }
  reacquire_long_lost(bgr, t_s, found);
  for (Marker m : kMarkers) {
    if (found[index_of(m)]) frame.at(m) = found[index_of(m)]->centre;
    update(m, found[index_of(m)], t_s);
  }
  return frame;
}

}  // namespace stance::vision
