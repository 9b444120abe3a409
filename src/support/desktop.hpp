#pragma once
// Handing a finished file to the desktop: open it in the user's viewer (xdg-open, xdg-utils) or
// send it to a printer (lp, cups-client). The programs run without a shell (the path is one
// argument, whatever it holds); errors say what failed and what to do.
#include <filesystem>
#include <string>

#include "support/result.hpp"

namespace stance {

// Starts the desktop's viewer on `file` and returns without waiting for it to close.
Status open_with_desktop(const std::filesystem::path& file);

// Sends `file` to the default printer, or to `printer` when not empty; waits for `lp` to accept
// the job. Returns lp's answer (e.g. "request id is Office-12 (1 file(s))").
Result<std::string> print_file(const std::filesystem::path& file, const std::string& printer = "");

}  // namespace stance
