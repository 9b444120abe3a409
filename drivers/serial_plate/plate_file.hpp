#pragma once
// A serial plate's plate file: what the plate cannot say over its text lines and the clinic
// enters once per serial number: the cells' positions, the plate's size, the newtons per count
// of each cell (a starting value; the tare and the known-mass gain fit refine it). Format in
// docs/serial-plate.md; one "key = value" per line.
#include <array>
#include <filesystem>
#include <string>

#include "core/plate.hpp"
#include "support/result.hpp"

namespace stance::serial {

inline constexpr const char* kPlateFileFormat = "stance.serial-plate/1";

struct PlateFile {
  std::string serial;
  double width_m = 0.0;                 // ML
  double length_m = 0.0;                // AP
  std::array<CellPosition, 4> cells{};  // in the order of the plate's columns
  std::array<double, 4> newtons_per_count{};
  double capacity_n = 2000.0;
};

// <dir>/<serial>.plate
std::filesystem::path plate_file_path(const std::filesystem::path& dir, const std::string& serial);

std::string format_plate_file(const PlateFile& file);
// Errors name the key that is missing or wrong; the cells must lie on the plate and span it.
Result<PlateFile> parse_plate_file(const std::string& text);
// A missing file says where to write it and how (docs/serial-plate.md).
Result<PlateFile> load_plate_file(const std::filesystem::path& path);

}  // namespace stance::serial
