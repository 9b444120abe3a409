#include "simulated/camera/sim_camera_options.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/key_value_options.hpp"

namespace stance::sim {
namespace {

// A numeric option: its documentation, range (in the option's unit), the factor to SI, and the
// member it sets (plain or optional).
struct NumberOption {
  SimOptionDoc doc;
  double lo, hi, to_si;
  double SimCameraOptions::*plain;
  std::optional<double> SimCameraOptions::*maybe;
};

using O = SimCameraOptions;
constexpr double kMm = 1.0e-3;

// Every numeric option, in help order. The default texts are checked against
// SimCameraOptions{} by a test.
const std::array kNumbers{
    NumberOption{{"fps", "Hz", "30", "frame rate (1..240)"}, 1.0, 240.0, 1.0, &O::rate_hz, nullptr},
    NumberOption{{"focal_px", "px", "900", "focal length of the pinhole camera (100..10000)"},
                 100.0,
                 10000.0,
                 1.0,
                 &O::focal_px,
                 nullptr},
    NumberOption{
        {"cam_dist_m", "m", "2.5", "distance in front of the stance ankle, horizontal (0.5..20)"},
        0.5,
        20.0,
        1.0,
        &O::distance_m,
        nullptr},
    NumberOption{{"cam_height_m", "m", "knee",
                  "height of the lens above the plate (0..3); default the standing knee's"},
                 0.0,
                 3.0,
                 1.0,
                 nullptr,
                 &O::height_m},
    NumberOption{{"cam_lateral_mm", "mm", "0", "camera moved to the patient's right (-2000..2000)"},
                 -2000.0,
                 2000.0,
                 kMm,
                 &O::lateral_m,
                 nullptr},
    NumberOption{{"orbit_deg", "deg", "0",
                  "camera moved round the tested leg, + to the patient's right, still facing "
                  "it (-90..90)"},
                 -90.0,
                 90.0,
                 1.0,
                 &O::orbit_deg,
                 nullptr},
    NumberOption{
        {"yaw_deg", "deg", "0", "camera turned at its place, + to its own right (-45..45)"},
        -45.0,
        45.0,
        1.0,
        &O::yaw_deg,
        nullptr},
    NumberOption{{"pitch_deg", "deg", "0", "camera tilted, + down (-45..45)"},
                 -45.0,
                 45.0,
                 1.0,
                 &O::pitch_deg,
                 nullptr},
    NumberOption{{"roll_deg", "deg", "0",
                  "camera rolled about its axis, + clockwise seen from behind it (-45..45)"},
                 -45.0,
                 45.0,
                 1.0,
                 &O::roll_deg,
                 nullptr},
    NumberOption{{"noise", "grey levels", "3", "sensor noise SD per pixel and channel (0..50)"},
                 0.0,
                 50.0,
                 1.0,
                 &O::noise_sd,
                 nullptr},
    NumberOption{{"blur_px", "px", "0.7", "Gaussian blur sigma (0..5)"},
                 0.0,
                 5.0,
                 1.0,
                 &O::blur_px,
                 nullptr},
    NumberOption{{"gain", "", "1", "brightness of the room's light (0.2..2)"},
                 0.2,
                 2.0,
                 1.0,
                 &O::gain,
                 nullptr},
    NumberOption{{"light_s", "s", "none", "the light changes at this time..."},
                 0.0,
                 86400.0,
                 1.0,
                 nullptr,
                 &O::light_change_s},
    NumberOption{{"light_gain", "", "1", "...to this brightness (0.2..2)"},
                 0.2,
                 2.0,
                 1.0,
                 &O::light_change_gain,
                 nullptr},
    NumberOption{{"marker_mm", "mm", "40", "diameter of the skin-marker discs (5..100)"},
                 5.0,
                 100.0,
                 kMm,
                 &O::marker_diameter_m,
                 nullptr},
    NumberOption{{"occlude_s", "s", "0", "a hand covers the marker `occlude` from here..."},
                 0.0,
                 86400.0,
                 1.0,
                 &O::occlusion_start_s,
                 nullptr},
    NumberOption{{"occlude_dur_s", "s", "0.4", "...for this long (0..600)"},
                 0.0,
                 600.0,
                 1.0,
                 &O::occlusion_duration_s,
                 nullptr},
    NumberOption{{"falloff_s", "s", "0", "the marker `falloff` falls to the floor at this time"},
                 0.0,
                 86400.0,
                 1.0,
                 &O::fall_s,
                 nullptr},
    NumberOption{{"delay_ms", "ms", "0",
                  "a frame stamped t shows the body at t - delay (a late stamp) (0..1000)"},
                 0.0,
                 1000.0,
                 kMm,
                 &O::delay_s,
                 nullptr},
    NumberOption{{"cam_unplug_s", "s", "none", "the camera stops delivering frames here"},
                 0.0,
                 86400.0,
                 1.0,
                 nullptr,
                 &O::unplug_s},
    NumberOption{{"cam_duration_s", "s", "trial end + 0.5",
                  "length of the video (0.1..3600); default the simulated trial's end + 0.5 s"},
                 0.1,
                 3600.0,
                 1.0,
                 nullptr,
                 &O::duration_s},
};

// The options that are not numbers.
const std::array kOthers{
    SimOptionDoc{"width_px", "px", "640", "picture width (64..4096)"},
    SimOptionDoc{"height_px", "px", "480", "picture height (48..4096)"},
    SimOptionDoc{"occlude", "", "none", "none, hip, knee or ankle: the marker a hand covers"},
    SimOptionDoc{"falloff", "", "none", "none, hip, knee or ankle: the marker that falls off"},
};

std::vector<SimOptionDoc> all_docs() {
  std::vector<SimOptionDoc> docs(kOthers.begin(), kOthers.begin() + 2);
  for (const NumberOption& n : kNumbers) docs.push_back(n.doc);
  docs.push_back(kOthers[2]);
  docs.push_back(kOthers[3]);
  return docs;
}

bool is_camera_key(const std::string& key) {
  for (const SimOptionDoc& d : all_docs()) {
    if (key == d.name) return true;
  }
  return false;
}

std::string range_error(const std::string& key, const std::string& text, double lo, double hi) {
  char range[96];
  std::snprintf(range, sizeof range, "%g to %g", lo, hi);
  return "sim-camera: option " + key + "=" + text + " is out of range (" + range + ")";
}

Result<SimMarker> parse_marker(const std::string& key, const std::string& text) {
  if (text == "none") return SimMarker::kNone;
  if (text == "hip") return SimMarker::kHip;
  if (text == "knee") return SimMarker::kKnee;
  if (text == "ankle") return SimMarker::kAnkle;
  return Error{"sim-camera: option " + key + "=" + text + " must be none, hip, knee or ankle"};
}

Status read_camera(const KeyValueOptions& kv, SimCameraOptions& o) {
  for (const NumberOption& n : kNumbers) {
    if (!kv.has(n.doc.name)) continue;
    const Result<double> v = kv.number(n.doc.name, 0.0);
    if (!v) return Error{"sim-camera: " + v.error().message};
    if (!(*v >= n.lo && *v <= n.hi)) {
      return Error{range_error(n.doc.name, kv.text(n.doc.name, ""), n.lo, n.hi)};
    }
    if (n.plain != nullptr) o.*n.plain = *v * n.to_si;
    if (n.maybe != nullptr) o.*n.maybe = *v * n.to_si;
  }
  for (const auto& [key, out, lo, hi] : {std::tuple{"width_px", &o.width_px, 64L, 4096L},
                                         std::tuple{"height_px", &o.height_px, 48L, 4096L}}) {
    const Result<long> v = kv.integer(key, *out);
    if (!v) return Error{"sim-camera: " + v.error().message};
    if (*v < lo || *v > hi) {
      return Error{
          range_error(key, kv.text(key, ""), static_cast<double>(lo), static_cast<double>(hi))};
    }
    *out = static_cast<int>(*v);
  }
  const Result<SimMarker> occluded = parse_marker("occlude", kv.text("occlude", "none"));
  if (!occluded) return occluded.error();
  o.occluded = *occluded;
  const Result<SimMarker> fallen = parse_marker("falloff", kv.text("falloff", "none"));
  if (!fallen) return fallen.error();
  o.fallen = *fallen;
  return {};
}

}  // namespace

std::span<const SimOptionDoc> sim_camera_option_docs() {
  static const std::vector<SimOptionDoc> docs = all_docs();
  return docs;
}

Result<SimCameraSetup> parse_sim_camera_options(const std::string& text) {
  // Split the text: the camera's keys here, the person's to the simulator's own parser.
  std::string camera_text, person_text;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    if (item.empty()) continue;
    std::string& to = is_camera_key(item.substr(0, item.find('='))) ? camera_text : person_text;
    to += (to.empty() ? "" : ",") + item;
  }
  SimCameraSetup setup;
  Result<KeyValueOptions> camera_kv = KeyValueOptions::parse(camera_text);
  if (!camera_kv) return Error{"sim-camera: " + camera_kv.error().message};
  if (Status s = read_camera(*camera_kv, setup.camera); !s) return s.error();
  Result<SimOptions> person = parse_sim_options(person_text);
  if (!person) {
    return Error{"sim-camera: " + person.error().message +
                 " (camera options: see `sim-camera:help`)"};
  }
  setup.person = std::move(*person);
  return setup;
}

std::string sim_camera_options_help() {
  std::string out =
      "Simulated camera (no hardware): films the simulated person through a pinhole camera.\n"
      "Options, after \"sim-camera:\", comma-separated key=value, e.g.\n"
      "  sim-camera:seed=3,task=squat,preset=pfp,noise=4,orbit_deg=10,realtime=0\n"
      "Every option of the simulated person (sim:help) is also accepted. See "
      "docs/simulator.md.\n";
  return out + option_help_lines(sim_camera_option_docs());
}

}  // namespace stance::sim
