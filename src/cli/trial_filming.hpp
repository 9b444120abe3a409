#pragma once
// A camera filming the markers while `stance record` records the plate. The command line itself
// has no camera (no OpenCV in `stance`): stance-knee gives the opener (cmd_record_camera.cpp), and
// `stance record … --camera` is handed to it.
#include <memory>
#include <string>

#include "core/knee/marker_frame.hpp"
#include "support/result.hpp"

namespace stance::cli {

class TrialFilming {
 public:
  virtual ~TrialFilming() = default;
  virtual Status start() = 0;                                // just before the plate's trial
  virtual knee::MarkerTrack finish(double plate_end_s) = 0;  // after it (its length, s)
};

using OpenTrialFilming = Result<std::unique_ptr<TrialFilming>> (*)(const std::string& camera,
                                                                   const std::string& plate_device,
                                                                   double plate_seconds);

}  // namespace stance::cli
