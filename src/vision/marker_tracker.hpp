#pragma once
// The three markers from frame to frame. Per frame: HSV thresholds, connected blobs, and the
// one blob that is the marker, chosen by distance from the predicted position, size and shape.
//
// Gating (docs/camera.md, "How the markers are found"): a tracked marker is looked for only
// within gate_px of where it is predicted (its last position plus half its last step); a blob
// outside the gate is never the marker, so a background object of the same colour cannot take the
// track. A marker not found is LOST in that frame (no position, never guessed). While lost it is
// looked for around its last position, the gate growing by gate_growth_px per lost frame up to
// max_gate_px, and only where the body allows (hip above knee above ankle). With no marker
// tracked at all (the start, or everything lost), the three are acquired together over the whole
// frame: the triple of candidates that best forms a leg. A marker lost for longer than
// reacquire_after_s (the patient stepped on while the host dropped frames, so it moved beyond
// the gate) is found again the same way: only as part of the best leg of the whole frame, and
// only if that leg is made of the markers still tracked where they were found in this frame.
#include <array>
#include <opencv2/core.hpp>
#include <optional>

#include "vision/blob_finder.hpp"
#include "vision/marker_types.hpp"

namespace stance::vision {

struct TrackerOptions {
  MarkerColours colours;
  BlobLimits blobs;
  double gate_px = 40.0;        // tracked: blobs within this of the prediction
  double gate_growth_px = 2.0;  // lost: the gate grows this much per lost frame ...
  double max_gate_px = 60.0;    // ... up to this
  double max_area_ratio = 3.0;  // a candidate's area within this factor of the marker's
  double min_fill = 0.35;       // a disc fills 0.785 of its box; a thin streak is not a marker
  // Acquisition of the leg: thigh/shank length ratio and the angle between them.
  double max_segment_ratio = 2.5;
  double max_acquire_angle_deg = 45.0;
  // Lost this long (seconds of the frames' time): looked for as part of the whole leg.
  double reacquire_after_s = 1.0;
};

enum class TrackState : std::uint8_t { kNotYetSeen, kTracked, kLost };

class MarkerTracker {
 public:
  explicit MarkerTracker(TrackerOptions options = {});

  // The markers of one 8-bit BGR frame taken at t_s; frames in time order.
  MarkerFrame track(const cv::Mat& bgr, double t_s);
  void reset();

  TrackState state(Marker m) const { return tracks_[index_of(m)].state; }
  const TrackerOptions& options() const { return options_; }

 private:
  struct Track {
    TrackState state = TrackState::kNotYetSeen;
    PointPx last{}, step{};
    double area_px = 0.0;
    int lost_frames = 0;
    double last_seen_s = 0.0;
  };
  using Leg = std::array<Blob, 3>;  // hip, knee, ankle

  // Blobs of the marker's colour within `roi` of the frame, and within a frame already in HSV
  // whose pixel (0, 0) is `offset` of the frame; in frame coordinates.
  std::vector<Blob> candidates(const cv::Mat& bgr, Marker m, const cv::Rect& roi);
  std::vector<Blob> candidates_in(const cv::Mat& hsv, Marker m, cv::Point offset);
  // The triple of candidates over the whole frame that best forms a leg (docs/camera.md).
  std::optional<Leg> best_leg(const cv::Mat& bgr);
  void acquire_leg(const cv::Mat& bgr, MarkerFrame& frame);
  void reacquire_long_lost(const cv::Mat& bgr, double t_s,
                           std::array<std::optional<Blob>, 3>& found);
  std::optional<Blob> follow(const cv::Mat& bgr, Marker m, const MarkerFrame& so_far);
  void update(Marker m, const std::optional<Blob>& found, double t_s);

  TrackerOptions options_;
  std::array<Track, 3> tracks_{};
  cv::Mat hsv_, mask_;
  BlobBuffers buffers_;
};

}  // namespace stance::vision
