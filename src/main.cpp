// The one `stance` executable: no arguments or `gui` opens the dashboard (the command line's
// complete simulated test when there is no display); anything else is the command line, which
// never needs a display.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "core/memory_reuse.hpp"
#ifdef STANCE_HAS_GUI
#include "app/gui_main.hpp"
#include "app/platform.hpp"
#endif

int main(int argc, char** argv) {
  stance::keep_freed_memory_for_reuse();  // every analysis reuses the last one's memory
#ifdef STANCE_HAS_GUI
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    if (stance::app::display_available()) return stance::app::gui_command({}, std::cout, std::cerr);
    std::cout << "No display found: running the complete simulated test on the command line "
                 "instead (`stance gui` opens the dashboard where there is a display).\n\n";
    return stance::cli::run({"demo"}, std::cout, std::cerr);
  }
  if (args[0] == "gui") {
    return stance::app::gui_command({args.begin() + 1, args.end()}, std::cout, std::cerr);
  }
#endif
  return stance::cli::run(argc, argv);
}
