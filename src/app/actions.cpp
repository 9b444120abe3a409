#include "app/actions.hpp"

namespace stance::app {

void choose_patient(SessionModel& session, ClinicModel& clinic, const PatientRow& row) {
  session.patient_code = row.patient.code;
  if (row.patient.involved_side != Limb::kUnspecified) {
    session.involved = row.patient.involved_side;
  }
  clinic.open_patient(row.patient.code);  // the history view is ready when asked for
  clinic.patient_form.load(row.patient);
  clinic.patient_form.outcome.clear();
}

void start_new_patient(ClinicModel& clinic, const std::string& code) {
  store::Patient probe;
  probe.code = code;
  // Only text that can be a code is taken over: a name searched for is not a pseudonym.
  clinic.patient_form.start_new(store::validate_patient(probe) ? code : std::string());
}

void save_patient_form(SessionModel& session, ClinicModel& clinic) {
  PatientForm& form = clinic.patient_form;
  form.saving = true;
  form.failed = false;
  form.outcome.clear();
  clinic.save_patient(form.to_patient(), [&session, &clinic](Result<store::Patient> saved) {
    PatientForm& f = clinic.patient_form;
    f.saving = false;
    if (!saved) {
      f.failed = true;
      f.outcome = "NOT SAVED: " + saved.error().message;
      return;
    }
    const bool was_new = f.is_new();
    f.load(*saved);
    f.outcome = (was_new ? "Added patient " : "Saved patient ") + saved->code + ".";
    if (session.active() && !session.finished()) return;  // never under a running session
    session.patient_code = saved->code;
    if (saved->involved_side != Limb::kUnspecified) session.involved = saved->involved_side;
    clinic.open_patient(saved->code);
  });
}

namespace {

// The store's protocols become the choice, with the one named chosen (else the first).
void use_protocols_choosing(SessionModel& session, const std::vector<store::Protocol>& stored,
                            const std::string& chosen) {
  if ((session.active() && !session.finished()) || stored.empty()) return;  // never mid-visit
  session.protocols.assign(stored.begin(), stored.end());
  session.protocol_index = 0;
  for (std::size_t i = 0; i < session.protocols.size(); ++i) {
    if (session.protocols[i].name == chosen) session.protocol_index = static_cast<int>(i);
  }
}

}  // namespace

void use_store_protocols(SessionModel& session, const std::vector<store::Protocol>& stored) {
  use_protocols_choosing(session, stored, session.protocol().name);
}

void add_protocol_form(SessionModel& session, ClinicModel& clinic) {
  ProtocolForm& form = clinic.protocol_form;
  form.saving = true;
  form.failed = false;
  form.outcome.clear();
  const std::string name = form.name;
  clinic.add_protocol(
      form.to_protocol(), [&session, &clinic, name](Result<std::vector<store::Protocol>> all) {
        ProtocolForm& f = clinic.protocol_form;
        f.saving = false;
        if (!all) {
          f.failed = true;
          f.outcome = "NOT ADDED: " + all.error().message;
          return;
        }
        f = ProtocolForm{};
        f.outcome = "Added protocol " + name + "; it is chosen for the next session.";
        use_protocols_choosing(session, *all, name);
      });
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
