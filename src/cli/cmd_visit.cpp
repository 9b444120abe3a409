// `stance visit list PATIENT`: a patient's visits (everything done on one day), each with its
// protocols and trials; a visit's number is what `stance report` takes.
#include <set>

#include "cli/cli.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

int run_visit_list(const ParsedArgs& args, Context& context) {
  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  const auto p = store->patient(args.positionals[0]);
  if (!p) return fail(context, p.error().message);
  const auto visits = store->visits(p->id);
  if (!visits) return fail(context, visits.error().message);
  std::ostream& out = context.out;
  out << "Visits of " << p->code << "\n"
      << pad("Visit", 7) << pad("Began", 22) << pad("Sessions", 10) << pad("Trials (valid)", 16)
      << "Protocols\n";
  for (const store::Visit& v : *visits) {
    const auto sessions = store->visit_sessions(v.id);
    if (!sessions) return fail(context, sessions.error().message);
    int trials = 0, valid = 0;
    std::string protocols;
    std::set<std::string> named;
    for (const store::Session& s : *sessions) {
      const auto rows = store->trials(s.id);
      if (!rows) return fail(context, rows.error().message);
      for (const store::Trial& t : *rows) {
        ++trials;
        valid += t.results.valid ? 1 : 0;
      }
      if (named.insert(s.protocol).second)
        protocols += (protocols.empty() ? "" : ", ") + s.protocol;
    }
    out << pad(std::to_string(v.id), 7) << pad(readable_local(v.started_utc), 22)
        << pad(std::to_string(sessions->size()), 10)
        << pad(std::to_string(trials) + " (" + std::to_string(valid) + ")", 16) << protocols
        << "\n";
  }
  if (visits->empty()) out << "No visit yet: `stance session record` or the dashboard makes one.\n";
  return kExitOk;
}

}  // namespace

Command visit_list_command() {
  return store_command(
      "visit list", "a patient's visits (one per day, any protocols), oldest first",
      "stance visit list PATIENT [--db FILE]", {"PATIENT"}, {db_option()}, run_visit_list,
      "A visit is everything the patient did on one day (the station's local date): the\n"
      "sessions of every protocol, across restarts. `stance report VISIT` makes its sheet.");
}

}  // namespace stance::cli
