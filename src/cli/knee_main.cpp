// `stance-knee`: the command line with `stance knee`, whose video reading needs OpenCV; `stance
// knee …` hands its arguments here.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/command.hpp"

int main(int argc, char** argv) {
  return stance::cli::run({argv + 1, argv + argc}, std::cout, std::cerr,
                          {stance::cli::knee_command()});
}
