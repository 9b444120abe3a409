#pragma once
// Options shared by the commands that record trials: who, which limb, which task.
#include <vector>

#include "core/recording.hpp"
#include "support/args.hpp"
#include "support/result.hpp"

namespace stance::cli {

std::vector<OptionSpec> trial_metadata_options();
Result<TrialMetadata> trial_metadata_from(const ParsedArgs& args);

}  // namespace stance::cli
