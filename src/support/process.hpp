#pragma once
// What the `stance` executable needs to hand a command to a sibling executable: the dashboard
// and the camera's command live in their own executables, so that commands which draw no window
// and read no video do not load the GUI and video libraries at start-up (docs/performance.md).
#include <ostream>
#include <string>
#include <vector>

namespace stance {

// True when a display can be opened (DISPLAY or WAYLAND_DISPLAY is set).
bool display_available();

// Replaces this process with `program` from the folder of this executable, with `args` after
// the program name. Returns only on failure: then it says why on `err` and returns 1.
int exec_sibling(const std::string& program, const std::vector<std::string>& args,
                 std::ostream& err);

}  // namespace stance
