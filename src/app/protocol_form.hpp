#pragma once
// The set-up view's protocol editor: a clinic's own protocol as typed. The store checks it when
// it is added (store::validate_protocol, the same words as `stance protocol add`).
#include <string>

#include "store/model.hpp"
#include "support/result.hpp"

namespace stance::app {

struct ProtocolForm {
  std::string name;
  std::string description;
  Task task = Task::kSingleLegStance;
  double seconds = 30.0;
  int repetitions = 5;  // squats only; a stance protocol asks for none
  int trials_per_side = 3;
  int eyes = 0;         // 0 open, 1 closed, 2 both (open, then closed)
  bool saving = false;  // on the store worker
  bool failed = false;  // the last one was refused
  std::string outcome;  // the last one's outcome, for the clinician
  bool reveal = false;  // open the editor's section on the next frame (the scripted mode)

  store::Protocol to_protocol() const;
  // The scripted mode's words: TASK stance|squat, EYES open|closed|both.
  Status set(const std::string& protocol_name, const std::string& task_word, double trial_seconds,
             int trials, const std::string& eyes_word, int reps);
};

// A built-in protocol (core/test_protocol.cpp): shown, never edited.
bool is_builtin_protocol(const std::string& name);

}  // namespace stance::app
