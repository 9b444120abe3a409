#include "core/trial_analysis.hpp"

namespace stance {
namespace {

// The knee on camera: the squats are the plate's when it found them (one clock for both), else
// the hip marker's path.
knee::KneeTrial analyze_trial_knee(const knee::MarkerTrack& track, Limb limb,
                                   const SquatAnalysis* squats) {
  knee::KneeOptions options;
  if (limb != Limb::kUnspecified) options.limb = limb;
  std::vector<TimeInterval> intervals;
  if (squats != nullptr) intervals = knee::squat_intervals(*squats);
  knee::KneeTrial trial =
      knee::analyze_knee(track.frames, options, intervals.empty() ? nullptr : &intervals);
  if (limb == Limb::kUnspecified) {
    trial.notes.push_back("the standing leg is not known: the FPPA's sign assumes the right leg");
  }
  if (track.interrupted) {
    trial.notes.push_back("the camera stopped before the plate (" + track.end_reason +
                          "): the squats after that have no FPPA");
  }
  return trial;
}

}  // namespace

Result<TrialAnalysis> analyze_trial(const ForceSamples& samples,
                                    const TrialAnalysisOptions& options) {
  // The window is found once; the summary reads it in place.
  const auto range = basic_window(samples, options.descriptors.start_s, options.descriptors.end_s);
  if (!range) return range.error();
  BasicAnalysisOptions basic;
  basic.sway = false;  // the descriptor set below holds every sway measure
  if (options.descriptors.lowpass) basic.lowpass = *options.descriptors.lowpass;

  // The descriptor set low-passes the COP of the whole recording once (both axes together) and
  // cuts the same window on its own grid (the plate's rate, or the resampled one). The squat,
  // steadiness and validity rules do not reuse that COP: they work on 100 Hz block means of the
  // trustworthy samples only, with their own cut-offs (2 and 20 Hz on the force, 1, 2 and 6 Hz on
  // the ML COP), so their filters run on 3000 blocks and cost a few tens of microseconds.
  auto descriptors = compute_descriptors(samples, options.descriptors);
  if (!descriptors) return descriptors.error();

  TrialAnalysis out;
  out.task = options.task;
  out.summary = summarize_window(samples, *range, basic);
  out.descriptors = std::move(*descriptors);
  // Squats, steadiness and validity look at the same window: a copy only when it is not everything.
  std::optional<ForceSamples> cut;
  if (range->count() != samples.size()) cut = samples.slice(range->first, range->count());
  const ForceSamples& window = cut ? *cut : samples;
  if (options.task == Task::kSingleLegSquat) {
    auto squats = analyze_squats(window, options.squat);
    if (!squats) return squats.error();
    out.steadiness = compute_squat_steadiness(window, *squats, options.limb, options.steadiness);
    out.squats = std::move(*squats);
  }
  if (options.markers && !options.markers->frames.empty()) {
    out.knee =
        analyze_trial_knee(*options.markers, options.limb, out.squats ? &*out.squats : nullptr);
  }
  const PlateGeometry* plate = options.plate ? &*options.plate : nullptr;
  out.verdict = assess_validity(window, options.task, out.squats ? &*out.squats : nullptr, plate,
                                options.validity);
  return out;
}

}  // namespace stance
