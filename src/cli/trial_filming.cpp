#include "cli/trial_filming.hpp"

namespace stance::cli {

std::string camera_needs_stance_knee(const std::string& command, const std::string& camera) {
  return "--camera is read by stance-knee, installed beside stance: run it as `stance " + command +
         " … --camera " + camera + "`";
}

double recorded_seconds(const Recording& r) {
  return static_cast<double>(r.counters.frames_received + r.counters.frames_lost) / r.rate_hz;
}

Result<RecordOutcome> record_filmed_trial(PlateDevice& plate, const RecordRequest& request,
                                          TrialFilming* filming) {
  if (filming != nullptr) {
    if (Status s = filming->start(); !s) return s.error();
  }
  auto outcome = record_trial(plate, request);
  if (outcome && filming != nullptr) {
    outcome->recording.markers =
        std::make_shared<knee::MarkerTrack>(filming->finish(recorded_seconds(outcome->recording)));
  }
  return outcome;
}

}  // namespace stance::cli
