#include "cli/cli.hpp"

#include <iostream>

#include "cli/cli.hpp"
#include "cli/command.hpp"

namespace stance::cli {
namespace {

std::vector<Command> all_commands() {
  return {demo_command(), devices_command(), calibrate_command(), record_command(),
          analyze_command()};
}

void print_overview(std::ostream& out, const std::vector<Command>& commands) {
  out << "stance " << STANCE_VERSION
      << ": single-leg balance and squat tests on a force plate\n\n"
         "Usage: stance COMMAND [options]      (stance COMMAND --help for details)\n\n"
         "Commands:\n";
  for (const auto& c : commands) {
    out << "  " << c.spec.name << std::string(12 - c.spec.name.size(), ' ') << c.spec.summary
        << "\n";
  }
  out << "\nDefinitions of every number: docs/metrics.md. Plate drivers: `stance devices`.\n";
}

}  // namespace

int fail(Context& context, const std::string& message) {
  context.err << "stance: " << message << "\n";
  return kExitFailed;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::vector<Command> commands = all_commands();
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_overview(out, commands);
    return kExitOk;
  }
  if (args[0] == "--version") {
    out << "stance " << STANCE_VERSION << "\n";
    return kExitOk;
  }
  for (const auto& command : commands) {
    if (command.spec.name != args[0]) continue;
    const auto parsed =
        parse_args(command.spec, std::vector<std::string>(args.begin() + 1, args.end()));
    if (!parsed) {
      err << "stance: " << parsed.error().message << "\n";
      return kExitUsage;
    }
    if (parsed->help) {
      out << help_text(command.spec);
      return kExitOk;
    }
    Context context{DriverRegistry{}, out, err};
    register_all_drivers(context.drivers);
    return command.run(*parsed, context);
  }
  err << "stance: unknown command '" << args[0] << "'; see `stance --help`\n";
  return kExitUsage;
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return run(args, std::cout, std::cerr);
}

}  // namespace stance::cli
