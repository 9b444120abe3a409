// `stance session list PATIENT` and `stance session show ID`: the protocol runs (each in its
// visit) and their trials.
#include <cstdlib>

#include "cli/cli.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

int valid_count(const std::vector<store::Trial>& trials) {
  int n = 0;
  for (const store::Trial& t : trials) n += t.results.valid ? 1 : 0;
  return n;
}

int run_list(const ParsedArgs& args, Context& context) {
  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  const auto p = store->patient(args.positionals[0]);
  if (!p) return fail(context, p.error().message);
  const auto sessions = store->sessions(p->id);
  if (!sessions) return fail(context, sessions.error().message);
  std::ostream& out = context.out;
  out << "Sessions of " << p->code << "\n"
      << pad("Id", 8) << pad("Visit", 7) << pad("Date and time", 22) << pad("Protocol", 20)
      << pad("Clinician", 14) << pad("Plate", 12) << "Trials (valid)\n";
  for (const store::Session& s : *sessions) {
    const auto trials = store->trials(s.id);
    if (!trials) return fail(context, trials.error().message);
    out << pad(std::to_string(s.id), 8) << pad(std::to_string(s.visit_id), 7)
        << pad(readable_local(s.started_utc), 22) << pad(s.protocol, 20)
        << pad(s.clinician.empty() ? "-" : s.clinician, 14)
        << pad(s.plate_serial.empty() ? "-" : s.plate_serial, 12) << trials->size() << " ("
        << valid_count(*trials) << ")\n";
  }
  return kExitOk;
}

// The figure of a trial a clinician looks at first, per task.
std::string key_figures(const std::vector<store::Metric>& metrics, Task task) {
  const char* keys_stance[] = {"mean_velocity", "ellipse_area_95"};
  const char* keys_squat[] = {"ml_squat_steadiness", "acceptable_reps", "ellipse_area_95"};
  std::string out;
  auto add = [&](const char* key) {
    for (const store::Metric& m : metrics) {
      if (m.key == key) out += pad(m.key + " " + fixed(m.value, 1) + " " + m.unit, 30);
    }
  };
  if (task == Task::kSingleLegSquat) {
    for (const char* k : keys_squat) add(k);
  } else {
    for (const char* k : keys_stance) add(k);
  }
  return out;
}

int run_show(const ParsedArgs& args, Context& context) {
  char* end = nullptr;
  const long long id = std::strtoll(args.positionals[0].c_str(), &end, 10);
  if (end == args.positionals[0].c_str() || *end != '\0') {
    return usage_error(context,
                       "the session is given by its number, e.g. `stance session show 3`; "
                       "`stance session list PATIENT` shows them");
  }
  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  const auto s = store->session(id);
  if (!s) return fail(context, s.error().message);
  const auto p = store->patient_by_id(s->patient_id);
  if (!p) return fail(context, p.error().message);
  const auto trials = store->trials(s->id);
  if (!trials) return fail(context, trials.error().message);
  std::ostream& out = context.out;
  out << "Session " << s->id << " of " << p->code << ", " << readable_local(s->started_utc)
      << " (visit " << s->visit_id << ")\n"
      << "  Protocol " << (s->protocol.empty() ? "-" : s->protocol) << ", clinician "
      << (s->clinician.empty() ? "-" : s->clinician) << ", plate "
      << (s->plate_serial.empty() ? "-" : s->plate_serial) << "\n";
  if (!s->notes.empty()) out << "  Notes: " << s->notes << "\n";
  out << pad("Trial", 8) << pad("Task", 8) << pad("Eyes", 8) << pad("Limb", 7) << pad("Try", 5)
      << pad("Analysed by", 13) << pad("Verdict", 10) << "Key figures\n";
  for (const store::Trial& t : *trials) {
    const auto metrics = store->metrics(t.id);
    if (!metrics) return fail(context, metrics.error().message);
    out << pad(std::to_string(t.id), 8) << pad(to_string(t.task), 8) << pad(to_string(t.eyes), 8)
        << pad(to_string(t.limb), 7) << pad(std::to_string(t.attempt), 5)
        << pad(t.results.software_version, 13) << pad(t.results.valid ? "valid" : "INVALID", 10)
        << key_figures(*metrics, t.task) << "\n";
    // Why not valid, or a reservation the one-line verdict carries ("valid; plate not verified").
    if (!t.results.valid || (!t.results.verdict.empty() && t.results.verdict != "valid")) {
      out << "        " << t.results.verdict << "\n";
    }
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> session_commands() {
  return {
      store_command("session list", "a patient's sessions, oldest first",
                    "stance session list PATIENT [--db FILE]", {"PATIENT"}, {db_option()},
                    run_list),
      store_command("session show", "one session and its trials with their key figures",
                    "stance session show ID [--db FILE]", {"ID"}, {db_option()}, run_show),
  };
}

}  // namespace stance::cli
