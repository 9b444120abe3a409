#pragma once
// Where the live data comes from: one live session on a real plate for the whole visit, or, on
// the simulated plate, a new simulated patient for every trial who steps on and does exactly
// what the protocol step asks (a simulated person cannot be told mid-stream to switch legs).
// A camera, when one is chosen, films beside every plate the source opens (the simulated camera
// beside the simulated plate films that plate's person), and every trial keeps its markers.
#include <memory>
#include <optional>
#include <string>

#include "core/test_protocol.hpp"
#include "device/driver_registry.hpp"
#include "live/live_session.hpp"
#include "support/result.hpp"
#include "vision/live_camera.hpp"

namespace stance::app {

class LiveSource {
 public:
  LiveSource(const DriverRegistry& drivers, std::string address);

  bool simulated() const { return address_.rfind("sim", 0) == 0; }
  const std::string& address() const { return address_; }
  const DriverRegistry& drivers() const { return drivers_; }

  // The session for the live view before a trial is planned (opened on first use).
  Result<live::LiveSession*> idle();
  // The session in which this step is recorded, with its trial planned.
  // `involved`: the patient's painful side, for the simulated patient.
  // `plate_not_verified`: why the plate in use is not verified (the trial's recording carries it),
  // or empty.
  Result<live::LiveSession*> for_step(const TrialCondition& step, const TestProtocol& protocol,
                                      bool auto_start, int step_index, Limb involved,
                                      const std::string& plate_not_verified = "");
  live::LiveSession* current() { return session_.get(); }
  void close();  // stops the plate and camera; snapshots already taken stay valid
  // Another plate from now on (closes the one in use; the next idle() or step opens it).
  void use(std::string address) {
    close();
    address_ = std::move(address);
    in_use_tare_.reset();
  }
  // The adjustment (tare, gains, last known-mass check) of the plate in use, as loaded when it
  // was last opened (after every calibration step); none before it could be opened. On the
  // simulated plate this is the device view's plate, not each step's simulated patient's.
  const std::optional<Tare>& in_use_tare() const { return in_use_tare_; }

  // The camera filming beside the plate from the next plate opened on: "auto" (the simulated
  // camera beside the simulated plate, filming its person; none beside a real plate), "none"
  // (or ""), or an address as camera/open_camera.hpp takes it.
  void use_camera(std::string address) {
    close();
    camera_address_ = std::move(address);
  }
  const std::string& camera_address() const { return camera_address_; }
  // What the camera shows now (null: no camera); why it is not filming, when it could not open.
  std::shared_ptr<const vision::CameraView> camera_view() const;
  const std::string& camera_error() const { return camera_error_; }
  vision::LiveCamera* camera() { return camera_.get(); }  // null: none filming
  // The markers of the stored trial being replayed (null: none filmed, or no replay).
  const std::shared_ptr<const knee::MarkerTrack>& replay_markers() const { return replay_markers_; }

  // Plays a stored trial back in the live view through the calibration it was recorded with;
  // nothing from it is saved. Any other use of the source ends the replay.
  Status replay(Recording recording, double speed = 1.0);
  bool replaying() const { return replaying_; }

  // The simulated plate's address for a step: the one simulated patient
  // (simulated/simulated_patient.hpp), then the options the plate was chosen with (`stance gui
  // --device sim:wobble=0.2` changes the patient), then the step's leg and task (public for
  // tests).
  std::string simulated_address(const TrialCondition& step, int step_index, Limb involved) const;

 private:
  Result<live::LiveSession*> open(const std::string& address);
  live::LiveSession* start(live::LiveSession* session);  // the camera first, at the same moment

  const DriverRegistry& drivers_;
  std::string address_;
  std::string camera_address_;
  std::string camera_error_;
  std::shared_ptr<vision::LiveCamera> camera_;  // shared with the live session's options
  std::unique_ptr<live::LiveSession> session_;
  std::shared_ptr<const knee::MarkerTrack> replay_markers_;
  bool replaying_ = false;
  std::optional<Tare> in_use_tare_;
};

live::TrialPlan trial_plan(const TrialCondition& step, const TestProtocol& protocol,
                           bool auto_start, const std::string& plate_not_verified = "");

}  // namespace stance::app
