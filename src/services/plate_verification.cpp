#include "services/plate_verification.hpp"

#include "core/calibration_check.hpp"
#include "services/plate_adjustments.hpp"
#include "support/format.hpp"

namespace stance {

PlateVerification plate_verification(const Tare& tare, std::int64_t now_unix_s, int interval_days) {
  const KnownMassRecord& check = tare.last_check;
  if (check.checked_at_unix_s == 0 || check.mass_kg <= 0.0) {
    return {PlateTrust::kNeverChecked, "no known-mass check on record"};
  }
  const std::string when = local_minutes(check.checked_at_unix_s);
  const std::string off =
      " (" + fixed(check.fz_error_n, 1) + " N" +
      (check.cop_error_mm > 0.0 ? ", COP " + fixed(check.cop_error_mm, 1) + " mm" : std::string()) +
      " off)";
  if (!check_within_tolerance(check)) {
    return {PlateTrust::kCheckFailed, "its known-mass check failed on " + when + off};
  }
  constexpr std::int64_t kDay_s = 24 * 60 * 60;
  const std::int64_t age_days = (now_unix_s - check.checked_at_unix_s) / kDay_s;
  if (age_days > interval_days) {
    return {PlateTrust::kCheckTooOld, "its last known-mass check, on " + when + ", is " +
                                          std::to_string(age_days) + " days old (the clinic's " +
                                          "interval is " + std::to_string(interval_days) +
                                          " days)"};
  }
  return {PlateTrust::kVerified, "known-mass check passed on " + when + off};
}

}  // namespace stance
