// The `stance` executable: the command line. `stance` alone or `stance gui` opens the dashboard
// (the command line's complete simulated test when there is no display), and `stance knee`,
// `stance demo` and `stance record` / `session record` with `--camera` read a camera or video:
// they are handed to their own executables
// beside this one (stance-dashboard, stance-knee), so that no other command loads the GUI and video
// libraries.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "core/memory_reuse.hpp"
#include "support/process.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const bool camera = std::find(args.begin(), args.end(), "--camera") != args.end();
  if (args.empty()) {
    if (stance::display_available()) return stance::exec_sibling("stance-dashboard", {}, std::cerr);
    std::cout << "No display found: running the complete simulated test on the command line "
                 "instead (`stance gui` opens the dashboard where there is a display).\n\n"
              << std::flush;
    (void)stance::exec_sibling("stance-knee", {"demo"}, std::cerr);  // filmed; returns if absent
    std::cout << "Without the camera (stance-knee is not installed beside stance):\n";
  } else if (args[0] == "gui") {
    return stance::exec_sibling("stance-dashboard", {args.begin() + 1, args.end()}, std::cerr);
  } else if (args[0] == "knee" || args[0] == "demo" || (args[0] == "record" && camera) ||
             (args.size() > 1 && args[0] == "session" && args[1] == "record" && camera)) {
    return stance::exec_sibling("stance-knee", args, std::cerr);
  }
  stance::keep_freed_memory_for_reuse();  // every analysis reuses the last one's memory
  if (args.empty()) return stance::cli::run({"demo"}, std::cout, std::cerr);
  return stance::cli::run(argc, argv);
}
