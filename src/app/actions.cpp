#include "app/actions.hpp"

namespace stance::app {

void choose_patient(SessionModel& session, ClinicModel& clinic, const PatientRow& row) {
  session.patient_code = row.patient.code;
  if (row.patient.involved_side != Limb::kUnspecified) {
    session.involved = row.patient.involved_side;
  }
  clinic.open_patient(row.patient.code);  // the history view is ready when asked for
}

// GCC 12 warns falsely (-Wmaybe-uninitialized) on the Result<Recording> moved in the lambda.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
void replay_stored_trial(ClinicModel& clinic, LiveSource& source, SessionModel& session,
                         std::int64_t trial_id) {
  if (session.active() && !session.finished()) {
    clinic.notice = "A session is in progress: finish it before replaying an old trial.";
    return;
  }
  clinic.notice = "Loading trial " + std::to_string(trial_id) + "...";
  // The models live as long as the app, so the step that runs later may keep references.
  clinic.load_recording(trial_id, [&clinic, &source, &session, trial_id](Result<Recording> r) {
    Status replayed = r ? source.replay(std::move(*r)) : Status(r.error());
    if (!replayed) {
      clinic.notice =
          "Trial " + std::to_string(trial_id) + " cannot be replayed: " + replayed.error().message;
      return;
    }
    clinic.notice = "Replaying trial " + std::to_string(trial_id) + " in the Test view.";
    session.screen = Screen::kTest;
  });
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace stance::app
