#pragma once
// The pictures of a trial, kept when the clinic keeps videos and the patient consented
// (docs/store.md, "Videos"): JPEG-compressed as the camera delivered them, with their times on
// the trial's time axis. Written beside the store as a video file; never in the store or an
// export.
#include <cstdint>
#include <string>
#include <vector>

namespace stance::knee {

struct KeptPicture {
  double t_s = 0.0;
  std::vector<std::uint8_t> jpeg;
};

struct KeptVideo {
  std::string camera;
  double rate_hz = 0.0;
  int width_px = 0, height_px = 0;
  std::vector<KeptPicture> pictures;
  double seconds() const {
    return pictures.empty() ? 0.0 : pictures.back().t_s - pictures.front().t_s;
  }
};

}  // namespace stance::knee
