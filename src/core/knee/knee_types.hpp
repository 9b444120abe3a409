#pragma once
// What the knee video gives, per frame and per squat: plain structs with units in the names, so
// they can be stored and drawn as they are.
#include <optional>
#include <string>
#include <vector>

#include "core/knee/marker_frame.hpp"
#include "core/recording.hpp"

namespace stance::knee {

struct KneeFrame {
  double t_s = 0.0;                         // on the trial's time axis
  std::optional<PointPx> hip, knee, ankle;  // empty: LOST in this frame
  std::optional<double> fppa_deg;           // empty unless all three were found
};

struct KneeSquat {
  int index = 0;  // 1-based, in time order
  double start_s = 0.0, bottom_s = 0.0, end_s = 0.0;
  // FPPA in the frame where the hip is lowest: the middle of the frames within 1 px of the
  // lowest (empty if a marker was lost in that frame).
  std::optional<double> bottom_fppa_deg;
  // Largest FPPA (most valgus) and max − min FPPA over the squat's frames with an FPPA (the
  // knee's wobble); empty when no frame of the squat had one.
  std::optional<double> peak_fppa_deg, range_deg;
  int frames = 0;        // video frames within [start_s, end_s]
  int fppa_frames = 0;   // of those, with an FPPA
  bool complete = true;  // the video covers the whole squat (a file or camera may end early)
};

enum class SquatSource : std::uint8_t { kPlate, kHipMarker };

// A trial's knee figures without its frames: what is kept of them beside the recording (the
// stored analysis, the sheet).
struct KneeFigures {
  Limb limb = Limb::kUnspecified;
  SquatSource squats_from = SquatSource::kHipMarker;
  std::vector<KneeSquat> squats;
  // Median FPPA of the frames before the first squat (all frames when there is none).
  std::optional<double> standing_fppa_deg;
  // Means over squats 1–4 (Kwok & Kong 2024) that are complete and have the figure.
  std::optional<double> mean_peak_fppa_deg, mean_bottom_fppa_deg, mean_range_deg;
  int squats_in_mean = 0;
  std::vector<std::string> notes;  // what the reader must know (lost frames, early end)
};

struct KneeTrial : KneeFigures {
  std::vector<KneeFrame> frames;
};

}  // namespace stance::knee
