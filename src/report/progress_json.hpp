#pragma once
// A patient's progress as JSON: the one shape `stance history --json` (stance.history/2, "series")
// and the visit report (stance.visit-report/1, "progress") both write. Fields:
// docs/report-formats.md and docs/cli.md.
#include <string>
#include <vector>

#include "store/progress.hpp"
#include "support/json_writer.hpp"

namespace stance::report {

// An array named `key` with one object per metric series.
void write_progress_array(JsonWriter& j, const std::string& key,
                          const std::vector<store::MetricProgress>& progress);

}  // namespace stance::report
