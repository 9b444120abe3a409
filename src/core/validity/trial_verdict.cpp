#include "core/validity/trial_verdict.hpp"

#include <algorithm>
#include <optional>

#include "core/squat/body_weight.hpp"
#include "core/squat/working_signals.hpp"
#include "core/units.hpp"
#include "core/validity/frame_faults.hpp"
#include "core/validity/load_events.hpp"
#include "core/validity/text.hpp"

namespace stance {
namespace {

using validity::at_s;

constexpr const char* kRepeat = ": the plate or the patient did something else; repeat the trial";

// A repetition too shallow to be a squat: its figures cannot be, so the trial is not valid.
bool implausibly_shallow(const SquatRep& rep, const ValidityOptions& o) {
  return rep.depth_m < o.min_squat_depth_m;
}

void check_reps(const SquatAnalysis& squats, const ValidityOptions& o, std::vector<Finding>& out) {
  for (const SquatRep& rep : squats.reps) {
    if (implausibly_shallow(rep, o)) {
      out.push_back({FindingKind::kImplausible, Severity::kInvalidates, rep.start_s, rep.end_s,
                     static_cast<double>(rep.index),
                     "repetition " + std::to_string(rep.index) + " at " + at_s(rep.start_s) +
                         " is " + fixed(cm_from_m(rep.depth_m), 1) + " cm deep, under the " +
                         fixed(cm_from_m(o.min_squat_depth_m), 0) + " cm of a squat" + kRepeat});
      continue;
    }
    if (rep.acceptable()) continue;
    std::string why;
    if (!rep.complete) why = "not completed";
    if (rep.shallow)
      why += std::string(why.empty() ? "" : ", ") + "too shallow (" +
             fixed(cm_from_m(rep.depth_m), 1) + " cm)";
    if (rep.too_fast)
      why += std::string(why.empty() ? "" : ", ") + "too fast (" + fixed(rep.duration_s, 1) + " s)";
    out.push_back(
        {FindingKind::kRepFlagged, Severity::kQualifies, rep.start_s, rep.end_s,
         static_cast<double>(rep.index),
         "repetition " + std::to_string(rep.index) + " at " + at_s(rep.start_s) + ": " + why});
  }
  if (squats.rep_count > o.expected_reps) {
    out.push_back({FindingKind::kImplausible, Severity::kInvalidates, 0.0, 0.0,
                   static_cast<double>(squats.rep_count),
                   std::to_string(squats.rep_count) + " repetitions found, " +
                       std::to_string(o.expected_reps) + " were asked" + kRepeat});
    return;  // the count of acceptable ones says nothing more
  }
  const int good = squats.acceptable_rep_count;
  if (good < o.expected_reps) {
    const bool too_few = good < o.min_reps;
    out.push_back(
        {FindingKind::kTooFewReps, too_few ? Severity::kInvalidates : Severity::kQualifies, 0.0,
         0.0, static_cast<double>(good),
         std::to_string(good) + " acceptable repetition(s) of the " +
             std::to_string(o.expected_reps) + " asked" +
             (too_few ? " (at least " + std::to_string(o.min_reps) + " are needed)" : "")});
  }
}

}  // namespace

const char* to_string(FindingKind kind) {
  switch (kind) {
    case FindingKind::kNoLoad:
      return "no_load";
    case FindingKind::kTouchdown:
      return "touchdown";
    case FindingKind::kStepOff:
      return "step_off";
    case FindingKind::kStepOn:
      return "step_on";
    case FindingKind::kHop:
      return "hop";
    case FindingKind::kTooFewReps:
      return "repetition_count";
    case FindingKind::kRepFlagged:
      return "repetition_flagged";
    case FindingKind::kLostFrames:
      return "lost_frames";
    case FindingKind::kAdcError:
      return "adc_error";
    case FindingKind::kOverload:
      return "overload";
    case FindingKind::kCopOutsidePlate:
      return "cop_outside_plate";
    case FindingKind::kImplausible:
      return "implausible";
    case FindingKind::kPlateNotVerified:
      return "plate_not_verified";
  }
  return "unknown";
}

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::kNote:
      return "note";
    case Severity::kQualifies:
      return "qualifies";
    case Severity::kInvalidates:
      return "invalidates";
  }
  return "unknown";
}

namespace {

// The value among 0..last whose to_string is `text`.
template <typename Enum>
bool parse_by_name(std::string_view text, Enum last, Enum& out) {
  for (int k = 0; k <= static_cast<int>(last); ++k) {
    if (text == to_string(static_cast<Enum>(k))) {
      out = static_cast<Enum>(k);
      return true;
    }
  }
  return false;
}

}  // namespace

bool parse_finding_kind(std::string_view text, FindingKind& out) {
  return parse_by_name(text, FindingKind::kPlateNotVerified, out);
}

bool parse_severity(std::string_view text, Severity& out) {
  return parse_by_name(text, Severity::kInvalidates, out);
}

int TrialVerdict::count(FindingKind kind) const {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [kind](const Finding& f) { return f.kind == kind; }));
}

const Finding* TrialVerdict::first(FindingKind kind) const {
  for (const Finding& f : findings) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

TrialVerdict assess_validity(const ForceSamples& samples, Task task, const SquatAnalysis* squats,
                             const PlateGeometry* plate, const ValidityOptions& options) {
  TrialVerdict verdict;
  std::vector<Finding>& out = verdict.findings;
  validity::find_flagged_frames(samples, options, out);
  if (plate != nullptr) validity::find_cop_outside(samples, *plate, options, out);

  SquatOptions squat_options;
  squat_options.analysis_rate_hz = options.analysis_rate_hz;
  squat_options.unloaded_fraction = options.unloaded_fraction;
  squat_options.touchdown = options.touchdown;
  const squat::WorkingSignals w =
      squat::make_working_signals(samples, options.analysis_rate_hz, squat::Channels::kForce);
  std::optional<Result<SquatAnalysis>> own;  // a squat trial's analysis, when not given
  if (squats == nullptr && task == Task::kSingleLegSquat) {
    own.emplace(analyze_squats(samples, squat_options));
    if (own->ok()) squats = &own->value();
  }
  // The squat analysis already looked for touchdowns with the same rule: take them.
  const bool reuse = squats != nullptr && squats->touchdowns_searched &&
                     squats->options.touchdown == options.touchdown &&
                     squats->options.unloaded_fraction == options.unloaded_fraction &&
                     squats->options.analysis_rate_hz == options.analysis_rate_hz;
  squat::BodyWeight bw;
  if (squats != nullptr) {
    bw.weight_n = squats->body_weight_n;
  }
  if (!reuse && w.size() > 0) {
    bw = squat::estimate_body_weight(w, squat_options);
    if (squats != nullptr) bw.weight_n = squats->body_weight_n;
  }
  const double bw_n = bw.weight_n;
  if (w.size() < 4 || bw_n < squat_options.min_body_weight_n) {
    out.push_back({FindingKind::kNoLoad, Severity::kInvalidates, 0.0, 0.0, 0.0,
                   "nobody on the plate: the vertical force never reaches " +
                       fixed(squat_options.min_body_weight_n, 0) + " N"});
  } else {
    validity::find_unloading(w, bw_n, options, out);
    if (reuse) {
      for (const TouchdownEvent& t : squats->touchdowns) {
        out.push_back(validity::touchdown_finding(t.start_s, t.end_s, t.share_bw));
      }
    } else {
      validity::find_touchdowns(w, bw_n, squat::rest_windows(bw, squat_options), options.touchdown,
                                options.unloaded_fraction, out);
    }
    if (task == Task::kSingleLegSquat) {
      if (squats != nullptr) check_reps(*squats, options, out);
      // Stepping off after every asked repetition only qualifies the trial.
      for (Finding& f : out) {
        if (f.kind != FindingKind::kStepOff || squats == nullptr) continue;
        int done = 0;
        for (const SquatRep& rep : squats->reps) done += rep.acceptable() && rep.end_s <= f.start_s;
        if (done >= options.expected_reps) {
          f.severity = Severity::kQualifies;
          f.detail += ", after the repetitions";
        }
      }
    }
  }
  if (!options.plate_not_verified.empty()) {
    out.push_back({FindingKind::kPlateNotVerified, Severity::kQualifies, 0.0, 0.0, 0.0,
                   "plate not verified: " + options.plate_not_verified});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Finding& a, const Finding& b) { return a.start_s < b.start_s; });
  verdict.valid = std::none_of(out.begin(), out.end(), [](const Finding& f) {
    return f.severity == Severity::kInvalidates;
  });
  return verdict;
}

}  // namespace stance
