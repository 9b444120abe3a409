#include "core/trial_analysis.hpp"

#include <cmath>

namespace stance {

Result<TrialAnalysis> analyze_trial(const ForceSamples& samples,
                                    const TrialAnalysisOptions& options) {
  BasicAnalysisOptions basic;
  basic.start_s = options.descriptors.start_s;
  basic.end_s = options.descriptors.end_s;
  basic.sway = false;  // the descriptor set below holds every sway measure
  if (options.descriptors.lowpass) basic.lowpass = *options.descriptors.lowpass;
  auto summary = analyze_basic(samples, basic);
  if (!summary) return summary.error();
  auto descriptors = compute_descriptors(samples, options.descriptors);
  if (!descriptors) return descriptors.error();

  TrialAnalysis out;
  out.task = options.task;
  out.summary = std::move(*summary);
  out.descriptors = std::move(*descriptors);
  // Squats, wobble and validity look at the same window as the descriptors.
  const ForceSamples window =
      samples.slice(static_cast<Eigen::Index>(std::llround(out.summary.start_s * samples.rate_hz)),
                    out.summary.sample_count);
  if (options.task == Task::kSingleLegSquat) {
    auto squats = analyze_squats(window, options.squat);
    if (!squats) return squats.error();
    out.wobble = compute_knee_wobble(window, *squats, options.limb, options.wobble);
    out.squats = std::move(*squats);
  }
  const PlateGeometry* plate = options.plate ? &*options.plate : nullptr;
  out.verdict = assess_validity(window, options.task, out.squats ? &*out.squats : nullptr, plate,
                                options.validity);
  return out;
}

}  // namespace stance
