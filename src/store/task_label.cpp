#include "store/task_label.hpp"

namespace stance {
namespace {

std::string metadata(const TrialSource& source, const std::string& key) {
  const auto it = source.loaded->metadata.find(key);
  return it == source.loaded->metadata.end() ? std::string() : it->second;
}

}  // namespace

std::string task_label(const TrialSource& source, Task task) {
  const bool squat = task == Task::kSingleLegSquat;
  Task recorded = Task::kUnspecified;
  const bool single_leg = source.loaded->format == "stance-trial" &&
                          parse_task(metadata(source, "task"), recorded) &&
                          recorded != Task::kUnspecified;
  if (single_leg) return squat ? "single-leg squat" : "single-leg stance";
  const std::string what = squat ? "squats" : "quiet standing";
  const std::string plates = metadata(source, "plates");
  if (!plates.empty() && plates != "1") {
    return what + ", plate " + metadata(source, "plate") + " of " + plates + " (one foot of " +
           plates + "; not single-leg)";
  }
  return what + " (the recording does not say on one leg or two)";
}

}  // namespace stance
