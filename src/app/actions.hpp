#pragma once
// What a clinician's click does, apart from how it is drawn: shared by the views and the
// scripted mode, so a script exercises the same steps as a person.
#include <cstdint>

#include "app/clinic_model.hpp"
#include "app/live_source.hpp"
#include "app/session_model.hpp"

namespace stance::app {

// Makes the patient the session's (with the involved side the store knows) and loads the
// history, so the history view is ready when asked for.
void choose_patient(SessionModel& session, ClinicModel& clinic, const PatientRow& row);

// Plays a stored trial in the live view (refused while a session is recording).
void replay_stored_trial(ClinicModel& clinic, LiveSource& source, SessionModel& session,
                         std::int64_t trial_id);

}  // namespace stance::app
