#include "simulated/simulated_patient.hpp"

#include <cstdio>

namespace stance::sim {
namespace {

std::string number(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

}  // namespace

SimulatedPatientTrial simulated_patient_trial(Limb involved, const TrialCondition& condition) {
  const Limb sore = involved == Limb::kUnspecified ? Limb::kLeft : involved;
  const bool is_involved = condition.limb == sore;
  SimulatedPatientTrial t;
  const double factor = (is_involved ? 1.25 : 1.0) * (condition.eyes == Eyes::kClosed ? 1.5 : 1.0);
  t.sway_ml_mm = 7.0 * factor;
  t.sway_ap_mm = 12.0 * factor;
  t.wobble = is_involved ? 0.8 : 0.1;
  return t;
}

std::string simulated_patient_options(Limb involved, const TrialCondition& condition) {
  const SimulatedPatientTrial t = simulated_patient_trial(involved, condition);
  std::string o = "limb=" + std::string(to_string(condition.limb));
  if (condition.task == Task::kSingleLegSquat) {
    o += ",task=squat,depth_m=" + number(t.depth_m, 2) + ",wobble=" + number(t.wobble, 2);
    if (condition.planned_reps > 0) o += ",reps=" + std::to_string(condition.planned_reps);
  } else {
    o += ",task=stance,sway_ml_mm=" + number(t.sway_ml_mm, 2) +
         ",sway_ap_mm=" + number(t.sway_ap_mm, 2);
  }
  return o;
}

}  // namespace stance::sim
