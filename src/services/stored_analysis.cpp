#include "services/stored_analysis.hpp"

#include <sstream>
#include <utility>

#include "core/analysis_policy.hpp"
#include "core/recording_samples.hpp"
#include "recording/trial_file.hpp"
#include "store/analysis_json.hpp"
#include "store/trial_metrics.hpp"
#include "support/json_writer.hpp"

namespace stance {
namespace {

const char* event_name(RecordingEventKind kind) {
  switch (kind) {
    case RecordingEventKind::kDeviceReset:
      return "device_reset";
    case RecordingEventKind::kInterrupted:
      return "interrupted";
    case RecordingEventKind::kStreamError:
      return "stream_error";
    case RecordingEventKind::kNote:
      break;
  }
  return "note";
}

// The verdict's findings and the recording's own events, as one JSON array.
std::string events_json(const TrialVerdict& verdict, const Recording& recording) {
  std::ostringstream out;
  JsonWriter j(out);
  j.begin_array();
  for (const Finding& f : verdict.findings) {
    j.begin_object();
    j.field("kind", to_string(f.kind)).field("severity", to_string(f.severity));
    j.field("start_s", f.start_s).field("end_s", f.end_s).field("detail", f.detail);
    j.end_object();
  }
  for (const RecordingEvent& e : recording.events) {
    j.begin_object();
    j.field("kind", event_name(e.kind));
    j.field("frame_index", static_cast<long long>(e.frame_index));
    j.field("count", static_cast<long long>(e.count)).field("detail", e.detail);
    j.end_object();
  }
  j.end_array();
  return out.str();
}

// "valid" or "invalid: why"; a trial on a plate not verified says so in either case.
std::string verdict_line(const TrialVerdict& verdict) {
  const std::string plate =
      verdict.count(FindingKind::kPlateNotVerified) > 0 ? "; plate not verified" : "";
  if (verdict.valid) return "valid" + plate;
  for (const Finding& f : verdict.findings) {
    if (f.severity == Severity::kInvalidates) return "invalid: " + f.detail + plate;
  }
  return "invalid" + plate;
}

// The results of an analysis of `recording` made from `samples` (its calibrated samples, which
// the JSON describes): built once, by whichever caller already has them.
store::TrialResults results_from(const Recording& recording, ForceSamples samples,
                                 const TrialAnalysis& analysis,
                                 const std::string& name_for_errors) {
  const TrialMetadata& m = recording.metadata;
  LoadedRecording loaded;
  loaded.samples = std::move(samples);
  loaded.format = "stance-trial";
  loaded.metadata = {{"patient_code", m.patient_code},
                     {"limb", to_string(m.limb)},
                     {"task", to_string(m.task)},
                     {"eyes", to_string(m.eyes)},
                     {"attempt", std::to_string(m.attempt)},
                     {"recorded_at", m.recorded_at_utc},
                     {"device", m.device},
                     {"plate_serial", recording.plate.serial}};
  store::TrialResults r;
  r.software_version = STANCE_VERSION;
  r.valid = analysis.verdict.valid;
  r.verdict = verdict_line(analysis.verdict);
  r.events_json = events_json(analysis.verdict, recording);
  std::ostringstream json;
  print_trial_json(json, TrialSource{name_for_errors, &loaded}, analysis);
  r.analysis_json = json.str();
  r.metrics = store::trial_metrics(analysis);
  return r;
}

}  // namespace

store::TrialResults stored_results(const Recording& recording, const TrialAnalysis& analysis,
                                   const std::string& name_for_errors) {
  return results_from(recording, samples_from_recording(recording), analysis, name_for_errors);
}

Result<store::TrialResults> analyze_stored_recording(std::span<const std::uint8_t> bytes,
                                                     const std::string& name_for_errors) {
  auto recording = decode_trial(bytes, name_for_errors);
  if (!recording) return recording.error();
  ForceSamples samples = samples_from_recording(*recording);
  auto analysis = analyze_trial(samples, analysis_options_for(*recording));
  if (!analysis) return Error{name_for_errors + ": " + analysis.error().message};
  return results_from(*recording, std::move(samples), *analysis, name_for_errors);
}

}  // namespace stance
