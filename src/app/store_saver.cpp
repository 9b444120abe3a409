#include "app/store_saver.hpp"

#include "recording/trial_file.hpp"
#include "services/stored_analysis.hpp"
#include "vision/kept_video_file.hpp"

namespace stance::app {

Status StoreSink::begin_session(const SessionStart& start) {
  session_id_ = 0;
  visit_id_ = 0;
  clinician_ = start.clinician;
  patient_ = start.patient_code;
  protocol_ = start.protocol.name;
  if (const auto p = store_.patient(patient_)) {
    patient_id_ = p->id;
    return record_consent(start);
  }
  store::Patient p;
  p.code = patient_;
  p.involved_side = start.involved;
  p.name = start.new_patient_name;
  if (start.new_patient_birth_year != 0) p.birth_year = start.new_patient_birth_year;
  const auto id = store_.add_patient(p);
  if (!id) return id.error();
  patient_id_ = *id;
  return record_consent(start);
}

Status StoreSink::record_consent(const SessionStart& start) {
  if (!start.keep_video) return {};
  return store_.record_video_consent(patient_id_, start.clinician);
}

Result<std::string> StoreSink::save(const live::CompletedTrial& completed,
                                    const TrialCondition& step, int /*step_index*/) {
  if (patient_id_ == 0) return Error{"no session was begun"};
  if (session_id_ == 0) {  // no empty sessions: it starts with its first trial
    store::Session session;
    session.patient_id = patient_id_;
    session.clinician = clinician_;
    session.protocol = protocol_;
    session.plate_serial = completed.recording.plate.serial;
    const auto id = store_.add_session(session);
    if (!id) return id.error();
    session_id_ = *id;
    // The patient's visit of today: the same one for every protocol and every restart.
    const auto stored = store_.session(session_id_);
    if (!stored) return stored.error();
    visit_id_ = stored->visit_id;
  }
  Recording r = completed.recording;
  r.metadata.patient_code = patient_;
  const std::vector<std::uint8_t> bytes = encode_trial(r);
  // The trial was analysed once, when it ended; the store keeps that analysis, as shown.
  const auto results =
      completed.analysis
          ? Result<store::TrialResults>(stored_results(r, *completed.analysis, trial_title(step)))
          : analyze_stored_recording(bytes, trial_title(step));
  if (!results) return results.error();
  store::Trial trial;
  trial.session_id = session_id_;
  static_cast<TrialCondition&>(trial) = step;
  trial.recorded_utc = r.metadata.recorded_at_utc;
  trial.recorded_by = r.metadata.software_version;
  trial.results = *results;
  const auto id = store_.add_trial(trial, bytes);
  if (!id) return id.error();
  std::string where = store_.path().string() + " (visit " + std::to_string(visit_id_.load()) +
                      ", trial " + std::to_string(*id) + ")";
  if (completed.video && !completed.video->pictures.empty()) {
    // The trial is saved; a video that cannot be kept is said, and the trial stays.
    if (Status kept = keep_video(*id, *completed.video); !kept) {
      where += "; its video NOT kept: " + kept.error().message;
    } else {
      where += ", with its video";
    }
  }
  return where;
}

Status StoreSink::keep_video(std::int64_t trial_id, const knee::KeptVideo& video) {
  // Asked again here: the clinic may have switched keeping off, or consent been withdrawn.
  const auto keeps = store_.keeps_video_of(patient_id_);
  if (!keeps) return keeps.error();
  if (!*keeps) return Error{"the clinic does not keep videos or the patient has not consented"};
  const auto path = store_.new_video_path(trial_id);
  if (!path) return path.error();
  if (Status s = vision::write_kept_video(*path, video); !s) return s;
  store::TrialVideo row{trial_id, path->filename().string(),
                        static_cast<std::int64_t>(video.pictures.size()), video.seconds()};
  if (Status s = store_.add_trial_video(row); !s) {
    std::error_code ec;
    std::filesystem::remove(*path, ec);  // ours, just made: no video the store does not know
    return s;
  }
  return {};
}

}  // namespace stance::app
