#include "app/script.hpp"

#include <algorithm>
#include <sstream>

#include "app/patient_search.hpp"
#include "app/sheet_export.hpp"
#include "app/views.hpp"
#include "core/analysis_policy.hpp"

namespace stance::app {
namespace {

bool state_reached(const std::string& state, const SessionModel& session,
                   const live::LiveSnapshot& live) {
  using live::FlowState;
  if (state == "result") return session.current_result() != nullptr || session.finished();
  if (state == "waiting") return live.state == FlowState::kWaitingForPatient;
  if (state == "settling") return live.state == FlowState::kSettling;
  if (state == "recording") return live.state == FlowState::kRecording;
  if (state == "done") return live.state == FlowState::kDone;
  if (state == "interrupted") return live.state == FlowState::kInterrupted;
  return false;
}

bool is_number(const std::string& text) {
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

std::string line_prefix(const ScriptCommand& c) {
  return "script line " + std::to_string(c.line) + " (" + c.verb + "): ";
}

// The store's side of a script: choosing a patient, the history, comparing, replaying. Returns
// why the command failed, or nothing.
std::string history_command(const ScriptCommand& c, const ScriptTargets& t) {
  ClinicModel& clinic = t.clinic;
  if (c.verb == "choose") {
    const PatientRow* row = clinic.find_patient(c.args[0]);
    if (row == nullptr) return "no patient " + c.args[0] + " in the store's list";
    choose_patient(t.session, clinic, *row);
    return {};
  }
  if (c.verb == "history") {
    clinic.open_patient(c.args[0]);
    t.session.screen = Screen::kHistory;
    return {};
  }
  const auto& h = clinic.history();
  if (!h) return "no history is open" + (clinic.error().empty() ? "" : ": " + clinic.error());
  const int visits = static_cast<int>(h->visits.size());
  const int visit = std::stoi(c.args[0]);
  if (c.verb == "expect_visits") {
    return visit == visits ? "" : std::to_string(visits) + " visits, not " + c.args[0];
  }
  if (visit < 1 || visit > visits) return "there are " + std::to_string(visits) + " visits";
  const Visit& v = h->visits[static_cast<std::size_t>(visit - 1)];
  if (c.verb == "compare") {
    clinic.toggle_compared(v.visit.id);
    return {};
  }
  if (c.verb == "sheet") {
    export_visit(clinic, v.visit.id, h->patient.code, true);
    return {};
  }
  const int trial = std::stoi(c.args[1]);  // replay
  if (trial < 1 || trial > static_cast<int>(v.trials.size())) {
    return "visit " + c.args[0] + " has " + std::to_string(v.trials.size()) + " trials";
  }
  replay_stored_trial(clinic, t.source, t.session,
                      v.trials[static_cast<std::size_t>(trial - 1)].id);
  return {};
}

// The current trial's camera part: its markers kept and a peak FPPA for each of `squats`.
std::string knee_check(const StepResult* result, int squats) {
  if (result == nullptr || !result->trial->analysis) return "the trial has no analysis";
  const auto& markers = result->trial->recording.markers;
  if (!markers || markers->frames.empty()) return "the trial kept no camera markers";
  const auto& knee = result->trial->analysis->knee;
  const int measured =
      knee ? static_cast<int>(std::count_if(
                 knee->squats.begin(), knee->squats.end(),
                 [](const knee::KneeSquat& q) { return q.peak_fppa_deg.has_value(); }))
           : 0;
  if (measured != squats) {
    return std::to_string(measured) + " squats have a peak FPPA, not " + std::to_string(squats);
  }
  return "";
}

// The plate's trust: `expect_plate verified|failed|out_of_date|never`, `expect_asked` (Begin
// session asked for the check first), `expect_marked` (the current trial says "plate not
// verified", in its recording and its verdict).
std::string plate_check(const ScriptCommand& c, const SessionModel& session) {
  if (c.verb == "expect_asked") {
    return session.asking_plate_check() ? "" : "Begin session did not ask for the check";
  }
  if (c.verb == "expect_plate") {
    static constexpr std::pair<const char*, PlateTrust> kStates[] = {
        {"verified", PlateTrust::kVerified},
        {"failed", PlateTrust::kCheckFailed},
        {"out_of_date", PlateTrust::kCheckTooOld},
        {"never", PlateTrust::kNeverChecked}};
    const PlateVerification p = session.plate_trust();
    for (const auto& [name, state] : kStates) {
      if (c.args[0] == name)
        return p.state == state ? "" : "the plate is not " + c.args[0] + ": " + p.reason;
    }
    return "expects verified, failed, out_of_date or never";
  }
  const StepResult* r = session.current_result();
  if (r == nullptr || !r->trial->analysis) return "there is no analysed trial";
  const auto& extra = r->trial->recording.metadata.extra;
  if (extra.find(kPlateNotVerifiedKey) == extra.end()) return "the recording is not marked";
  if (r->trial->analysis->verdict.count(FindingKind::kPlateNotVerified) == 0) {
    return "the verdict does not say \"plate not verified\"";
  }
  return "";
}

// The words after the first `skip` as one text: a name or a note may have spaces.
std::string rest_of_line(const ScriptCommand& c, std::size_t skip) {
  std::string out;
  for (std::size_t i = skip; i < c.args.size(); ++i) out += (out.empty() ? "" : " ") + c.args[i];
  return out;
}

// The set-up view's patient and protocol parts that act at once: the search, the matches, the
// forms filled, the protocol choice. Returns why the command failed, or nothing.
std::string setup_command(const ScriptCommand& c, const ScriptTargets& t) {
  ClinicModel& clinic = t.clinic;
  if (c.verb == "search") {
    clinic.search = rest_of_line(c, 0);
    return {};
  }
  if (c.verb == "expect_matches") {
    const auto n = search_patients(clinic.patients(), clinic.search).size();
    return static_cast<int>(n) == std::stoi(c.args[0])
               ? ""
               : std::to_string(n) + " patients match \"" + clinic.search + "\", not " + c.args[0];
  }
  if (c.verb == "new_patient") {
    start_new_patient(clinic, c.args[0]);
    return clinic.patient_form.patient.code == c.args[0] ? "" : "'" + c.args[0] + "' is no code";
  }
  if (c.verb == "edit_patient") {
    PatientForm& form = clinic.patient_form;
    if (!form.is_new() && form.patient.code != t.session.patient_code) {
      return "no patient is chosen (choose CODE) or new (new_patient CODE)";
    }
    const Status s = form.set(c.args[0], rest_of_line(c, 1));
    return s ? "" : s.error().message;
  }
  // expect_protocol
  const SessionModel& session = t.session;
  for (const TestProtocol& p : session.protocols) {
    if (p.name == c.args[0]) {
      return session.protocol().name == p.name ? "" : c.args[0] + " is not the chosen protocol";
    }
  }
  return "no protocol " + c.args[0] + " in the protocol choice";
}

}  // namespace

Result<std::vector<ScriptCommand>> parse_script(const std::string& text) {
  // Every command: how many arguments it needs, and how many of them are numbers.
  struct Verb {
    const char* name;
    std::size_t args, numbers;
  };
  static constexpr Verb kVerbs[] = {{"patient", 1, 0},
                                    {"involved", 1, 0},
                                    {"protocol", 1, 1},
                                    {"trials", 1, 1},
                                    {"autostart", 1, 0},
                                    {"begin", 0, 0},
                                    {"start", 0, 0},
                                    {"stop", 0, 0},
                                    {"redo", 0, 0},
                                    {"next", 0, 0},
                                    {"tab", 1, 0},
                                    {"wait", 1, 0},
                                    {"frames", 1, 1},
                                    {"screenshot", 1, 0},
                                    {"expect_saved", 1, 1},
                                    {"quit", 0, 0},
                                    {"choose", 1, 0},
                                    {"history", 1, 0},
                                    {"wait_store", 0, 0},
                                    {"compare", 1, 1},
                                    {"replay", 2, 2},
                                    {"expect_visits", 1, 1},
                                    {"sheet", 1, 0},
                                    {"tare", 0, 0},
                                    {"check_mass", 1, 2},
                                    {"clinician", 1, 0},
                                    {"wait_calibration", 0, 0},
                                    {"expect_knee", 1, 1},
                                    {"record_anyway", 0, 0},
                                    {"run_check", 0, 0},
                                    {"expect_plate", 1, 0},
                                    {"expect_asked", 0, 0},
                                    {"expect_marked", 0, 0},
                                    {"search", 0, 0},
                                    {"expect_matches", 1, 1},
                                    {"new_patient", 1, 0},
                                    {"edit_patient", 2, 0},
                                    {"save_patient", 0, 0},
                                    {"add_protocol", 5, 0},
                                    {"expect_protocol", 1, 0}};
  std::vector<ScriptCommand> out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    ScriptCommand c;
    c.line = n;
    if (!(words >> c.verb)) continue;
    for (std::string w; words >> w;) c.args.push_back(w);
    const Verb* verb = nullptr;
    for (const Verb& v : kVerbs) {
      if (v.name == c.verb) verb = &v;
    }
    if (verb == nullptr) {
      return Error{"script line " + std::to_string(n) + ": unknown command '" + c.verb + "'"};
    }
    if (c.args.size() < verb->args) {
      return Error{line_prefix(c) + "needs " + std::to_string(verb->args) + " argument(s)"};
    }
    // The optional time limit of the waits is a number too; a protocol's seconds, trials and
    // squats are numbers.
    const bool is_wait = c.verb.rfind("wait", 0) == 0;
    const bool is_protocol = c.verb == "add_protocol";
    for (std::size_t i = 0; i < c.args.size(); ++i) {
      const bool numeric = i < verb->numbers || (is_wait && i == verb->args) ||
                           (is_protocol && (i == 2 || i == 3 || i == 5));
      if (numeric && !is_number(c.args[i])) return Error{line_prefix(c) + "expects a number"};
    }
    out.push_back(std::move(c));
  }
  return out;
}

ScriptRunner::Step ScriptRunner::advance(const ScriptTargets& t, double now_s) {
  SessionModel& session = t.session;
  const live::LiveSnapshot& live = t.live;
  Step step;
  while (next_ < commands_.size()) {
    const ScriptCommand& c = commands_[next_];
    const std::string& a = c.args.empty() ? std::string() : c.args[0];
    if (c.verb == "wait") {
      const double limit = c.args.size() > 1 ? std::stod(c.args[1]) : 120.0;
      if (wait_started_s_ < 0) wait_started_s_ = now_s;
      if (!state_reached(a, session, live)) {
        if (now_s - wait_started_s_ > limit) {
          step.error = line_prefix(c) + "'" + a + "' not reached in time; the live state is '" +
                       to_string(live.state) + "'";
        }
        return step;
      }
      wait_started_s_ = -1.0;
    } else if (c.verb == "wait_store" || c.verb == "wait_calibration") {
      const double limit = c.args.empty() ? 30.0 : std::stod(a);
      if (wait_started_s_ < 0) wait_started_s_ = now_s;
      if (c.verb == "wait_store" ? t.clinic.loading() : t.mass_check.busy()) {
        if (now_s - wait_started_s_ > limit) step.error = line_prefix(c) + "not done in time";
        return step;
      }
      wait_started_s_ = -1.0;
      // `wait_calibration SECONDS failed`: the step must fail (a check with a wrong mass).
      const bool want_failed = c.args.size() > 1 && c.args[1] == "failed";
      if (c.verb == "wait_calibration" && t.mass_check.failed() != want_failed) {
        step.error = line_prefix(c) + (want_failed ? "the step did not fail: " : "") +
                     t.mass_check.message();
        return step;
      }
    } else if (c.verb == "sheet" && a == "current") {
      export_visit(t.clinic, session.stored_visit(), session.patient_code, true);
    } else if (c.verb == "choose" || c.verb == "history" || c.verb == "compare" ||
               c.verb == "sheet" || c.verb == "replay" || c.verb == "expect_visits") {
      if (std::string e = history_command(c, t); !e.empty()) {
        step.error = line_prefix(c) + e;
        return step;
      }
    } else if (c.verb == "search" || c.verb == "expect_matches" || c.verb == "new_patient" ||
               c.verb == "edit_patient" || c.verb == "expect_protocol") {
      if (std::string e = setup_command(c, t); !e.empty()) {
        step.error = line_prefix(c) + e;
        return step;
      }
    } else if (c.verb == "save_patient" || c.verb == "add_protocol") {
      // Handed to the store worker once, then waited for (30 s at most).
      const bool patient = c.verb == "save_patient";
      if (!posted_) {
        posted_ = true;
        wait_started_s_ = now_s;
        if (patient) {
          save_patient_form(session, t.clinic);
        } else {
          ProtocolForm& form = t.clinic.protocol_form;
          const int reps = c.args.size() > 5 ? std::stoi(c.args[5]) : 0;
          if (Status s = form.set(a, c.args[1], std::stod(c.args[2]), std::stoi(c.args[3]),
                                  c.args[4], reps);
              !s) {
            step.error = line_prefix(c) + s.error().message;
            return step;
          }
          add_protocol_form(session, t.clinic);
          form.reveal = true;  // the editor shows what was added, for a screenshot
        }
      }
      const bool saving = patient ? t.clinic.patient_form.saving : t.clinic.protocol_form.saving;
      if (saving) {
        if (now_s - wait_started_s_ > 30.0) step.error = line_prefix(c) + "not done in time";
        return step;
      }
      posted_ = false;
      wait_started_s_ = -1.0;
      const bool failed = patient ? t.clinic.patient_form.failed : t.clinic.protocol_form.failed;
      if (failed) {
        step.error = line_prefix(c) +
                     (patient ? t.clinic.patient_form.outcome : t.clinic.protocol_form.outcome);
        return step;
      }
    } else if (c.verb == "frames") {
      if (frames_left_ < 0) frames_left_ = std::stoi(a);
      if (frames_left_-- > 0) return step;
      frames_left_ = -1;
    } else if (c.verb == "screenshot") {
      step.screenshot = a;
      ++next_;
      return step;  // one screenshot per frame
    } else if (c.verb == "quit") {
      step.quit = true;
      ++next_;
      return step;
    } else if (c.verb == "expect_knee") {
      if (std::string e = knee_check(session.current_result(), std::stoi(a)); !e.empty()) {
        step.error = line_prefix(c) + e;
        return step;
      }
    } else if (c.verb == "expect_plate" || c.verb == "expect_asked" || c.verb == "expect_marked") {
      if (std::string e = plate_check(c, session); !e.empty()) {
        step.error = line_prefix(c) + e;
        return step;
      }
    } else if (c.verb == "expect_saved") {
      if (session.saving()) return step;  // the saving thread is still at it
      if (session.saved_count() != std::stoi(a)) {
        step.error = line_prefix(c) + std::to_string(session.saved_count()) +
                     " trials were saved, not " + a + " (" + session.message() + ")";
        return step;
      }
    } else {
      Status s;
      if (c.verb == "patient") session.patient_code = a;
      if (c.verb == "clinician") {  // the whole rest of the line: a name may have spaces
        session.clinician.clear();
        for (const std::string& word : c.args) {
          session.clinician += (session.clinician.empty() ? "" : " ") + word;
        }
      }
      if (c.verb == "involved") {
        session.involved = a == "left"    ? Limb::kLeft
                           : a == "right" ? Limb::kRight
                                          : Limb::kUnspecified;
      }
      if (c.verb == "protocol") {
        const int index = std::stoi(a);
        if (index < 0 || index >= static_cast<int>(session.protocols.size())) {
          step.error = line_prefix(c) + "there are " + std::to_string(session.protocols.size()) +
                       " protocols, numbered from 0";
          return step;
        }
        session.protocol_index = index;
      }
      if (c.verb == "autostart") session.auto_start = a == "on";
      if (c.verb == "trials") {  // per side, for the chosen protocol (a shorter session)
        session.protocols[static_cast<std::size_t>(session.protocol_index)].trials_per_side =
            std::max(1, std::stoi(a));
      }
      if (c.verb == "tare") t.mass_check.start_tare(t.source);
      if (c.verb == "check_mass") {
        t.mass_check.mass_kg = std::stod(a);
        t.mass_check.simulated_mass_kg = c.args.size() > 1 ? std::stod(c.args[1]) : 0.0;
        t.mass_check.start_check(t.source);
      }
      if (c.verb == "begin") s = session.request_begin();  // as the button: may ask first
      if (c.verb == "record_anyway") s = session.record_anyway();
      if (c.verb == "run_check") session.run_plate_check();
      if (c.verb == "start") session.start_now();
      if (c.verb == "stop") session.stop();
      if (c.verb == "redo") s = session.redo();
      if (c.verb == "next") s = session.next();
      if (c.verb == "tab") {
        session.screen = a == "test"      ? Screen::kTest
                         : a == "results" ? Screen::kResults
                         : a == "history" ? Screen::kHistory
                         : a == "device"  ? Screen::kDevice
                                          : Screen::kSetup;
      }
      if (!s) {
        step.error = line_prefix(c) + s.error().message;
        return step;
      }
    }
    ++next_;
  }
  return step;
}

}  // namespace stance::app
