#include "app/protocol.hpp"

namespace stance::app {

std::vector<Protocol> builtin_protocols() {
  Protocol squat;
  squat.name = "Single-leg squat: 5 repetitions, 3 trials per side";
  squat.task = Task::kSingleLegSquat;
  squat.instructions =
      "Arms crossed on the chest. Stand on one leg, the other knee bent. Squat slowly to about "
      "45-60 degrees of knee bend, about 2 s down and 2 s up, 5 times. Keep the knee over the "
      "foot.";
  Protocol stance;
  stance.name = "Single-leg stance: 30 s, eyes open and closed, 3 trials per side";
  stance.task = Task::kSingleLegStance;
  stance.eyes = {Eyes::kOpen, Eyes::kClosed};
  stance.instructions =
      "Hands on the hips. Stand on one leg, the other knee bent to about 90 degrees, and stay "
      "as still as possible. Look at the mark on the wall (eyes open) or close the eyes.";
  return {squat, stance};
}

std::vector<ProtocolStep> protocol_steps(const Protocol& protocol, Limb involved) {
  const Limb second = involved == Limb::kUnspecified ? Limb::kLeft : involved;
  const Limb first = second == Limb::kLeft ? Limb::kRight : Limb::kLeft;
  std::vector<ProtocolStep> steps;
  for (Eyes eyes : protocol.eyes) {
    for (int attempt = 1; attempt <= protocol.trials_per_side; ++attempt) {
      for (Limb limb : {first, second}) steps.push_back({protocol.task, limb, eyes, attempt});
    }
  }
  return steps;
}

std::string step_title(const ProtocolStep& step) {
  std::string side = step.limb == Limb::kLeft ? "Left leg" : "Right leg";
  std::string task = step.task == Task::kSingleLegSquat ? "squat" : "stance";
  if (step.task == Task::kSingleLegStance) {
    task += step.eyes == Eyes::kClosed ? ", eyes closed" : ", eyes open";
  }
  return side + ", " + task + ", trial " + std::to_string(step.attempt);
}

}  // namespace stance::app
