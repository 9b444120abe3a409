#pragma once
// The host-side calibration adjustment of one plate (tare zero, per-cell gain corrections, the
// last known-mass check), kept between sessions in a small text file per serial number so that
// every recording from that plate uses it. Human-readable on purpose: a service technician can
// see what the clinic's tare did. Format in docs/calibration.md.
#include <filesystem>
#include <string>

#include "core/plate.hpp"
#include "support/result.hpp"

namespace stance {

struct PlateAdjustment {
  std::string serial;
  PlateLayout layout = PlateLayout::kFourCell;
  Tare tare;
};

// <dir>/<serial><extension>, with characters other than letters, digits, '-', '_' and '.'
// replaced by '_' (a serial number comes from the device and must not escape the folder); every
// per-plate file is named so (the adjustment, a serial plate's plate file).
std::filesystem::path plate_file_path(const std::filesystem::path& dir, const std::string& serial,
                                      const std::string& extension);
// <dir>/<serial>.adjustment
std::filesystem::path plate_adjustment_path(const std::filesystem::path& dir,
                                            const std::string& serial);

std::string format_plate_adjustment(const PlateAdjustment& adjustment);
Result<PlateAdjustment> parse_plate_adjustment(const std::string& text);

// Written atomically (atomic_file.hpp); the folder is created when missing.
Status save_plate_adjustment(const std::filesystem::path& dir, const PlateAdjustment& adjustment);

// The adjustment for this plate: none on file gives the factory calibration (Tare{}); a file
// that is unreadable, damaged or for another layout is an error that names it and says what to
// do (a wrong zero must never be used silently).
Result<PlateAdjustment> load_plate_adjustment(const std::filesystem::path& dir,
                                              const std::string& serial, PlateLayout layout);

}  // namespace stance
