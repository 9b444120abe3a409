#pragma once
// A clinical test protocol (what the patient does, how often, on which side) as data, defined
// here once: the store keeps the clinic's protocols and writes the built-in ones from
// builtin_test_protocols() on opening, and both faces run a protocol's trials in one order.
// Not to be confused with the plate's wire protocol (drivers/spp_wire).
#include <string>
#include <vector>

#include "core/recording.hpp"

namespace stance {

struct TestProtocol {
  std::string name;         // the key sessions are filed under, e.g. "single-leg-squat"
  std::string description;  // e.g. "single-leg squat: 5 repetitions, 3 trials per side"
  Task task = Task::kSingleLegStance;
  double seconds = 30.0;  // recording time of one trial (a squat trial ends at its last squat)
  int repetitions = 0;    // squats asked for per trial (0 for stance)
  int trials_per_side = 3;
  std::vector<Eyes> eyes{Eyes::kOpen};

  bool operator==(const TestProtocol&) const = default;
};

// Crossley et al. 2011 and Ruhe et al. 2010 (CLINICAL.md): five slow single-leg squats, three
// trials per side; single-leg stance 30 s, eyes open then closed, three trials per side.
std::vector<TestProtocol> builtin_test_protocols();

// Every trial in order: each eye condition in turn; per attempt the uninvolved side first, then
// the involved one, so each leg rests while the other works (right first when unknown). Each
// trial carries the squats the protocol asks for, so it is analysed for those.
std::vector<TrialCondition> trial_order(const TestProtocol& protocol, Limb involved);

std::string trial_title(const TrialCondition& trial);            // "Left leg, squat, trial 2"
std::string protocol_title(const TestProtocol& protocol);        // the description, capitalised
std::string patient_instructions(const TestProtocol& protocol);  // what to say to the patient

}  // namespace stance
