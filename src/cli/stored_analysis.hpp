#pragma once
// The analysis of a stored recording (a Stance trial file's bytes) as the store keeps it: the
// same analyze_trial the `analyze` command runs, its JSON (stance.analysis/2), key metrics,
// verdict and events, stamped with this software version.
#include <cstdint>
#include <span>
#include <string>

#include "core/result.hpp"
#include "store/model.hpp"

namespace stance::cli {

Result<store::TrialResults> analyze_stored_recording(std::span<const std::uint8_t> bytes,
                                                     const std::string& name_for_errors);

}  // namespace stance::cli
