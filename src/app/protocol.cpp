#include "app/protocol.hpp"

#include <cctype>

namespace stance::app {
namespace {

// What the clinician says to the patient, per task (Crossley et al. 2011; CLINICAL.md).
std::string instructions_for(Task task) {
  if (task == Task::kSingleLegSquat) {
    return "Arms crossed on the chest. Stand on one leg, the other knee bent. Squat slowly to "
           "about 45-60 degrees of knee bend, about 2 s down and 2 s up, 5 times. Keep the knee "
           "over the foot.";
  }
  return "Hands on the hips. Stand on one leg, the other knee bent to about 90 degrees, and stay "
         "as still as possible. Look at the mark on the wall (eyes open) or close the eyes.";
}

}  // namespace

std::vector<Protocol> builtin_protocols() {
  Protocol squat;
  squat.name = "single-leg-squat";
  squat.label = "Single-leg squat: 5 repetitions, 3 trials per side";
  squat.task = Task::kSingleLegSquat;
  squat.instructions = instructions_for(squat.task);
  Protocol stance;
  stance.name = "single-leg-stance";
  stance.label = "Single-leg stance: 30 s, eyes open and closed, 3 trials per side";
  stance.task = Task::kSingleLegStance;
  stance.eyes = {Eyes::kOpen, Eyes::kClosed};
  stance.instructions = instructions_for(stance.task);
  return {squat, stance};
}

std::vector<Protocol> protocols_from_store(const std::vector<store::Protocol>& stored) {
  std::vector<Protocol> out;
  for (const store::Protocol& s : stored) {
    if (s.task != Task::kSingleLegSquat && s.task != Task::kSingleLegStance) continue;
    Protocol p;
    p.name = s.name;
    p.label = s.description.empty() ? s.name : s.description;
    p.label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(p.label[0])));
    p.task = s.task;
    p.trials_per_side = s.trials_per_side;
    if (s.task == Task::kSingleLegSquat) {
      p.squat_reps = s.repetitions > 0 ? s.repetitions : p.squat_reps;
    } else {
      p.stance_seconds = s.seconds;
    }
    p.eyes = s.eyes.empty() ? std::vector<Eyes>{Eyes::kOpen} : s.eyes;
    p.instructions = instructions_for(s.task);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<ProtocolStep> protocol_steps(const Protocol& protocol, Limb involved) {
  const Limb second = involved == Limb::kUnspecified ? Limb::kLeft : involved;
  const Limb first = second == Limb::kLeft ? Limb::kRight : Limb::kLeft;
  std::vector<ProtocolStep> steps;
  for (Eyes eyes : protocol.eyes) {
    for (int attempt = 1; attempt <= protocol.trials_per_side; ++attempt) {
      for (Limb limb : {first, second}) {
        const int reps = protocol.task == Task::kSingleLegSquat ? protocol.squat_reps : 0;
        steps.push_back({protocol.task, limb, eyes, attempt, reps});
      }
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
