// `stance-knee`: the command line with `stance knee` and `stance record … --camera`, whose video
// reading needs OpenCV; `stance` hands those commands' arguments here.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/command.hpp"

int main(int argc, char** argv) {
  return stance::cli::run({argv + 1, argv + argc}, std::cout, std::cerr,
                          {stance::cli::knee_command(), stance::cli::record_with_camera_command()});
}
