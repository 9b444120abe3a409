#include "cli/cli.hpp"

#include <algorithm>
#include <cstring>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/command.hpp"

namespace stance::cli {
namespace {

std::vector<Command> all_commands() {
  std::vector<Command> commands{demo_command(),   devices_command(), calibrate_command(),
                                record_command(), analyze_command(), samples_command()};
  for (Command& c : store_commands()) commands.push_back(std::move(c));
  return commands;
}

// Commands that live in executables of their own beside `stance`, which hands them over: their
// libraries (GUI, video) are loaded only when they run.
struct SeparateCommand {
  const char* name;
  const char* summary;
};
constexpr SeparateCommand kSeparateCommands[] = {
    {"gui", "the dashboard (also `stance` alone); runs stance-dashboard"},
    {"knee", kKneeSummary},
};

// "patient add" is matched by two arguments; "analyze" by one. Returns how many it used.
std::size_t matches(const Command& command, const std::vector<std::string>& args) {
  const std::string& name = command.spec.name;
  if (name == args[0]) return 1;
  if (args.size() >= 2 && name == args[0] + " " + args[1]) return 2;
  return 0;
}

// `--db FILE` or `--db=FILE` before the command: the store every store command uses.
std::string take_global_db(std::vector<std::string>& args) {
  std::string db;
  if (!args.empty() && args[0].rfind("--db=", 0) == 0) {
    db = args[0].substr(5);
    args.erase(args.begin());
  } else if (args.size() >= 2 && args[0] == "--db") {
    db = args[1];
    args.erase(args.begin(), args.begin() + 2);
  }
  return db;
}

void print_overview(std::ostream& out, const std::vector<Command>& commands) {
  out << "stance " << STANCE_VERSION
      << ": single-leg balance and squat tests on a force plate\n\n"
         "Usage: stance COMMAND [options]      (stance COMMAND --help for details)\n\n"
         "Commands:\n";
  for (const auto& c : commands) {
    const std::size_t width = c.spec.name.size() < 16 ? 16 - c.spec.name.size() : 1;
    out << "  " << c.spec.name << std::string(width, ' ') << c.spec.summary << "\n";
  }
  for (const SeparateCommand& c : kSeparateCommands) {
    const bool listed = std::any_of(commands.begin(), commands.end(),
                                    [&](const Command& k) { return k.spec.name == c.name; });
    if (!listed)
      out << "  " << c.name << std::string(16 - std::strlen(c.name), ' ') << c.summary << "\n";
  }
  out << "\nDefinitions of every number: docs/metrics.md. Plate drivers: `stance devices`.\n";
}

}  // namespace

int fail(Context& context, const std::string& message) {
  context.err << "stance: " << message << "\n";
  return kExitFailed;
}

int usage_error(Context& context, const std::string& message) {
  context.err << "stance: " << message << "\n";
  return kExitUsage;
}

int run(const std::vector<std::string>& all_args, std::ostream& out, std::ostream& err) {
  return run(all_args, out, err, {});
}

int run(const std::vector<std::string>& all_args, std::ostream& out, std::ostream& err,
        const std::vector<Command>& more) {
  // An executable's own commands come first: they may replace one of all_commands (stance-knee's
  // `record` films with a camera).
  std::vector<Command> commands = more;
  for (const Command& c : all_commands()) {
    const bool replaced = std::any_of(more.begin(), more.end(),
                                      [&](const Command& m) { return m.spec.name == c.spec.name; });
    if (!replaced) commands.push_back(c);
  }
  std::vector<std::string> args = all_args;
  const std::string db_path = take_global_db(args);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_overview(out, commands);
    return kExitOk;
  }
  if (args[0] == "--version") {
    out << "stance " << STANCE_VERSION << "\n";
    return kExitOk;
  }
  for (const auto& command : commands) {
    const std::size_t used = matches(command, args);
    if (used == 0) continue;
    const auto parsed = parse_args(
        command.spec,
        std::vector<std::string>(args.begin() + static_cast<std::ptrdiff_t>(used), args.end()));
    if (!parsed) {
      err << "stance: " << parsed.error().message << "\n";
      return kExitUsage;
    }
    if (parsed->help) {
      out << help_text(command.spec);
      return kExitOk;
    }
    Context context{DriverRegistry{}, out, err, db_path};
    register_all_drivers(context.drivers);
    return command.run(*parsed, context);
  }
  // "stance patient": a group of subcommands without one.
  std::string subcommands;
  for (const auto& c : commands) {
    if (c.spec.name.rfind(args[0] + " ", 0) == 0) {
      subcommands += " " + c.spec.name.substr(args[0].size() + 1);
    }
  }
  if (!subcommands.empty()) {
    const bool help = args.size() >= 2 && (args[1] == "--help" || args[1] == "-h");
    (help ? out : err) << (help ? "" : "stance: ") << "`stance " << args[0]
                       << "` needs a subcommand:" << subcommands << "; see `stance " << args[0]
                       << " SUBCOMMAND --help`\n";
    return help ? kExitOk : kExitUsage;
  }
  err << "stance: unknown command '" << args[0] << "'; see `stance --help`\n";
  return kExitUsage;
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return run(args, std::cout, std::cerr);
}

}  // namespace stance::cli
