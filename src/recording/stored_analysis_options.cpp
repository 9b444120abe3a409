#include "recording/stored_analysis_options.hpp"

#include "core/validity/plate_geometry.hpp"

namespace stance {

TrialAnalysisOptions stored_analysis_options(const Recording& recording) {
  const TrialMetadata& m = recording.metadata;
  TrialAnalysisOptions options;
  options.task = m.task == Task::kUnspecified ? Task::kSingleLegStance : m.task;
  options.limb = m.limb;
  options.plate = plate_geometry(recording.plate);
  return options;
}

}  // namespace stance
