#pragma once
// What a clinician's click does, apart from how it is drawn: shared by the views and the
// scripted mode, so a script exercises the same steps as a person.
#include <cstdint>
#include <string>
#include <vector>

#include "app/clinic_model.hpp"
#include "app/live_source.hpp"
#include "app/session_model.hpp"

namespace stance::app {

// Makes the patient the session's (with the involved side the store knows) and loads the
// history, so the history view is ready when asked for.
void choose_patient(SessionModel& session, ClinicModel& clinic, const PatientRow& row);

// The set-up view's "New patient…": an empty form with `code` (what was searched for, when it
// can be a code), to be saved before the session begins.
void start_new_patient(ClinicModel& clinic, const std::string& code);

// Saves the patient form through the store worker; once stored, the patient is the session's.
// A refusal leaves the form open with the store's message.
void save_patient_form(SessionModel& session, ClinicModel& clinic);

// Adds the protocol form's protocol through the store worker; once stored, the protocol choice
// is the store's list with the new one chosen. A refusal keeps the form with the store's message.
void add_protocol_form(SessionModel& session, ClinicModel& clinic);

// The store's protocols become the protocol choice (never under a running session).
void use_store_protocols(SessionModel& session, const std::vector<store::Protocol>& stored);

// Plays a stored trial in the live view (refused while a session is recording).
void replay_stored_trial(ClinicModel& clinic, LiveSource& source, SessionModel& session,
                         std::int64_t trial_id);

}  // namespace stance::app
