#include "services/plate_calibration.hpp"

#include <ctime>

#include "core/recording_samples.hpp"
#include "device/trial_recorder.hpp"
#include "services/plate_adjustments.hpp"

namespace stance {

Result<PlateCalibration> open_for_calibration(const DriverRegistry& drivers,
                                              const std::string& address, double seconds,
                                              bool factory_if_damaged) {
  PlateCalibration c;
  c.seconds = seconds;
  auto plate = drivers.open(address);
  if (!plate) return plate.error();
  c.plate = std::move(*plate);
  auto adjustment = adjustment_for(*c.plate);
  if (adjustment) {
    c.adjustment = *adjustment;
  } else if (factory_if_damaged) {
    c.warning = adjustment.error().message;
    c.adjustment = {c.plate->info().serial, c.plate->info().layout, Tare{}};
  } else {
    return adjustment.error();
  }
  return c;
}

Result<Recording> record_still(PlateCalibration& c, const std::string& what) {
  RecordRequest request;
  request.seconds = c.seconds;
  request.tare = c.adjustment.tare;
  request.metadata.notes = "stance calibrate: " + what;
  auto outcome = record_trial(*c.plate, request);
  if (!outcome) return outcome.error();
  if (outcome->interrupted) {
    return Error{"the recording for the " + what + " was interrupted (" + outcome->interruption +
                 "); nothing was changed: try again"};
  }
  return std::move(outcome->recording);
}

Result<TareResult> tare_step(PlateCalibration& c) {
  auto recording = record_still(c, "tare");
  if (!recording) return recording.error();
  auto tare = compute_tare(recording->frames, c.plate->info(), c.plate->calibration(),
                           c.adjustment.tare, std::time(nullptr));
  if (!tare) return Error{"tare refused: " + tare.error().message};
  c.adjustment.tare = tare->tare;
  return tare;
}

Result<KnownMassCheck> known_mass_step(PlateCalibration& c, double mass_kg,
                                       std::optional<CellPosition> at) {
  auto recording = record_still(c, "known-mass check");
  if (!recording) return recording.error();
  auto check = check_known_mass(samples_from_recording(*recording), mass_kg, at);
  if (!check) return Error{"check not possible: " + check.error().message};
  c.adjustment.tare.last_check = {check->mass_kg, check->fz_error_n, check->cop_error_mm,
                                  static_cast<std::int64_t>(std::time(nullptr))};
  return check;
}

}  // namespace stance
