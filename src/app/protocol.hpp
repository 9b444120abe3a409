#pragma once
// The test protocols a session runs, as data: the clinic's store keeps them (its built-in ones
// have the same names as these, so a session is filed under one name whichever list it came
// from), and the order of their trials: for each attempt, the uninvolved side first, then the
// involved side, so each leg rests while the other works.
#include <string>
#include <vector>

#include "core/recording.hpp"
#include "store/model.hpp"

namespace stance::app {

struct Protocol {
  std::string name;   // the store's key, e.g. "single-leg-squat"
  std::string label;  // what the set-up view lists
  Task task = Task::kSingleLegStance;
  int trials_per_side = 3;
  int squat_reps = 5;            // squat
  double stance_seconds = 30.0;  // stance
  std::vector<Eyes> eyes{Eyes::kOpen};
  std::string instructions;  // what the clinician tells the patient
};

// Crossley et al. 2011 and Ruhe et al. 2010 (CLINICAL.md): five slow single-leg squats, three
// trials per side; single-leg stance 30 s, eyes open then closed, three trials per side.
std::vector<Protocol> builtin_protocols();

// The store's protocols as the dashboard runs them (the instructions come with the task).
std::vector<Protocol> protocols_from_store(const std::vector<store::Protocol>& stored);

// One trial of a protocol: its condition, squats asked for included.
using ProtocolStep = TrialCondition;

// Every trial in order; with the involved side unknown, the right leg goes first.
std::vector<ProtocolStep> protocol_steps(const Protocol& protocol, Limb involved);

std::string step_title(const ProtocolStep& step);  // e.g. "Left leg, squat 2 of 3"

}  // namespace stance::app
