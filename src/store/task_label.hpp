#pragma once
// What an analysed recording is called for the reader: "single-leg stance" or "single-leg squat"
// only where the recording says it is one (a Stance trial file that names its task: Stance records
// single-leg tests). A plain recording (a Motive or OpenSim export, a CSV) does not say how many
// feet stood on the plate, and one of several plates holds one of several feet: it is analysed by
// the same rules but never called single-leg (issue 16).
#include <string>

#include "core/recording.hpp"
#include "store/analysis_json.hpp"

namespace stance {

// E.g. "single-leg stance", "quiet standing (the recording does not say on one leg or two)",
// "quiet standing, plate 1 of 2 (one foot of two)".
std::string task_label(const TrialSource& source, Task task);

}  // namespace stance
