#pragma once
// Is the plate verified? Its last known-mass check, kept in its adjustment, judged against the
// clinic's interval (docs/calibration.md, "Is the plate verified?"): one state and one line.
#include <cstdint>
#include <string>

#include "core/calibration_check.hpp"  // kDefaultMassCheckIntervalDays
#include "core/plate.hpp"

namespace stance {

enum class PlateTrust : std::uint8_t { kVerified, kCheckFailed, kCheckTooOld, kNeverChecked };

struct PlateVerification {
  PlateTrust state = PlateTrust::kNeverChecked;
  // One line for the clinician, e.g. "its known-mass check failed on 2026-12-07 22:40 UTC
  // (-14.8 N off)"; the screens add what to do.
  std::string reason;
  // Failed or out of date: recording on it asks for the check first, and its trials are
  // marked "plate not verified".
  bool needs_check() const {
    return state == PlateTrust::kCheckFailed || state == PlateTrust::kCheckTooOld;
  }
};

// `tare`: the plate's adjustment in use (its last check, passed or not, and when); a check more
// than `interval_days` whole days before `now_unix_s` is out of date.
PlateVerification plate_verification(const Tare& tare, std::int64_t now_unix_s, int interval_days);

}  // namespace stance
