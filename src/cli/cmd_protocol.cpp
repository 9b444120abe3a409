// `stance protocol list | add`: test protocols are data in the store; a clinic adds its own.
#include <sstream>

#include "cli/cli.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

std::string eyes_text(const std::vector<Eyes>& eyes) {
  std::string out;
  for (const Eyes e : eyes) out += (out.empty() ? "" : " and ") + std::string(to_string(e));
  return out;
}

int run_list(const ParsedArgs& args, Context& context) {
  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  const auto protocols = store->protocols();
  if (!protocols) return fail(context, protocols.error().message);
  std::ostream& out = context.out;
  out << pad("Name", 22) << pad("Task", 8) << pad("Trial", 8) << pad("Reps", 6)
      << pad("Trials/side", 13) << "Eyes\n";
  for (const store::Protocol& p : *protocols) {
    out << pad(p.name, 22) << pad(to_string(p.task), 8) << pad(fixed(p.seconds, 0) + " s", 8)
        << pad(p.repetitions > 0 ? std::to_string(p.repetitions) : "-", 6)
        << pad(std::to_string(p.trials_per_side), 13) << eyes_text(p.eyes) << "\n";
    if (!p.description.empty()) out << "  " << p.description << "\n";
  }
  return kExitOk;
}

Result<std::vector<Eyes>> parse_eye_list(const std::string& text) {
  std::vector<Eyes> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    Eyes e = Eyes::kUnspecified;
    if (!parse_eyes(item, e) || e == Eyes::kUnspecified) {
      return Error{"--eyes must be open, closed or open,closed, not '" + text + "'"};
    }
    out.push_back(e);
  }
  return out;
}

int run_add(const ParsedArgs& args, Context& context) {
  store::Protocol p;
  p.name = args.positionals[0];
  if (const auto task = args.value("task"); !task || !parse_task(*task, p.task)) {
    return usage_error(context, "--task must be stance or squat");
  }
  const auto seconds = args.number("seconds", 0);
  if (!seconds) return usage_error(context, seconds.error().message);
  const auto trials = args.whole_number("trials-per-side", 3);
  const bool squat = p.task == Task::kSingleLegSquat;
  const auto reps = args.whole_number("reps", squat ? kDefaultSquatReps : 0);
  for (const auto* r : {&trials, &reps}) {
    if (!r->ok()) return usage_error(context, r->error().message);
  }
  if (!squat && args.value("reps")) {
    return usage_error(context,
                       "--reps is for squat protocols: leave it out, or give --task squat");
  }
  p.seconds = *seconds;
  p.trials_per_side = static_cast<int>(*trials);
  p.repetitions = static_cast<int>(*reps);
  const auto eyes = parse_eye_list(args.value_or("eyes", "open"));
  if (!eyes) return usage_error(context, eyes.error().message);
  p.eyes = *eyes;
  p.description = args.value_or("description", "");
  auto store = open_store(args, context);
  if (!store) return fail(context, store.error().message);
  if (const auto id = store->add_protocol(p); !id) return fail(context, id.error().message);
  context.out << "Added protocol " << p.name << "; record it with: stance session record PATIENT "
              << "--protocol " << p.name << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> protocol_commands() {
  return {
      store_command("protocol list", "the test protocols of the store",
                    "stance protocol list [--db FILE]", {}, {db_option()}, run_list),
      store_command(
          "protocol add", "add a clinic's own test protocol",
          "stance protocol add NAME --task stance|squat --seconds N [options]", {"NAME"},
          {{"task", "TASK", "stance or squat", one_of({"stance", "squat"})},
           {"seconds", "N", "recording time of one trial in s (1 to 600)", number_in(1, 600)},
           {"reps", "N", "squats per trial, 1 to 20 (default 5 for squat)", whole_number_in(1, 20)},
           {"trials-per-side", "N", "trials per side and eye condition, 1 to 10 (default 3)",
            whole_number_in(1, 10)},
           {"eyes", "EYES", "open, closed or open,closed (default open)"},
           {"description", "TEXT", "one line for the clinician"},
           db_option()},
          run_add),
  };
}

}  // namespace stance::cli
