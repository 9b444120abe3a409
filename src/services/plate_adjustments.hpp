#pragma once
// The host calibration a recording uses: the adjustment saved by `stance calibrate` for this
// plate's serial number, or the factory calibration when there is none.
#include <string>

#include "device/plate_device.hpp"
#include "recording/plate_adjustment_file.hpp"
#include "support/result.hpp"

namespace stance {

Result<PlateAdjustment> adjustment_for(const PlateDevice& plate);

// One line for the person at the plate, e.g. "tare of 2026-11-25 17:50 UTC, cell gains
// corrected, last known-mass check 0.3 N off" or "factory calibration (no tare)".
std::string describe_adjustment(const Tare& tare);

// "2026-11-25 18:50 CET": the station's local time, with its zone.
std::string local_minutes(std::int64_t unix_s);

}  // namespace stance
