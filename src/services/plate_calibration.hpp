#pragma once
// The tare and the known-mass check as steps on an open plate, shared by `stance calibrate` and
// the dashboard's device view: each records the still plate through the adjustment in use,
// computes, and updates the adjustment in hand; saving it is the caller's (docs/calibration.md).
#include <memory>
#include <optional>
#include <string>

#include "core/calibration_check.hpp"
#include "device/driver_registry.hpp"
#include "recording/plate_adjustment_file.hpp"

namespace stance {

struct PlateCalibration {
  std::unique_ptr<PlateDevice> plate;
  PlateAdjustment adjustment;  // what is in use now
  double seconds = 2.0;        // recording time of each step
  std::string warning;         // e.g. a damaged adjustment file that a new tare will replace
};

// Opens the plate with its saved adjustment. A damaged adjustment file is an error unless
// `factory_if_damaged` (a tare or reset replaces it): then the factory calibration is used and
// `warning` says why.
Result<PlateCalibration> open_for_calibration(const DriverRegistry& drivers,
                                              const std::string& address, double seconds,
                                              bool factory_if_damaged);

// Records the still plate; an unplug or silence is an error here (a partial calibration
// recording is worthless, and nothing has been changed yet).
Result<Recording> record_still(PlateCalibration& c, const std::string& what);

// Zero with the plate empty; on success the new zero is in `c.adjustment`.
Result<TareResult> tare_step(PlateCalibration& c);

// The known mass resting on the plate (at `at`, if known); the check's outcome is kept in
// `c.adjustment` as the last check, passed or not.
Result<KnownMassCheck> known_mass_step(PlateCalibration& c, double mass_kg,
                                       std::optional<CellPosition> at);

}  // namespace stance
