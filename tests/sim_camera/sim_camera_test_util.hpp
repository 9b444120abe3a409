#pragma once
// Helpers for the simulated camera's tests: film a simulated person on the virtual clock through
// the marker tracker, and the person's true figures to compare with.
#include <memory>
#include <string>
#include <vector>

#include "core/knee/knee_analysis.hpp"
#include "simulated/camera/simulated_camera.hpp"
#include "vision/marker_tracker.hpp"

namespace stance::test {

// The sanitizer build runs the same checks on fewer squats and persons.
#ifdef STANCE_SANITIZED
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

struct Filmed {
  std::unique_ptr<sim::SimulatedCamera> camera;
  std::vector<knee::MarkerFrame> markers;  // the tracker's, one per frame
  std::vector<sim::RenderedFrame> drawn;   // what each frame showed (truth)
};

// Opens "sim-camera:realtime=0,<options>" (failing the calling test when it cannot), reads it
// to its end and tracks every frame.
Filmed film(const std::string& options, const vision::TrackerOptions& tracker = {});

// The truth of squat k: the largest FPPA over the rep, from the skin markers projected on the
// frontal plane (what an ideal frontal camera measures: the clinical FPPA) and from the joint
// centres (the body's own), sampled every 2 ms from the rep's start to its end.
struct RepTruth {
  double start_s = 0.0, bottom_s = 0.0, end_s = 0.0;
  double peak_markers_deg = 0.0, peak_joints_deg = 0.0;
};
std::vector<RepTruth> rep_truth(const sim::SubjectModel& subject);

// The FPPA a perfect marker detector would give on this frame (the drawn centres through
// knee::fppa_deg); nullopt when a marker was not visible.
std::optional<double> drawn_fppa_deg(const sim::RenderedFrame& frame, Limb limb);

// The picture's truth of a squat: the largest drawn_fppa_deg over the camera's frames stamped
// within [start_s, end_s]; nullopt when no frame there shows the three markers.
std::optional<double> picture_peak_deg(const sim::SimulatedCamera& camera, Limb limb,
                                       double start_s, double end_s);

}  // namespace stance::test
