#pragma once
// Trial validity: what invalidates or qualifies a trial, with reasons and times.
// Rules and thresholds: docs/metrics.md, "Trial validity".
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/force_samples.hpp"
#include "core/recording.hpp"
#include "core/squat/squat_analysis.hpp"
#include "core/validity/plate_geometry.hpp"
#include "core/validity/validity_options.hpp"

namespace stance {

enum class FindingKind : std::uint8_t {
  kNoLoad,           // nobody on the plate
  kTouchdown,        // the other foot touched down (load suddenly left the plate)
  kStepOff,          // the plate became empty
  kStepOn,           // the plate was empty, then loaded
  kHop,              // flight (unloaded) and a landing
  kTooFewReps,       // fewer acceptable squats than asked
  kRepFlagged,       // a repetition too shallow, too fast or not completed
  kLostFrames,       // samples that never arrived
  kAdcError,         // samples the plate marked stale
  kOverload,         // samples with a channel at full scale
  kCopOutsidePlate,  // COP beyond the plate's sensing area
  kImplausible,  // figures that cannot be: more squats than asked, a squat too shallow to be one
  kPlateNotVerified,  // the plate's known-mass check had failed or was out of date
};

enum class Severity : std::uint8_t {
  kNote = 0,         // worth knowing, changes nothing
  kQualifies = 1,    // the trial counts, with this reservation
  kInvalidates = 2,  // the trial must be repeated
};

const char* to_string(FindingKind kind);
const char* to_string(Severity severity);
// The inverses of to_string (for analyses read back from the store); false for unknown text.
bool parse_finding_kind(std::string_view text, FindingKind& out);
bool parse_severity(std::string_view text, Severity& out);

struct Finding {
  FindingKind kind = FindingKind::kNoLoad;
  Severity severity = Severity::kNote;
  double start_s = 0.0;  // when it happened (an event's half-way point; a hop's take-off)
  double end_s = 0.0;    // when it ended (= start_s for an instant)
  double value = 0.0;    // touchdown: BW share; hop: flight s; frames: samples; reps: count
  std::string detail;    // one line for the clinician
};

struct TrialVerdict {
  bool valid = true;  // no finding invalidates it
  std::vector<Finding> findings;
  int count(FindingKind kind) const;
  const Finding* first(FindingKind kind) const;
};

// squats: the trial's squat analysis (analysed here with default options when null and the task
// is a squat); plate: the sensing area (the COP rule is skipped when null).
TrialVerdict assess_validity(const ForceSamples& samples, Task task, const SquatAnalysis* squats,
                             const PlateGeometry* plate, const ValidityOptions& options = {});

}  // namespace stance
