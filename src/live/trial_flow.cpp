#include "live/trial_flow.hpp"

#include <algorithm>
#include <cmath>

namespace stance::live {

const char* to_string(FlowState state) {
  switch (state) {
    case FlowState::kWaitingForPatient:
      return "waiting for the patient";
    case FlowState::kSettling:
      return "settling";
    case FlowState::kRecording:
      return "recording";
    case FlowState::kDone:
      return "done";
    case FlowState::kInterrupted:
      return "interrupted";
  }
  return "?";
}

void RollingStats::add(double v) {
  values_.push_back(v);
  sum_ += v;
  sum_sq_ += v * v;
  if (values_.size() > capacity_) {
    sum_ -= values_.front();
    sum_sq_ -= values_.front() * values_.front();
    values_.pop_front();
  }
}

void RollingStats::clear() {
  values_.clear();
  sum_ = sum_sq_ = 0.0;
}

double RollingStats::mean() const {
  return values_.empty() ? 0.0 : sum_ / static_cast<double>(values_.size());
}

double RollingStats::sd() const {
  if (values_.empty()) return 0.0;
  const double m = mean();
  return std::sqrt(std::max(0.0, sum_sq_ / static_cast<double>(values_.size()) - m * m));
}

namespace {
std::size_t samples_in(double seconds, double rate_hz) {
  return std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(seconds * rate_hz)));
}
}  // namespace

TrialFlow::TrialFlow(const TrialPlan& plan, double rate_hz, const FlowRules& rules)
    : plan_(plan),
      rules_(rules),
      settle_window_(samples_in(plan.settle_s, rate_hz)),
      quiet_window_(samples_in(plan.squat_quiet_after_s, rate_hz)) {}

bool TrialFlow::steady(const RollingStats& window) const {
  return window.full() &&
         window.sd() <= std::max(rules_.steady_sd_min_n, rules_.steady_sd_fraction * window.mean());
}

void TrialFlow::begin_recording(double t_s) {
  state_ = FlowState::kRecording;
  started_s_ = t_s;
  settle_window_.clear();
  quiet_window_.clear();
}

bool TrialFlow::on_sample(double t_s, double fz_n) {
  const FlowState before = state_;
  const bool loaded = fz_n >= rules_.min_load_n;
  switch (state_) {
    case FlowState::kWaitingForPatient:
      if (loaded) state_ = FlowState::kSettling;
      break;
    case FlowState::kSettling:
      if (!loaded) {  // stepped off again: start over
        state_ = FlowState::kWaitingForPatient;
        settle_window_.clear();
        break;
      }
      settle_window_.add(fz_n);
      if (plan_.auto_start && steady(settle_window_)) begin_recording(t_s);
      break;
    case FlowState::kRecording: {
      const double elapsed = t_s - started_s_;
      if (plan_.task == Task::kSingleLegSquat) {
        const double since_last_rep = rep_under_way_ ? 0.0 : t_s - last_rep_end_s_;
        const bool reps_done =
            reps_ >= plan_.squats_asked() && since_last_rep >= plan_.squat_quiet_after_s;
        // The live count can merge two squats into one (the recording so far has no closing
        // rest, docs/dashboard.md): past the protocol's time, one squat short and standing still
        // twice as long ends the trial too, instead of running on to the timeout. The final
        // analysis counts the squats again on the whole recording.
        const bool one_short_after_time = elapsed >= plan_.stance_seconds &&
                                          reps_ >= std::max(1, plan_.squats_asked() - 1) &&
                                          since_last_rep >= 2.0 * plan_.squat_quiet_after_s;
        if (reps_done || one_short_after_time || elapsed >= plan_.squat_timeout_s) {
          state_ = FlowState::kDone;
        }
      } else if (elapsed >= plan_.stance_seconds) {
        state_ = FlowState::kDone;
      }
      break;
    }
    case FlowState::kDone:
    case FlowState::kInterrupted:
      break;
  }
  return state_ != before;
}

void TrialFlow::start_now(double t_s) {
  if (state_ == FlowState::kWaitingForPatient || state_ == FlowState::kSettling) {
    begin_recording(t_s);
  }
}

void TrialFlow::interrupt(const std::string& why) {
  if (state_ == FlowState::kDone || state_ == FlowState::kInterrupted) return;
  state_ = FlowState::kInterrupted;
  interruption_ = why;
}

void TrialFlow::set_squat_progress(int reps_completed, double last_rep_end_s, bool rep_under_way) {
  reps_ = reps_completed;
  last_rep_end_s_ = last_rep_end_s;
  rep_under_way_ = rep_under_way;
}

double TrialFlow::settle_progress() const {
  if (state_ != FlowState::kSettling) return state_ == FlowState::kWaitingForPatient ? 0.0 : 1.0;
  return settle_window_.fill();
}

double TrialFlow::recorded_s(double now_s) const {
  if (state_ == FlowState::kWaitingForPatient || state_ == FlowState::kSettling) return 0.0;
  return std::max(0.0, now_s - started_s_);
}

double TrialFlow::remaining_s(double now_s) const {
  const double total =
      plan_.task == Task::kSingleLegSquat ? plan_.squat_timeout_s : plan_.stance_seconds;
  if (state_ == FlowState::kWaitingForPatient || state_ == FlowState::kSettling) return total;
  if (state_ != FlowState::kRecording) return 0.0;
  return std::max(0.0, total - (now_s - started_s_));
}

}  // namespace stance::live
