#pragma once
// What every command gets, and the table entry that describes it.
#include <ostream>
#include <string>
#include <vector>

#include "cli/trial_filming.hpp"
#include "device/driver_registry.hpp"
#include "services/drivers.hpp"
#include "support/args.hpp"

namespace stance::cli {

struct Context {
  DriverRegistry drivers;
  std::ostream& out;
  std::ostream& err;
  std::string db_path;  // the global `--db FILE` (before the command); empty: the default store
};

struct Command {
  CommandSpec spec;
  int (*run)(const ParsedArgs& args, Context& context);
};

// One per file cmd_*.cpp.
Command devices_command();
Command record_command();
Command analyze_command();
Command demo_command();
Command calibrate_command();
// cmd_samples.cpp: one trial's samples as CSV (a recording file, or a stored trial).
Command samples_command();
// cmd_knee.cpp: the knee on a marker video; in its own executable, stance-knee (OpenCV).
Command knee_command();
inline constexpr const char* kKneeSummary =
    "the knee's frontal-plane projection angle (FPPA) from a marker video";
// `stance record` that can film the markers with `open_filming` (stance-knee's camera; null in
// stance, which hands `record … --camera` to stance-knee).
int record_to_file(const ParsedArgs& args, Context& context, OpenTrialFilming open_filming);
// The same for `stance demo` (it films the squats with the simulated camera unless --camera none)
// and `stance session record … --camera`.
int run_demo_filmed(const ParsedArgs& args, Context& context, OpenTrialFilming open_filming);
int record_session(const ParsedArgs& args, Context& context, OpenTrialFilming open_filming);
// cmd_record_camera.cpp (stance-knee): `stance record`, `session record` and `demo` that film.
std::vector<Command> filming_commands();
// The clinic's history (src/store): names of two words are subcommands, e.g. "patient add".
std::vector<Command> store_commands();

// Prints "stance: <message>" on stderr and returns kExitFailed.
int fail(Context& context, const std::string& message);
// The same for wrong usage (a value an option cannot take, found once the command runs, e.g. a
// low-pass at or above the recording's Nyquist frequency): returns kExitUsage.
int usage_error(Context& context, const std::string& message);

}  // namespace stance::cli
