#include "app/store_saver.hpp"

#include "recording/trial_file.hpp"
#include "services/stored_analysis.hpp"

namespace stance::app {

Status StoreSink::begin_session(const SessionStart& start) {
  session_id_ = 0;
  clinician_ = start.clinician;
  patient_ = start.patient_code;
  protocol_ = start.protocol.name;
  if (const auto p = store_.patient(patient_)) {
    patient_id_ = p->id;
    return {};
  }
  store::Patient p;
  p.code = patient_;
  p.involved_side = start.involved;
  p.name = start.new_patient_name;
  if (start.new_patient_birth_year != 0) p.birth_year = start.new_patient_birth_year;
  const auto id = store_.add_patient(p);
  if (!id) return id.error();
  patient_id_ = *id;
  return {};
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
  return store_.path().string() + " (session " + std::to_string(session_id_) + ", trial " +
         std::to_string(*id) + ")";
}

}  // namespace stance::app
