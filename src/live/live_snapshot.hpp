#pragma once
// What the dashboard draws, published by the processing thread as an immutable snapshot: the
// UI thread reads the latest one and never touches the device (../shared/DESIGN.md, threads).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/knee/kept_video.hpp"
#include "core/trial_analysis.hpp"
#include "device/plate_device.hpp"
#include "live/force_columns.hpp"
#include "live/trial_flow.hpp"

namespace stance::live {

struct CopSample {
  float ml_m = 0.0f, ap_m = 0.0f;  // plate frame
};

// Sway figures of the trial so far (clinical preset, docs/metrics.md).
struct LiveSway {
  bool defined = false;
  double mean_velocity_m_s = 0.0;
  double ellipse_area_m2 = 0.0;
  double range_ml_m = 0.0, range_ap_m = 0.0;
  // The 95% ellipse for drawing (PositionalDescriptors).
  double centre_ml_m = 0.0, centre_ap_m = 0.0;
  double semi_major_m = 0.0, semi_minor_m = 0.0, angle_rad = 0.0;
};

struct LiveRep {
  int index = 0;
  double start_s = 0.0, end_s = 0.0;  // from the recording's start
  double depth_m = 0.0;
  double steadiness_index = 0.0;  // ML squat steadiness, 0 steady .. 100 unsteady (docs/metrics.md)
  bool acceptable = true;
  // With a camera: the knee's peak frontal-plane projection angle in this squat (degrees, +
  // valgus; docs/metrics.md), empty when no frame of it had all three markers.
  std::optional<double> peak_fppa_deg;
};

enum class WarningKind : std::uint8_t {
  kUnplugged,
  kOtherFootDown,
  kSteppedOff,
  kHop,
  kOverload,
  kLostFrames,
  kAdcError,
  kCopOutside,
};

struct LiveWarning {
  WarningKind kind = WarningKind::kUnplugged;
  std::string text;  // one line for the clinician
};

// A trial that ended (done or interrupted): the raw recording, always kept, and its analysis.
struct CompletedTrial {
  TrialPlan plan;
  Recording recording;
  std::optional<TrialAnalysis> analysis;
  std::string analysis_error;  // why there is no analysis
  bool interrupted = false;
  std::string interruption;
  // The camera's pictures of the trial, when they are kept (video keeping with consent).
  std::shared_ptr<const knee::KeptVideo> video;
};

struct LiveSnapshot {
  std::uint64_t sequence = 0;  // grows with every publication
  std::chrono::steady_clock::time_point published_at{};
  // Arrival on the host of the newest frame in this snapshot, and the delay from the arrival of
  // the oldest frame a snapshot brings to its publication, over the session so far (ms): what
  // processing and the publication rate add to the driver's own latency.
  std::chrono::steady_clock::time_point newest_frame_arrival{};
  double frame_to_snapshot_mean_ms = 0.0, frame_to_snapshot_max_ms = 0.0;

  // The plate.
  PlateInfo plate;
  double rate_hz = 0.0;
  bool connected = false;
  std::string device_error;  // why the plate is not streaming, if it is not
  PlateHealth health;
  std::string calibration;  // the adjustment in use, one line

  // Now.
  double plate_time_s = 0.0;
  double fz_n = 0.0;
  bool cop_valid = false;
  double cop_ml_m = 0.0, cop_ap_m = 0.0;
  std::vector<ForceColumn> force;  // the last force_window_s, oldest first
  double force_window_s = 0.0;
  std::vector<CopSample> cop_trace;  // the trial so far, or the last seconds, at ~100 Hz

  // The trial.
  bool trial_planned = false;
  TrialPlan plan;
  FlowState state = FlowState::kWaitingForPatient;
  double settle_progress = 0.0;  // 0..1
  double recorded_s = 0.0, remaining_s = 0.0;
  double recording_started_s = 0.0;  // plate time of the trial's first sample
  double body_weight_n = 0.0;        // from the trial so far (0 before)
  LiveSway sway;
  std::vector<LiveRep> reps;
  std::vector<LiveWarning> warnings;
  std::shared_ptr<const CompletedTrial> last_trial;
};

}  // namespace stance::live
