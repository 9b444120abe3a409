#include "services/plate_adjustments.hpp"

#include <ctime>

#include "services/data_dirs.hpp"
#include "support/format.hpp"

namespace stance {

Result<PlateAdjustment> adjustment_for(const PlateDevice& plate) {
  return load_plate_adjustment(plate_adjustments_dir(), plate.info().serial, plate.info().layout);
}

std::string local_minutes(std::int64_t unix_s) {
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm local{};
  localtime_r(&t, &local);
  char text[48];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M %Z", &local);
  return text;
}

std::string describe_adjustment(const Tare& tare) {
  std::string out = tare.applied ? "tare of " + local_minutes(tare.taken_at_unix_s)
                                 : std::string("factory calibration (no tare)");
  for (double c : tare.gain_correction) {
    if (c != 1.0) {
      out += ", cell gains corrected";
      break;
    }
  }
  if (tare.last_check.checked_at_unix_s != 0) {
    out += ", last known-mass check " + local_minutes(tare.last_check.checked_at_unix_s) + " (" +
           fixed(tare.last_check.fz_error_n, 1) + " N off)";
  }
  return out;
}

}  // namespace stance
