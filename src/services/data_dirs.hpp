#pragma once
// Where Stance keeps its files by default: the XDG base directory specification's data home.
#include <filesystem>

namespace stance {

// $XDG_DATA_HOME/stance, or ~/.local/share/stance; ./stance-data when neither is known.
std::filesystem::path default_data_dir();

// The host calibration of each plate, one file per serial: <data dir>/plates.
std::filesystem::path plate_adjustments_dir();

// The plate files of serial load-cell plates (cells' positions, per serial): <data dir>/plates,
// beside their adjustments.
std::filesystem::path serial_plate_files_dir();

}  // namespace stance
