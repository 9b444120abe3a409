#pragma once
// Helpers for the squat, wobble and validity tests: record a simulated trial through the whole
// product path (simulated person → SPP bytes → decoder → recording → calibration) and keep the
// simulator's truth next to the samples.
#include <string>
#include <vector>

#include "core/force_samples.hpp"
#include "core/plate.hpp"
#include "simulated/device_stream.hpp"
#include "simulated/subject_model.hpp"

namespace stance::test {

struct SimTrial {
  ForceSamples samples;
  PlateInfo plate;
  sim::SubjectTruth truth;
  sim::FaultTruth faults;
};

// Records "realtime=0,<options>" for `seconds`, or, when seconds <= 0, until the truth's
// trial_end_s plus extra_s. Fails the calling test (ADD_FAILURE) when the plate cannot open.
SimTrial simulate(const std::string& options, double seconds = 0.0, double extra_s = 0.0);

}  // namespace stance::test
