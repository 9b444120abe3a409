#pragma once
// The options of the simulated camera ("sim-camera:key=value,..."): where the camera stands and
// how it is turned, its lens and sensor, the light, and what happens to the markers. The same
// option text also holds the simulated person's options (those of "sim:", docs/simulator.md),
// so that the camera films the very person a simulated plate with those options carries.
#include <optional>
#include <span>
#include <string>

#include "simulated/sim_options.hpp"
#include "support/result.hpp"

namespace stance::sim {

enum class SimMarker : std::uint8_t { kNone, kHip, kKnee, kAnkle };

struct SimCameraOptions {
  // Picture and timing.
  int width_px = 640, height_px = 480;
  double rate_hz = 30.0;
  double focal_px = 900.0;  // pinhole focal length in pixels (horizontal field of view 39°)
  // Placement, plate frame: `distance_m` in front of the stance ankle, in line with the foot
  // (the set-up of docs/camera.md), at `height_m` (unset: the standing knee's
  // height), moved `lateral_m` to the patient's right; then moved round the vertical through
  // the stance ankle by `orbit_deg` (+ toward the patient's right), still facing it; then
  // turned at its place: yaw (+ to its own right), pitch (+ down), roll (+ clockwise seen from
  // behind the camera).
  double distance_m = 2.5;
  std::optional<double> height_m;
  double lateral_m = 0.0;
  double orbit_deg = 0.0, yaw_deg = 0.0, pitch_deg = 0.0, roll_deg = 0.0;
  // Sensor and light.
  double noise_sd = 3.0;  // Gaussian noise per pixel and channel, grey levels (8-bit)
  double blur_px = 0.7;   // Gaussian blur sigma, pixels (lens and focus); 0 = none
  double gain = 1.0;      // brightness factor of the whole picture (the room's light)
  std::optional<double> light_change_s;  // from this time the light changes...
  double light_change_gain = 1.0;        // ...to this factor
  // Markers: discs of this diameter facing forward (anterior) on the skin.
  double marker_diameter_m = 0.040;
  SimMarker occluded = SimMarker::kNone;  // a hand over this marker...
  double occlusion_start_s = 0.0;         // ...from here...
  double occlusion_duration_s = 0.4;      // ...for this long
  SimMarker fallen = SimMarker::kNone;    // this marker falls off and lies by the foot...
  double fall_s = 0.0;                    // ...from here
  // Timing faults: a frame stamped t shows the body at t − delay (the stamp is late, as a
  // webcam's is by its exposure and transfer); the camera stops delivering at unplug_s.
  double delay_s = 0.0;
  std::optional<double> unplug_s;
  std::optional<double> duration_s;  // unset: the simulated trial's end + 0.5 s
};

struct SimCameraSetup {
  SimOptions person;  // the simulated person (and its pacing: realtime, speed, seed)
  SimCameraOptions camera;
};

// One documented option of the camera (the person's are those of sim_option_docs()).
std::span<const SimOptionDoc> sim_camera_option_docs();

// Parses the text after "sim-camera:": the camera's own options, and every other key as an
// option of the simulated person (parse_sim_options). Errors name the option.
Result<SimCameraSetup> parse_sim_camera_options(const std::string& text);
std::string sim_camera_options_help();

}  // namespace stance::sim
