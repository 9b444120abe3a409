#pragma once
// What the dashboard remembers between runs: the plate and camera, the protocol, automatic
// start, the window size, the clinician, and the clinic's name, logo and paper for the test
// sheets, in $XDG_DATA_HOME/stance/dashboard.settings (key = value, written atomically).
// A damaged file is ignored with a warning: settings are a convenience, never a reason not to
// start.
#include <filesystem>
#include <string>

#include "support/result.hpp"

namespace stance::app {

struct DashboardSettings {
  std::string device = "sim";
  // The camera filming the markers: "auto" (the simulated camera beside the simulated plate,
  // none beside a real one), "none", or an address (/dev/videoN, a video file, sim-camera).
  std::string camera = "auto";
  int protocol_index = 0;
  bool auto_start = true;
  int width = 1280, height = 900;
  std::string clinician;
  std::string clinic;         // the sheets' header; empty: "Stance clinic"
  std::string clinic_logo;    // a PNG for the sheets' header, or empty
  bool letter_paper = false;  // US Letter instead of A4
  std::string sheets_folder;  // where sheets are written; empty: "sheets" beside the store
};

std::string format_settings(const DashboardSettings& s);
Result<DashboardSettings> parse_settings(const std::string& text);

Result<DashboardSettings> load_settings(const std::filesystem::path& file);  // none: defaults
Status save_settings(const std::filesystem::path& file, const DashboardSettings& s);

}  // namespace stance::app
