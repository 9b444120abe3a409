#pragma once
// A recorded trial: everything needed to re-analyse it years later. The file format that stores
// it is in src/recording (docs/recording-format.md).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/knee/marker_frame.hpp"
#include "core/plate.hpp"
#include "core/raw_frame.hpp"

namespace stance {

enum class Limb : std::uint8_t { kUnspecified = 0, kLeft = 1, kRight = 2 };
enum class Task : std::uint8_t { kUnspecified = 0, kSingleLegStance = 1, kSingleLegSquat = 2 };
enum class Eyes : std::uint8_t { kUnspecified = 0, kOpen = 1, kClosed = 2 };

const char* to_string(Limb limb);
const char* to_string(Task task);
const char* to_string(Eyes eyes);

// "2026-12-03 08:02 UTC" from ISO 8601 "2026-12-03T08:02:31Z", for people; other text as it is.
std::string readable_utc(const std::string& iso8601);
// The same instant in the station's time zone (TZ, else /etc/localtime), "2026-12-03 09:02 CET":
// what a clinician reads. Text that is not ISO 8601 UTC comes back as it is.
std::string readable_local(const std::string& iso8601);
// Seconds since 1970 of ISO 8601 UTC "2026-12-03T08:02:31Z"; none for other text.
std::optional<std::int64_t> parse_utc_seconds(const std::string& iso8601);
bool parse_limb(const std::string& text, Limb& out);
bool parse_task(const std::string& text, Task& out);
bool parse_eyes(const std::string& text, Eyes& out);

// Single-leg squats in a trial when a protocol does not say (Crossley et al. 2011, CLINICAL.md).
inline constexpr int kDefaultSquatReps = 5;

// What one trial is: the task, the standing leg, the eyes, which attempt of that condition, and
// the squats the protocol asked for. The one description of a trial's condition: the recording
// carries it (so it alone decides how the trial is analysed), and a live plan, a protocol's
// steps, the store's rows and the sheet's trials are made of it.
struct TrialCondition {
  Task task = Task::kUnspecified;
  Limb limb = Limb::kUnspecified;
  Eyes eyes = Eyes::kUnspecified;
  int attempt = 0;
  int planned_reps = 0;  // squats asked for; 0 = not said (files before format 1.1)
  int squats_asked() const { return planned_reps > 0 ? planned_reps : kDefaultSquatReps; }
  const TrialCondition& condition() const { return *this; }
};

struct TrialMetadata : TrialCondition {
  std::string patient_code;      // pseudonymous code, never a name
  std::string recorded_at_utc;   // ISO 8601, e.g. 2026-11-25T14:19:10Z
  std::string software_version;  // Stance version that recorded it
  std::string device;            // driver and address, e.g. "sim:seed=1" or "usb:SERIAL"
  std::string notes;
  std::map<std::string, std::string> extra;  // anything else, kept verbatim
};

enum class RecordingEventKind : std::uint8_t {
  kDeviceReset = 1,  // seq went back to 0 without a START_STREAM from this host
  kInterrupted = 2,  // the recording stopped early (plate unplugged, process stopped)
  kStreamError = 3,  // bad sync / CRC errors at this point, counted in `count`
  kNote = 4,
};

struct RecordingEvent {
  RecordingEventKind kind = RecordingEventKind::kNote;
  std::uint64_t frame_index = 0;  // index into Recording::frames where it happened
  std::uint32_t count = 0;
  std::string detail;
};

// Stream health over the recording (SPP section 5 counters).
struct StreamCounters {
  std::uint64_t frames_received = 0;
  std::uint64_t frames_lost = 0;  // from seq gaps
  std::uint64_t crc_errors = 0;
  std::uint64_t sync_errors = 0;
  std::uint64_t resyncs = 0;
  std::uint64_t device_resets = 0;
  std::uint64_t stale_frames = 0;  // seq went back without a reset: duplicate or old, dropped
};

struct Recording {
  TrialMetadata metadata;
  PlateInfo plate;
  Calibration calibration;
  Tare tare;
  double rate_hz = 0.0;
  std::vector<RawFrame> frames;  // in arrival order; gaps show as seq jumps
  std::vector<RecordingEvent> events;
  StreamCounters counters;
  // The camera's marker tracks filmed with the plate (format 1.2); null without a camera. Shared
  // and never changed once recorded, so copies of a recording and its analysis options are cheap.
  std::shared_ptr<const knee::MarkerTrack> markers;
};

}  // namespace stance
