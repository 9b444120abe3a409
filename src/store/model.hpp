#pragma once
// What the store keeps: patients, protocols, sessions, trials (with their raw recording and
// analysis results). Plain values; the store gives them ids. Schema in docs/store.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/recording.hpp"
#include "core/test_protocol.hpp"

namespace stance::store {

enum class Sex : std::uint8_t { kUnspecified, kFemale, kMale, kOther };
const char* to_string(Sex sex);
bool parse_sex(const std::string& text, Sex& out);

struct Patient {
  std::int64_t id = 0;
  std::string code;  // pseudonymous, unique in the store
  std::string name;  // optional; the code is what reports and exports show first
  std::optional<int> birth_year;
  Sex sex = Sex::kUnspecified;
  std::optional<double> height_cm;
  std::optional<double> mass_kg;
  Limb involved_side = Limb::kUnspecified;  // the painful or operated side, for the LSI
  std::string notes;
  std::string created_utc;
};

// A test protocol as the store keeps it (core/test_protocol.hpp).
struct Protocol : TestProtocol {
  std::int64_t id = 0;
};

// One run of one protocol. The store puts it in its patient's visit of that day.
struct Session {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  std::string started_utc;  // ISO 8601 UTC
  std::string clinician;
  std::string plate_serial;
  std::string protocol;  // protocol name as used at the time
  std::string notes;
  std::int64_t visit_id = 0;  // set by the store (add_session); 0 on a new session
};

// Everything one patient did on one day (issue 16): the sessions of any protocols, in any
// order, across restarts. Its sheet, its history point and its comparisons are the visit's.
struct Visit {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  std::string local_date;   // YYYY-MM-DD in the station's time zone when it was recorded
  std::string started_utc;  // its first session's start (ISO 8601 UTC)
};

// A trial's video kept beside the store (Store::video_folder()), with the patient's consent.
struct TrialVideo {
  std::int64_t trial_id = 0;
  std::string file;  // the name inside the video folder
  std::int64_t frames = 0;
  double seconds = 0.0;
};

// One number of a trial's analysis, in the unit the clinician sees.
struct Metric {
  std::string key;  // e.g. "mean_velocity", "ml_squat_steadiness"
  double value = 0.0;
  std::string unit;  // e.g. "mm/s", "mm²", "0-100"
};

struct TrialResults {
  std::string software_version;  // the Stance version that computed them
  std::string analysed_utc;
  bool valid = true;
  std::string verdict;        // one line, e.g. "valid" or "invalid: touchdown at 12.3 s"
  std::string events_json;    // JSON array: findings and recording events
  std::string analysis_json;  // the whole analysis, schema stance.analysis/3
  std::vector<Metric> metrics;
};

// A stored trial's condition: its row keeps task, limb, eyes and attempt; the squats asked for
// are in its recording (planned_reps is 0 here).
struct Trial : TrialCondition {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  std::string recorded_utc;
  std::string recorded_by;  // software version that recorded it
  TrialResults results;
};

// One point of a patient's history: a metric of one trial, with the visit it belongs to.
struct HistoryRow {
  std::int64_t visit_id = 0;
  std::string visit_utc;  // the visit's first session's start: the history's order
  std::int64_t session_id = 0;
  std::int64_t trial_id = 0;
  Limb limb = Limb::kUnspecified;
  Task task = Task::kUnspecified;
  Eyes eyes = Eyes::kUnspecified;
  int attempt = 0;
  bool valid = true;
  std::string key;
  double value = 0.0;
  std::string unit;
};

}  // namespace stance::store
