#pragma once
// What the dashboard remembers between runs: the plate, the protocol, automatic start and the
// window size, in $XDG_DATA_HOME/stance/dashboard.settings (key = value, written atomically).
// A damaged file is ignored with a warning: settings are a convenience, never a reason not to
// start.
#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace stance::app {

struct DashboardSettings {
  std::string device = "sim";
  int protocol_index = 0;
  bool auto_start = true;
  int width = 1280, height = 900;
};

std::string format_settings(const DashboardSettings& s);
Result<DashboardSettings> parse_settings(const std::string& text);

Result<DashboardSettings> load_settings(const std::filesystem::path& file);  // none: defaults
Status save_settings(const std::filesystem::path& file, const DashboardSettings& s);

}  // namespace stance::app
