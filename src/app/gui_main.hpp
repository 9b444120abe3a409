#pragma once
// `stance gui`: the dashboard. Runs on the simulated plate out of the box.
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace stance::app {

struct GuiOptions {
  std::string device;            // a --device address; empty: the remembered one (first time: sim)
  std::string camera;            // a --camera address, "auto" or "none"; empty: the remembered one
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

// `stance gui [options]`. Exit codes as the command line's. (`stance` with no arguments is
// main.cpp's choice: this, or the command line's simulated test where there is no display.)
int gui_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace stance::app
