#include "services/data_dirs.hpp"

#include <cstdlib>

namespace stance {

std::filesystem::path default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') {
    return std::filesystem::path(xdg) / "stance";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".local" / "share" / "stance";
  }
  return std::filesystem::current_path() / "stance-data";
}

std::filesystem::path plate_adjustments_dir() {
  return default_data_dir() / "plates";
}

std::filesystem::path serial_plate_files_dir() {
  return plate_adjustments_dir();
}

}  // namespace stance
