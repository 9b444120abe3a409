#pragma once
// The life of one trial on the live plate, as a pure state machine fed with calibrated samples
// (no threads, no device): waiting for the patient, settling, recording, done. The processing
// thread drives it; tests drive it with the simulated person. Rules and thresholds:
// docs/dashboard.md, "Trial flow".
#include <cstddef>
#include <deque>
#include <string>

#include "live/trial_plan.hpp"

namespace stance::live {

enum class FlowState : std::uint8_t {
  kWaitingForPatient,  // nobody (or too little load) on the plate
  kSettling,           // loaded: waiting until the patient stands still for settle_s
  kRecording,
  kDone,         // the planned time or repetitions were reached (or the squat timeout)
  kInterrupted,  // cancelled, or the plate was lost: what was recorded is kept
};
const char* to_string(FlowState state);

struct FlowRules {
  double min_load_n = 200.0;  // a person is on the plate (≈ 20 kg); a foot resting lightly is not
  double steady_sd_fraction = 0.03;  // Fz SD over settle_s below 3% of its mean...
  double steady_sd_min_n = 10.0;     // ...or this, whichever is larger
};

// Mean and SD of the last `capacity` values, O(1) per value.
class RollingStats {
 public:
  explicit RollingStats(std::size_t capacity) : capacity_(capacity) {}
  void add(double v);
  void clear();
  bool full() const { return values_.size() >= capacity_; }
  double fill() const {
    return static_cast<double>(values_.size()) / static_cast<double>(capacity_);
  }
  double mean() const;
  double sd() const;

 private:
  std::size_t capacity_;
  std::deque<double> values_;
  double sum_ = 0.0, sum_sq_ = 0.0;
};

class TrialFlow {
 public:
  TrialFlow(const TrialPlan& plan, double rate_hz, const FlowRules& rules = {});

  // One sample on the plate's clock; returns true when the state changed.
  bool on_sample(double t_s, double fz_n);
  void start_now(double t_s);  // manual start (from waiting or settling)
  void interrupt(const std::string& why);
  // Squats: the complete repetitions found so far in the recording and when the last one ended
  // (plate time). The trial stops once there are enough and the patient has stood still since;
  // past the protocol's time (stance_seconds), also one short and still for twice as long (the
  // live count can merge two squats); at the timeout in any case.
  // `rep_under_way`: the live analysis sees a squat begun and not yet back up.
  void set_squat_progress(int reps_completed, double last_rep_end_s, bool rep_under_way = false);

  FlowState state() const { return state_; }
  const TrialPlan& plan() const { return plan_; }
  double settle_progress() const;  // 0..1 while settling
  double recording_started_s() const { return started_s_; }
  double recorded_s(double now_s) const;   // 0 before the start
  double remaining_s(double now_s) const;  // stance: time left; squats: time to the timeout
  int reps_completed() const { return reps_; }
  const std::string& interruption() const { return interruption_; }

 private:
  bool steady(const RollingStats& window) const;
  void begin_recording(double t_s);

  TrialPlan plan_;
  FlowRules rules_;
  FlowState state_ = FlowState::kWaitingForPatient;
  RollingStats settle_window_;  // Fz of the last settle_s while settling
  RollingStats quiet_window_;   // Fz of the last squat_quiet_after_s while recording
  double started_s_ = 0.0;
  int reps_ = 0;
  double last_rep_end_s_ = 0.0;
  bool rep_under_way_ = false;
  std::string interruption_;
};

}  // namespace stance::live
