#pragma once
// Draws what the simulated camera sees at one instant: a room (wall, floor, the force plate), the
// person's legs, pelvis and trunk as flat shapes, and the three coloured skin-marker discs
// (magenta ASIS, green mid-patella, blue ankle midpoint: the tracker's default colours), then
// the faults asked for (a hand over a marker, a marker lying on the floor, the light), the lens
// blur and the sensor noise. docs/simulator.md, "The simulated camera".
#include <array>
#include <cstdint>
#include <opencv2/core.hpp>
#include <optional>

#include "simulated/camera/body_figure.hpp"
#include "simulated/camera/pinhole.hpp"
#include "simulated/camera/sim_camera_options.hpp"
#include "simulated/subject_model.hpp"

namespace stance::sim {

// What was drawn in one frame, for tests: each marker's projected centre (the centre of its
// disc), or nullopt when it was not visible as a marker on the leg (covered, fallen off).
struct RenderedFrame {
  double body_t_s = 0.0;  // the instant of the body shown (the stamp minus the delay)
  std::array<std::optional<ImagePoint>, 3> markers;  // hip, knee, ankle
};

class SceneRenderer {
 public:
  // `subject` must outlive the renderer.
  SceneRenderer(const SubjectModel& subject, const SimCameraOptions& options, std::uint64_t seed);

  const PinholeCamera& camera() const { return camera_; }
  // The frame stamped t_s (the index seeds its noise, so any frame renders alike in any order)
  // into `bgr` (8-bit BGR, reused).
  RenderedFrame render(double t_s, std::int64_t index, cv::Mat& bgr);
  // The same without drawing: where each marker of the frame stamped t_s is.
  RenderedFrame truth(double t_s) const;

 private:
  RenderedFrame seen(const BodyFigure& f, double t_s) const;
  void draw_body(const BodyFigure& f, cv::Mat& bgr) const;
  bool covered(std::size_t marker, double t_s) const;
  bool fallen(std::size_t marker, double t_s) const;

  const SubjectModel& subject_;
  SimCameraOptions options_;
  std::uint64_t seed_;
  PinholeCamera camera_;
  cv::Mat background_;  // the room without the person, drawn once
  cv::Mat noise_;       // reused buffer
};

// The standing knee's height: the simulated camera's default height.
double standing_knee_height_m(const SubjectModel& subject);

}  // namespace stance::sim
