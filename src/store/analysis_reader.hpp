#pragma once
// Reads back what the store kept of a trial's analysis (its analysis JSON, schema
// stance.analysis/2 or /3, analysis_json.hpp) as the summary a test sheet prints: a stored trial's
// sheet never analyses its recording again. Untrusted text (an import may carry it): every field
// is checked for its type and range, and nothing is allocated beyond what the text holds.
#include <string>
#include <string_view>

#include "core/analysis_summary.hpp"
#include "support/result.hpp"

namespace stance::store {

// Errors name the trial (`name`) and what is wrong, and say that `stance reanalyze` rewrites it.
Result<AnalysisSummary> read_analysis_summary(std::string_view json, const std::string& name);

}  // namespace stance::store
