#include "core/analysis_policy.hpp"

#include <algorithm>

#include "core/validity/plate_geometry.hpp"

namespace stance {

TrialAnalysisOptions analysis_options_for(const Recording& recording) {
  const TrialMetadata& m = recording.metadata;
  TrialAnalysisOptions options;
  options.task = m.task == Task::kUnspecified ? Task::kSingleLegStance : m.task;
  options.limb = m.limb;
  options.plate = plate_geometry(recording.plate);
  options.markers = recording.markers;
  options.validity.expected_reps = m.squats_asked();
  options.validity.min_reps = std::min(options.validity.min_reps, m.squats_asked());
  if (const auto mark = m.extra.find(kPlateNotVerifiedKey); mark != m.extra.end()) {
    options.validity.plate_not_verified = mark->second;
  }
  return options;
}

void mark_plate_not_verified(TrialMetadata& metadata, const std::string& reason) {
  metadata.extra[kPlateNotVerifiedKey] = reason;
}

}  // namespace stance
