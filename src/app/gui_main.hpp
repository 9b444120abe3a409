#pragma once
// `stance gui`: the dashboard. Runs on the simulated plate out of the box.
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace stance::app {

struct GuiOptions {
  std::string device;            // a --device address; empty: the remembered one (first time: sim)
  std::filesystem::path script;  // scripted mode (script.hpp)
  std::filesystem::path screenshot;  // write the last frame here on exit
  std::filesystem::path db;          // the store (default: the data folder's stance.db)
  std::filesystem::path trials_dir;  // set: trial files here instead of the store
  int width = 1280, height = 900;
};

// Returns a process exit code; errors go to `err` as one line.
int run_gui(const GuiOptions& options, std::ostream& err);

}  // namespace stance::app

namespace stance::app {

// `stance gui [options]` and `stance` with no arguments (the dashboard when a display is there,
// else the complete simulated test on the command line). Exit codes as the command line's.
int gui_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int no_arguments(std::ostream& out, std::ostream& err);

}  // namespace stance::app
