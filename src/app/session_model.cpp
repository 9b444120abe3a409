#include "app/session_model.hpp"

#include <cstdio>
#include <cstring>
#include <ctime>

#include "core/key_figures.hpp"
#include "device/trial_recorder.hpp"
#include "recording/trial_file.hpp"
#include "vision/live_camera.hpp"

namespace stance::app {

Status TrialFileSink::begin_session(const SessionStart& start) {
  const std::string& patient = start.patient_code;
  // One folder per session, named by its start time.
  const std::string stamp = utc_timestamp_for_file_name();
  patient_ = patient;
  folder_ = dir_ / (patient.empty() ? "unnamed" : patient) / stamp;
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  if (ec) return Error{"cannot create " + folder_.string() + ": " + ec.message()};
  return {};
}

Result<std::string> TrialFileSink::save(const live::CompletedTrial& trial,
                                        const TrialCondition& step, int step_index) {
  char name[96];
  std::snprintf(name, sizeof name, "%02d-%s-%s-%s-t%d", step_index + 1, to_string(step.task),
                to_string(step.limb), to_string(step.eyes), step.attempt);
  auto path = folder_ / (std::string(name) + ".stance");
  for (int n = 2; std::filesystem::exists(path); ++n) {  // a redo never overwrites
    path = folder_ / (std::string(name) + "-" + std::to_string(n) + ".stance");
  }
  Recording r = trial.recording;
  r.metadata.patient_code = patient_;
  if (Status s = write_trial_file(path, r); !s) return s.error();
  return path.string();
}

SessionModel::SessionModel(LiveSource& source, TrialSink& sink) : source_(source), sink_(sink) {}

const TrialCondition* SessionModel::step() const {
  return current_ < steps_.size() ? &steps_[current_] : nullptr;
}

Status SessionModel::plan_current() {
  if (current_ >= steps_.size()) {
    screen = Screen::kResults;
    message_ = "All " + std::to_string(steps_.size()) + " trials done.";
    return {};
  }
  const PlateVerification plate = plate_trust();
  auto live = source_.for_step(steps_[current_], protocol(), auto_start, step_index(), involved,
                               plate.needs_check() ? plate.reason : "");
  if (!live) {
    message_ = live.error().message;
    return live.error();
  }
  return {};
}

PlateVerification SessionModel::plate_trust() const {
  const std::optional<Tare>& tare = source_.in_use_tare();
  if (!tare)
    return {PlateTrust::kNeverChecked, "its last check is not known (the plate is not open)"};
  return plate_verification(*tare, std::time(nullptr), mass_check_interval_days);
}

Status SessionModel::request_begin() {
  if (patient_code.empty()) {
    message_ =
        "No patient chosen: search for the patient by name or code and click them in the list, "
        "or press \"New patient…\" and save them; then Begin session.";
    return Error{message_};
  }
  if (plate_trust().needs_check()) {
    asking_plate_check_ = true;
    return {};
  }
  return begin_session();
}

void SessionModel::run_plate_check() {
  asking_plate_check_ = false;
  screen = Screen::kDevice;
}

Status SessionModel::record_anyway() {
  asking_plate_check_ = false;
  return begin_session();
}

Status SessionModel::begin_session() {
  steps_ = trial_order(protocol(), involved);
  current_ = 0;
  results_.clear();
  message_.clear();
  screen = Screen::kTest;
  const int generation = ++generation_;
  ++saves_pending_;
  SessionStart start{patient_code,           involved,  protocol(), clinician, new_patient_name,
                     new_patient_birth_year, keep_video};
  // The camera compresses and holds the pictures only for a consenting patient's session.
  if (vision::LiveCamera* camera = source_.camera()) camera->set_keep_pictures(keep_video);
  saves_.post([this, generation, start]() -> TaskQueue::UiStep {
    Status begun = sink_.begin_session(start);
    return [this, generation, begun] {
      --saves_pending_;
      // The test can go on; its trials stay in memory and say they were not saved.
      if (!begun && generation == generation_) message_ = "NOT SAVING: " + begun.error().message;
    };
  });
  return plan_current();
}

void SessionModel::poll() {
  saves_.run_finished();
  live::LiveSession* live = source_.current();
  if (live == nullptr || source_.replaying()) return;  // a replayed trial is never a result
  while (auto trial = live->take_completed_trial()) {
    if (current_ >= steps_.size()) continue;  // no step planned: a stray trial is not a result
    StepResult r;
    r.step_index = step_index();
    r.step = steps_[current_];
    r.trial = std::make_shared<const live::CompletedTrial>(std::move(*trial));
    r.saving = true;
    const std::size_t index = results_.size();
    const int generation = generation_;
    ++saves_pending_;
    saves_.post([this, index, generation, r]() -> TaskQueue::UiStep {
      auto saved = sink_.save(*r.trial, r.step, r.step_index);
      return [this, index, generation, title = trial_title(r.step), saved = std::move(saved)] {
        --saves_pending_;
        if (generation != generation_) return;  // a new session began meanwhile
        StepResult& done = results_[index];
        done.saving = false;
        if (saved) {
          done.saved_to = *saved;
          message_ = "Saved " + title + " to " + *saved;
        } else {
          done.save_error = saved.error().message;
          message_ = "NOT SAVED: " + done.save_error;
        }
      };
    });
    results_.push_back(std::move(r));
  }
}

const StepResult* SessionModel::current_result() const {
  for (auto it = results_.rbegin(); it != results_.rend(); ++it) {
    if (it->step_index == step_index() && !it->superseded) return &*it;
  }
  return nullptr;
}

Status SessionModel::redo() {
  for (StepResult& r : results_) {
    if (r.step_index == step_index()) r.superseded = true;
  }
  return plan_current();
}

Status SessionModel::next() {
  if (current_ < steps_.size()) ++current_;
  return plan_current();
}

void SessionModel::start_now() {
  if (auto* live = source_.current()) live->start_now();
}

void SessionModel::stop() {
  if (auto* live = source_.current()) live->cancel_trial();
}

int SessionModel::saved_count() const {
  int n = 0;
  for (const StepResult& r : results_) n += r.saved_to.empty() ? 0 : 1;
  return n;
}

std::map<std::string, MetricSessionSummary> SessionModel::summary(Eyes eyes) const {
  std::vector<KeyFigureTrial> trials;
  for (const StepResult& r : results_) {
    if (r.superseded || !r.trial->analysis || r.trial->interrupted) continue;
    if (r.step.eyes != eyes) continue;  // eyes open and closed are different tests
    const TrialAnalysis& a = *r.trial->analysis;
    trials.push_back({r.step.limb, a.verdict.valid, key_figures(a)});
  }
  return summarize_key_figures(trials, involved);
}

}  // namespace stance::app
