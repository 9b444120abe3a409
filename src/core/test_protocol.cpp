#include "core/test_protocol.hpp"

#include <cctype>

namespace stance {

std::vector<TestProtocol> builtin_test_protocols() {
  TestProtocol squat;
  squat.name = "single-leg-squat";
  squat.description = "single-leg squat: 5 repetitions, 3 trials per side";
  squat.task = Task::kSingleLegSquat;
  squat.seconds = 32.0;  // five squats of about 4 s with the pauses, and a margin
  squat.repetitions = kDefaultSquatReps;
  TestProtocol stance;
  stance.name = "single-leg-stance";
  stance.description = "single-leg stance: 30 s, eyes open and closed, 3 trials per side";
  stance.task = Task::kSingleLegStance;
  stance.seconds = 30.0;
  stance.eyes = {Eyes::kOpen, Eyes::kClosed};
  return {squat, stance};
}

std::vector<TrialCondition> trial_order(const TestProtocol& protocol, Limb involved) {
  const Limb second = involved == Limb::kUnspecified ? Limb::kLeft : involved;
  const Limb first = second == Limb::kLeft ? Limb::kRight : Limb::kLeft;
  const int reps = protocol.task == Task::kSingleLegSquat ? protocol.repetitions : 0;
  std::vector<TrialCondition> trials;
  for (const Eyes eyes : protocol.eyes) {
    for (int attempt = 1; attempt <= protocol.trials_per_side; ++attempt) {
      for (const Limb limb : {first, second})
        trials.push_back({protocol.task, limb, eyes, attempt, reps});
    }
  }
  return trials;
}

std::string trial_title(const TrialCondition& trial) {
  std::string side = trial.limb == Limb::kLeft ? "Left leg" : "Right leg";
  std::string task = trial.task == Task::kSingleLegSquat ? "squat" : "stance";
  if (trial.task == Task::kSingleLegStance) {
    task += trial.eyes == Eyes::kClosed ? ", eyes closed" : ", eyes open";
  }
  return side + ", " + task + ", trial " + std::to_string(trial.attempt);
}

std::string protocol_title(const TestProtocol& protocol) {
  std::string title = protocol.description.empty() ? protocol.name : protocol.description;
  if (!title.empty())
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  return title;
}

// Crossley et al. 2011 (CLINICAL.md).
std::string patient_instructions(const TestProtocol& protocol) {
  if (protocol.task == Task::kSingleLegSquat) {
    const int reps = protocol.repetitions > 0 ? protocol.repetitions : kDefaultSquatReps;
    return "Arms crossed on the chest. Stand on one leg, the other knee bent. Squat slowly to "
           "about 45-60 degrees of knee bend, about 2 s down and 2 s up, " +
           std::to_string(reps) + " times. Keep the knee over the foot.";
  }
  return "Hands on the hips. Stand on one leg, the other knee bent to about 90 degrees, and stay "
         "as still as possible. Look at the mark on the wall (eyes open) or close the eyes.";
}

}  // namespace stance
