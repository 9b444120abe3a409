#include "live/live_session.hpp"

#include <algorithm>
#include <cmath>

#include "core/analysis_policy.hpp"
#include "device/trial_recorder.hpp"

namespace stance::live {
namespace {

using Clock = std::chrono::steady_clock;

// A sequence step larger than this is not a gap but a device reset or a new stream: time goes
// on by one sample period instead of jumping.
constexpr std::uint32_t kMaxSeqStep = 1u << 20;

}  // namespace

LiveSession::LiveSession(std::unique_ptr<PlateDevice> plate, const Tare& adjustment,
                         const LiveOptions& options)
    : plate_(std::move(plate)),
      adjustment_(adjustment),
      options_(options),
      calibrator_(plate_->info(), plate_->calibration(), adjustment),
      rate_hz_(plate_->rate_hz()),
      force_(options.force_window_s, options.force_columns) {
  publish();  // a snapshot exists from the start
}

LiveSession::~LiveSession() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void LiveSession::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void LiveSession::begin_trial(const TrialPlan& plan) {
  std::lock_guard lock(commands_mutex_);
  commands_.push_back({Command::Kind::kBegin, plan});
}

void LiveSession::start_now() {
  std::lock_guard lock(commands_mutex_);
  commands_.push_back({Command::Kind::kStartNow, {}});
}

void LiveSession::cancel_trial() {
  std::lock_guard lock(commands_mutex_);
  commands_.push_back({Command::Kind::kCancel, {}});
}

std::shared_ptr<const LiveSnapshot> LiveSession::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

std::optional<CompletedTrial> LiveSession::take_completed_trial() {
  std::lock_guard lock(completed_mutex_);
  if (completed_.empty()) return std::nullopt;
  CompletedTrial t = std::move(completed_.front());
  completed_.pop_front();
  return t;
}

void LiveSession::run() {
  try_restart();
  while (!stop_) {
    run_commands();
    bool new_frames = false;
    if (!streaming_) {
      try_restart();
      if (!streaming_) std::this_thread::sleep_for(options_.read_timeout);
    } else {
      frames_.clear();
      events_.clear();
      const ReadStatus status = plate_->read(frames_, events_, options_.read_timeout);
      const auto arrival = Clock::now();
      new_frames = !frames_.empty();
      if (new_frames) on_frames(arrival);
      if (status == ReadStatus::kDisconnected) on_disconnect();
    }
    // Every batch is published as soon as it is processed: at a fixed rate, a frame waited
    // ~10 ms for its snapshot, and publishing costs ~0.01 ms (docs/performance.md).
    const auto now = Clock::now();
    if (changed_ || new_frames ||
        now - last_publish_ >= std::chrono::duration<double>(1.0 / options_.publish_hz)) {
      publish();
    }
  }
  if (recording_) finish_trial(true, "the live view was closed during the recording");
  if (streaming_) (void)plate_->stop();
  publish();
}

void LiveSession::run_commands() {
  std::vector<Command> commands;
  {
    std::lock_guard lock(commands_mutex_);
    commands.swap(commands_);
  }
  for (const Command& c : commands) {
    changed_ = true;
    switch (c.kind) {
      case Command::Kind::kBegin:
        if (recording_) finish_trial(true, "replaced by a new trial before it ended");
        flow_.emplace(c.plan, rate_hz_);
        metrics_ = {};
        break;
      case Command::Kind::kStartNow:
        if (flow_ && !recording_) {
          flow_->start_now(plate_time_s_);
          if (flow_->state() == FlowState::kRecording) begin_recording();
        }
        break;
      case Command::Kind::kCancel:
        if (recording_) {
          finish_trial(true, "stopped by the clinician before the planned end");
        } else if (flow_) {
          flow_->interrupt("cancelled before it started");
        }
        break;
    }
  }
}

double LiveSession::frame_time_s(const RawFrame& frame) {
  const double period_s = 1.0 / rate_hz_;
  if (have_seq_) {
    const std::uint32_t step = frame.seq - last_seq_;  // wraps like the device counter
    plate_time_s_ += (step >= 1 && step <= kMaxSeqStep) ? step * period_s : period_s;
  }
  have_seq_ = true;
  last_seq_ = frame.seq;
  return plate_time_s_;
}

void LiveSession::on_frames(Clock::time_point arrival) {
  newest_arrival_ = arrival;
  if (!oldest_unpublished_arrival_) oldest_unpublished_arrival_ = arrival;
  const auto trace_every =
      static_cast<std::uint64_t>(std::max(1.0, std::round(rate_hz_ / options_.trace_rate_hz)));
  const std::size_t frames_before = recording_ ? recording_->frames.size() : 0;
  for (const RawFrame& frame : frames_) {
    const double t_s = frame_time_s(frame);
    const Wrench w = calibrator_.to_wrench(frame.counts);
    fz_n_ = w.fz_n;
    cop_ = calibrator_.cop(w);
    force_.add(t_s, fz_n_);
    const bool trace_point = samples_seen_++ % trace_every == 0;
    const CopSample point{static_cast<float>(cop_.ml_m), static_cast<float>(cop_.ap_m)};
    if (trace_point && cop_.valid) {
      idle_trace_.push_back(point);
      const auto keep = static_cast<std::size_t>(options_.idle_trace_s * options_.trace_rate_hz);
      while (idle_trace_.size() > keep) idle_trace_.pop_front();
    }
    if (flow_ && flow_->on_sample(t_s, fz_n_)) {
      changed_ = true;
      if (flow_->state() == FlowState::kRecording) begin_recording();
    }
    if (recording_) {
      recording_->frames.push_back(frame);
      if (trace_point && cop_.valid) trial_trace_.push_back(point);
      if (flow_->state() == FlowState::kDone) finish_trial(false, "");
    }
  }
  // Stream events (gaps, resets) belong to the trial when they happened during it; their frame
  // index is relative to this batch.
  if (recording_) {
    for (RecordingEvent e : events_) {
      e.frame_index += frames_before;
      recording_->events.push_back(std::move(e));
    }
  }
  estimate_plate_origin(arrival);
  if (recording_ && plate_time_s_ >= next_metrics_s_) update_metrics();
}

void LiveSession::estimate_plate_origin(Clock::time_point arrival) {
  if (!options_.camera) return;
  // The newest frame's plate time is plate_time_s_; it arrived at `arrival` or later.
  const auto origin = arrival - std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(plate_time_s_));
  if (plate_origin_ && origin >= *plate_origin_) return;
  plate_origin_ = origin;
  options_.camera->set_plate_origin(origin);
}

void LiveSession::attach_markers(std::chrono::milliseconds settle) {
  if (!options_.camera) return;
  recording_->markers = std::make_shared<const knee::MarkerTrack>(
      options_.camera->markers_between(flow_->recording_started_s(), plate_time_s_, settle));
}

void LiveSession::begin_recording() {
  Recording r;
  static_cast<TrialCondition&>(r.metadata) = flow_->plan().condition();
  r.metadata.recorded_at_utc = utc_timestamp_now();
  r.metadata.software_version = STANCE_VERSION;
  if (!flow_->plan().plate_not_verified.empty()) {
    mark_plate_not_verified(r.metadata, flow_->plan().plate_not_verified);
  }
  r.plate = plate_->info();
  r.calibration = plate_->calibration();
  r.tare = adjustment_;
  r.rate_hz = rate_hz_;
  r.frames.reserve(static_cast<std::size_t>(rate_hz_ * 70.0));
  recording_ = std::move(r);
  trial_trace_.clear();
  metrics_ = {};
  next_metrics_s_ = plate_time_s_ + options_.metrics_every_s;
  changed_ = true;
}

void LiveSession::update_metrics() {
  next_metrics_s_ = plate_time_s_ + options_.metrics_every_s;
  recording_->counters = plate_->health().stream;
  attach_markers(std::chrono::milliseconds(0));
  metrics_ = compute_live_metrics(*recording_);
  flow_->set_squat_progress(
      metrics_.complete_reps, flow_->recording_started_s() + metrics_.last_rep_end_s,
      metrics_.reps.size() > static_cast<std::size_t>(metrics_.complete_reps));
}

void LiveSession::finish_trial(bool interrupted, const std::string& why) {
  if (!recording_) return;
  if (interrupted) {
    flow_->interrupt(why);
    RecordingEvent e;
    e.kind = RecordingEventKind::kInterrupted;
    e.frame_index = recording_->frames.size();
    e.detail = why;
    recording_->events.push_back(e);
  }
  recording_->counters = plate_->health().stream;
  // The camera's frames up to the trial's end may still be on their way (a webcam's transfer,
  // the tracker): waited for, up to a second without a new frame.
  attach_markers(std::chrono::milliseconds(1000));
  std::shared_ptr<const knee::KeptVideo> video =
      options_.camera
          ? options_.camera->pictures_between(flow_->recording_started_s(), plate_time_s_)
          : nullptr;
  CompletedTrial trial = complete_trial(std::move(*recording_), flow_->plan(), interrupted, why);
  trial.video = std::move(video);
  recording_.reset();
  if (trial.analysis) metrics_ = metrics_from(*trial.analysis);
  last_trial_ = std::make_shared<const CompletedTrial>(trial);
  {
    std::lock_guard lock(completed_mutex_);
    completed_.push_back(std::move(trial));
  }
  changed_ = true;
}

void LiveSession::on_disconnect() {
  if (recording_) finish_trial(true, "the plate was unplugged during the recording");
  streaming_ = false;
  connected_ = false;
  device_error_ = "the plate was unplugged: plug it back in";
  last_restart_ = Clock::now();
  changed_ = true;
}

void LiveSession::try_restart() {
  const auto now = Clock::now();
  if (last_restart_ != Clock::time_point{} && now - last_restart_ < options_.restart_every) return;
  last_restart_ = now;
  if (Status s = plate_->start(); !s) {
    device_error_ = s.error().message;
    return;
  }
  streaming_ = true;
  connected_ = true;
  device_error_.clear();
  have_seq_ = false;
  plate_origin_.reset();  // plate time goes on where it stopped; the steady clock did not
  changed_ = true;
}

void LiveSession::publish() {
  auto s = std::make_shared<LiveSnapshot>();
  s->sequence = ++sequence_;
  s->published_at = Clock::now();
  s->newest_frame_arrival = newest_arrival_;
  if (oldest_unpublished_arrival_) {  // frames arrived since the last snapshot
    const double delay_ms =
        std::chrono::duration<double, std::milli>(s->published_at - *oldest_unpublished_arrival_)
            .count();
    delay_sum_ms_ += delay_ms;
    delay_max_ms_ = std::max(delay_max_ms_, delay_ms);
    ++delay_count_;
    oldest_unpublished_arrival_.reset();
  }
  if (delay_count_ > 0) {
    s->frame_to_snapshot_mean_ms = delay_sum_ms_ / static_cast<double>(delay_count_);
    s->frame_to_snapshot_max_ms = delay_max_ms_;
  }
  s->plate = plate_->info();
  s->rate_hz = rate_hz_;
  s->connected = connected_ && streaming_;
  s->device_error = device_error_;
  s->health = plate_->health();
  s->calibration = options_.calibration_text;
  s->plate_time_s = plate_time_s_;
  s->fz_n = fz_n_;
  s->cop_valid = cop_.valid;
  s->cop_ml_m = cop_.ml_m;
  s->cop_ap_m = cop_.ap_m;
  s->force = force_.copy();
  s->force_window_s = force_.window_s();
  if (recording_ || last_trial_) {
    s->cop_trace = trial_trace_;
  } else {
    s->cop_trace.assign(idle_trace_.begin(), idle_trace_.end());
  }
  if (flow_) {
    s->trial_planned = true;
    s->plan = flow_->plan();
    s->state = flow_->state();
    s->settle_progress = flow_->settle_progress();
    s->recorded_s = flow_->recorded_s(plate_time_s_);
    s->remaining_s = flow_->remaining_s(plate_time_s_);
    s->recording_started_s = flow_->recording_started_s();
  }
  s->body_weight_n = metrics_.body_weight_n;
  s->sway = metrics_.sway;
  s->reps = metrics_.reps;
  s->warnings = metrics_.warnings;
  if (!connected_) {
    s->warnings.insert(s->warnings.begin(), {WarningKind::kUnplugged, device_error_});
  }
  s->last_trial = last_trial_;
  {
    std::lock_guard lock(snapshot_mutex_);
    snapshot_ = std::move(s);
  }
  last_publish_ = Clock::now();
  changed_ = false;
}

}  // namespace stance::live
