// `stance-knee`: the command line with `stance knee` and the commands that film the markers
// (`record`, `session record` and `demo` with a camera), whose video reading needs OpenCV;
// `stance` hands those commands' arguments here.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/command.hpp"

int main(int argc, char** argv) {
  std::vector<stance::cli::Command> commands = stance::cli::filming_commands();
  commands.push_back(stance::cli::knee_command());
  return stance::cli::run({argv + 1, argv + argc}, std::cout, std::cerr, commands);
}
