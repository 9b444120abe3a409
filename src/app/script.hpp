#pragma once
// The scripted mode (`stance gui --script FILE`): a plain-text list of steps that drives a whole
// session through the dashboard as a clinician would, for tests under Xvfb and for screenshots.
// One command per line, '#' starts a comment:
//   patient CODE | involved left|right|unknown | protocol N (0-based) | trials N (per side)
//   clinician NAME
//   autostart on|off
//   choose CODE              a patient from the store, as a click in the set-up view does
//   begin | start | stop | redo | next | tab setup|test|results|history|device
//   history CODE             open a patient's history;  wait_store [SECONDS]  until it is loaded
//   compare VISIT            tick a visit (1 = the first) for the comparison
//   replay VISIT TRIAL       replay a stored trial (both 1-based, in stored order)
//   sheet VISIT|current      the visit's test sheet (PDF), as its button does
//   expect_visits N          fail unless the open history has N visits
//   tare | check_mass KG [ON_PLATE_KG]   the device view's steps (the simulated plate carrying
//                            ON_PLATE_KG: a wrong mass typed);  wait_calibration [SECONDS
//                            [failed]]  until done (fails when the step failed, or with
//                            `failed` when it did not)
//   begin                    as the button: on a plate not verified it asks first, then
//   record_anyway | run_check   the question's answers
//   expect_plate verified|failed|out_of_date|never;  expect_asked;  expect_marked (the current
//                            trial says "plate not verified")
//   wait STATE [SECONDS]     STATE: waiting, settling, recording, done, interrupted, result
//   frames N                 draw N frames
//   screenshot FILE          the next frame, as PNG
//   expect_saved N           fail unless N trials were saved
//   search TEXT              the set-up view's search box (code or name; empty clears it)
//   expect_matches N         fail unless N stored patients match the search
//   new_patient CODE         "New patient…" with CODE in the form
//   edit_patient FIELD VALUE the patient form (open on the chosen patient): code (new only),
//                            name, birth_year, sex, mass, height, involved, notes
//   save_patient             as its button; waits for the store, fails on its refusal
//   add_protocol NAME stance|squat SECONDS TRIALS_PER_SIDE open|closed|both [REPS]
//                            the protocol editor's "Add protocol"; waits, fails on a refusal
//   expect_protocol NAME     fail unless NAME is in the protocol choice and chosen
//   quit
#include <filesystem>
#include <string>
#include <vector>

#include "app/clinic_model.hpp"
#include "app/live_source.hpp"
#include "app/mass_check.hpp"
#include "app/session_model.hpp"
#include "live/live_snapshot.hpp"
#include "support/result.hpp"

namespace stance::app {

struct ScriptCommand {
  std::string verb;
  std::vector<std::string> args;
  int line = 0;
};

Result<std::vector<ScriptCommand>> parse_script(const std::string& text);

// What a script drives: the models the views draw.
struct ScriptTargets {
  SessionModel& session;
  ClinicModel& clinic;
  LiveSource& source;
  MassCheck& mass_check;
  const live::LiveSnapshot& live;
};

class ScriptRunner {
 public:
  explicit ScriptRunner(std::vector<ScriptCommand> commands) : commands_(std::move(commands)) {}

  struct Step {
    std::filesystem::path screenshot;  // take one of this frame
    bool quit = false;
    std::string error;  // the script failed: why (and the app exits with an error)
  };
  // Called once per frame before drawing; `now_s` is wall time.
  Step advance(const ScriptTargets& targets, double now_s);
  bool done() const { return next_ >= commands_.size(); }

 private:
  std::vector<ScriptCommand> commands_;
  std::size_t next_ = 0;
  double wait_started_s_ = -1.0;
  int frames_left_ = -1;
  bool posted_ = false;  // a save_patient or add_protocol handed to the store worker
};

}  // namespace stance::app
