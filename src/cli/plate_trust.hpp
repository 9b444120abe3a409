#pragma once
// Recording from the command line on a plate that is not verified (its last known-mass check
// failed or is older than the clinic's interval, docs/calibration.md): said on stderr, and every
// trial recorded on it carries the mark "plate not verified" (core/analysis_policy.hpp).
#include "cli/command.hpp"
#include "core/recording.hpp"
#include "services/plate_verification.hpp"
#include "store/store.hpp"

namespace stance::cli {

// The clinic's interval from `store`, or the default when it cannot be read (said on stderr).
int mass_check_interval(const store::Store& store, Context& context);
// The same from the default store (or the global --db) when there is one: `stance record`.
int mass_check_interval(const ParsedArgs& args, Context& context);

// Marks `metadata` when the plate needs its check, and warns once per `warned`.
PlateVerification mark_if_not_verified(const Tare& tare, const std::string& serial,
                                       int interval_days, TrialMetadata& metadata, Context& context,
                                       bool& warned);

}  // namespace stance::cli
