#include "squat_test_util.hpp"

#include <gtest/gtest.h>

#include "core/recording_samples.hpp"
#include "device/trial_recorder.hpp"
#include "simulated/simulated_driver.hpp"

namespace stance::test {

SimTrial simulate(const std::string& options, double seconds, double extra_s) {
  SimTrial t;
  auto plate = sim::SimulatedDriver::open_simulated("realtime=0," + options);
  if (!plate) {
    ADD_FAILURE() << options << ": " << plate.error().message;
    return t;
  }
  t.truth = (*plate)->subject().truth();
  RecordRequest request;
  request.seconds = seconds > 0.0 ? seconds : t.truth.trial_end_s + extra_s;
  auto outcome = record_trial(**plate, request);
  if (!outcome) {
    ADD_FAILURE() << options << ": " << outcome.error().message;
    return t;
  }
  t.samples = samples_from_recording(outcome->recording);
  t.plate = outcome->recording.plate;
  t.faults = (*plate)->fault_truth();
  return t;
}

}  // namespace stance::test
