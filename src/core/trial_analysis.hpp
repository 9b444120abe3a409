#pragma once
// The whole analysis of one trial, in the product's order: what the recording holds, the COP
// descriptor set of the chosen preset, and for squats the repetitions and the ML squat steadiness,
// then the verdict. The command line, the store and the dashboard all call this one function.
#include <memory>
#include <optional>

#include "core/basic_analysis.hpp"
#include "core/descriptors/compute_descriptors.hpp"
#include "core/knee/knee_analysis.hpp"
#include "core/recording.hpp"
#include "core/squat/squat_analysis.hpp"
#include "core/steadiness/squat_steadiness.hpp"
#include "core/validity/plate_geometry.hpp"
#include "core/validity/trial_verdict.hpp"

namespace stance {

struct TrialAnalysisOptions {
  Task task = Task::kSingleLegStance;
  Limb limb = Limb::kUnspecified;  // the standing leg: says which way is medial
  DescriptorOptions descriptors;   // preset, window, low-pass
  SquatOptions squat;
  SteadinessOptions steadiness;
  ValidityOptions validity;
  std::optional<PlateGeometry> plate;  // the sensing area, for the COP-outside rule
  // The camera's marker tracks on the trial's time axis (null: no camera): the knee's FPPA.
  std::shared_ptr<const knee::MarkerTrack> markers;
};

struct TrialAnalysis {
  Task task = Task::kSingleLegStance;
  BasicAnalysis summary;  // window, sample counts, lost samples, body weight, basic sway
  DescriptorSet descriptors;
  std::optional<SquatAnalysis> squats;        // squat task only
  std::optional<SquatSteadiness> steadiness;  // squat task only
  std::optional<knee::KneeTrial> knee;        // when a camera filmed the markers
  TrialVerdict verdict;
};

// Errors only for input that cannot be analysed at all (no samples, a window outside the
// recording, an impossible setting); everything else is in the verdict and the notes.
Result<TrialAnalysis> analyze_trial(const ForceSamples& samples,
                                    const TrialAnalysisOptions& options = {});

}  // namespace stance
