#pragma once
// A camera filming the markers while `stance record` records the plate. The command line itself
// has no camera (no OpenCV in `stance`): stance-knee gives the opener (cmd_record_camera.cpp), and
// `stance record … --camera` is handed to it.
#include <memory>
#include <string>

#include "core/knee/marker_frame.hpp"
#include "device/trial_recorder.hpp"
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

// What `stance` says to --camera: the camera is read by stance-knee, which `stance` hands
// `record`, `session record` and `demo` to when it is installed beside it.
std::string camera_needs_stance_knee(const std::string& command, const std::string& camera);

// A trial's length on the plate's clock: lost frames count as elapsed time.
double recorded_seconds(const Recording& r);

// Records a trial on `plate`; with `filming` (may be null) the camera is started just before the
// plate and the markers it filmed go with the recording. A camera that cannot start stops the
// trial before anything is recorded (the clinician asked for it).
Result<RecordOutcome> record_filmed_trial(PlateDevice& plate, const RecordRequest& request,
                                          TrialFilming* filming);

}  // namespace stance::cli
