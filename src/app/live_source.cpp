#include "app/live_source.hpp"

#include "camera/open_camera.hpp"
#include "device/replay_plate.hpp"
#include "services/plate_adjustments.hpp"
#include "simulated/simulated_patient.hpp"

namespace stance::app {

LiveSource::LiveSource(const DriverRegistry& drivers, std::string address)
    : drivers_(drivers), address_(std::move(address)) {}

live::TrialPlan trial_plan(const TrialCondition& step, const TestProtocol& protocol,
                           bool auto_start, const std::string& plate_not_verified) {
  live::TrialPlan plan;
  static_cast<TrialCondition&>(plan) = step;  // the step carries the squats asked for
  plan.stance_seconds = protocol.seconds;
  plan.auto_start = auto_start;
  plan.plate_not_verified = plate_not_verified;
  return plan;
}

std::string LiveSource::simulated_address(const TrialCondition& step, int step_index,
                                          Limb involved) const {
  const auto colon = address_.find(':');
  const std::string user = colon == std::string::npos ? "" : address_.substr(colon + 1);
  // The patient steps on after a moment, then does the step; each trial a new seed.
  std::string a = "sim:empty_s=1.5,seed=" + std::to_string(100 + step_index) + "," +
                  sim::simulated_patient_options(involved, step);
  if (user.empty()) return a;
  // The user's options win over the patient's, never over the step's leg and task.
  return a + "," + user + ",limb=" + to_string(step.limb) +
         ",task=" + (step.task == Task::kSingleLegSquat ? "squat" : "stance");
}

void LiveSource::close() {
  session_.reset();  // first: its thread asks the camera for markers
  camera_.reset();
  replay_markers_.reset();
  replaying_ = false;
}

std::shared_ptr<const vision::CameraView> LiveSource::camera_view() const {
  return camera_ ? camera_->view() : nullptr;
}

live::LiveSession* LiveSource::start(live::LiveSession* session) {
  if (camera_) {
    if (Status s = camera_->start(); !s) camera_error_ = s.error().message;
  }
  session->start();
  return session;
}

Status LiveSource::replay(Recording recording, double speed) {
  close();
  live::TrialPlan plan;
  static_cast<TrialCondition&>(plan) = recording.metadata.condition();  // analysed as it was
  if (plan.task != Task::kSingleLegSquat) plan.task = Task::kSingleLegStance;
  plan.auto_start = false;           // recording from the first frame, as it was
  const Tare tare = recording.tare;  // the zero and gains it was recorded with
  // The markers it kept are played back beside it, so its analysis is the stored one's.
  replay_markers_ = recording.markers;
  auto plate = std::make_unique<ReplayPlate>(std::move(recording), speed);
  if (plate->duration_s() <= 0.0) return Error{"the stored trial has no frames to replay"};
  // It ends where the recording ends, or as the protocol's trials do, after the fifth squat.
  plan.stance_seconds = plan.squat_timeout_s = plate->duration_s() - 0.01;
  live::LiveOptions options;
  options.calibration_text = "replay of a stored trial; " + describe_adjustment(tare);
  if (replay_markers_) options.camera = std::make_shared<knee::RecordedMarkerFeed>(replay_markers_);
  session_ = std::make_unique<live::LiveSession>(std::move(plate), tare, options);
  replaying_ = true;
  session_->begin_trial(plan);
  session_->start_now();
  session_->start();
  return {};
}

Result<live::LiveSession*> LiveSource::open(const std::string& address) {
  close();  // the old session stops (and its plate is closed) first
  auto plate = drivers_.open(address);
  if (!plate) return plate.error();
  auto adjustment = adjustment_for(**plate);
  if (!adjustment) return adjustment.error();
  if (address == address_) in_use_tare_ = adjustment->tare;
  live::LiveOptions options;
  options.calibration_text = describe_adjustment(adjustment->tare);
  camera_error_.clear();
  std::string camera_address = camera_address_ == "none" ? "" : camera_address_;
  if (camera_address == "auto") camera_address = simulated() ? camera::kSimCameraScheme : "";
  if (!camera_address.empty()) {
    auto camera = vision::open_live_camera(camera_address, address);
    if (camera) {
      camera_ = std::move(*camera);
      options.camera = camera_;
    } else {
      camera_error_ = camera.error().message;  // the plate records without it
    }
  }
  session_ = std::make_unique<live::LiveSession>(std::move(*plate), adjustment->tare, options);
  return session_.get();
}

Result<live::LiveSession*> LiveSource::idle() {
  if (session_) return session_.get();
  auto s = open(address_);
  if (!s) return s;
  return start(*s);
}

Result<live::LiveSession*> LiveSource::for_step(const TrialCondition& step,
                                                const TestProtocol& protocol, bool auto_start,
                                                int step_index, Limb involved,
                                                const std::string& plate_not_verified) {
  if (simulated()) {
    auto s = open(simulated_address(step, step_index, involved));
    if (!s) return s;
    if (camera_) camera_->set_limb(step.limb);
    (*s)->begin_trial(trial_plan(step, protocol, auto_start, plate_not_verified));
    return start(*s);
  }
  if (replaying_) close();
  auto s = idle();
  if (!s) return s;
  if (camera_) camera_->set_limb(step.limb);
  (*s)->begin_trial(trial_plan(step, protocol, auto_start, plate_not_verified));
  return s;
}

}  // namespace stance::app
