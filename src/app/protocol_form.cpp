#include "app/protocol_form.hpp"

#include <algorithm>

#include "core/test_protocol.hpp"

namespace stance::app {

store::Protocol ProtocolForm::to_protocol() const {
  store::Protocol p;
  p.name = name;
  p.description = description;
  p.task = task;
  p.seconds = seconds;
  p.repetitions = task == Task::kSingleLegSquat ? repetitions : 0;  // the field is squats' only
  p.trials_per_side = trials_per_side;
  p.eyes = eyes == 0   ? std::vector<Eyes>{Eyes::kOpen}
           : eyes == 1 ? std::vector<Eyes>{Eyes::kClosed}
                       : std::vector<Eyes>{Eyes::kOpen, Eyes::kClosed};
  return p;
}

Status ProtocolForm::set(const std::string& protocol_name, const std::string& task_word,
                         double trial_seconds, int trials, const std::string& eyes_word, int reps) {
  if (task_word != "stance" && task_word != "squat") {
    return Error{"the task is stance or squat, not '" + task_word + "'"};
  }
  if (eyes_word != "open" && eyes_word != "closed" && eyes_word != "both") {
    return Error{"the eyes are open, closed or both, not '" + eyes_word + "'"};
  }
  name = protocol_name;
  task = task_word == "squat" ? Task::kSingleLegSquat : Task::kSingleLegStance;
  seconds = trial_seconds;
  trials_per_side = trials;
  eyes = eyes_word == "open" ? 0 : eyes_word == "closed" ? 1 : 2;
  repetitions = reps;
  return {};
}

bool is_builtin_protocol(const std::string& name) {
  const auto builtin = builtin_test_protocols();
  return std::any_of(builtin.begin(), builtin.end(),
                     [&](const TestProtocol& p) { return p.name == name; });
}

}  // namespace stance::app
