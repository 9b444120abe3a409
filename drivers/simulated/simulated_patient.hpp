#pragma once
// The one simulated patient of the demo, the dashboard's simulated plate and `stance session
// record`: patellofemoral pain on the involved side, which sways more in single-leg stance and
// whose knee collapses and wobbles more in the squat; eyes closed sway 50% more (Ruhe et al. 2010
// in CLINICAL.md: closing the eyes raises single-leg sway). The numbers are the simulator's
// options (docs/simulator.md); a user's own options, given after these, override them.
#include <string>

#include "core/recording.hpp"

namespace stance::sim {

struct SimulatedPatientTrial {
  double sway_ml_mm = 0.0, sway_ap_mm = 0.0;  // true long-run COP SD in single-leg stance
  double wobble = 0.0;                        // the knee's wobble parameter w in the squat, 0..1
  double depth_m = 0.08;                      // squat COM drop: ≈55° of knee flexion
};

// The person's parameters for one trial of `condition` (its limb standing); `involved` unknown
// counts as the left side.
SimulatedPatientTrial simulated_patient_trial(Limb involved, const TrialCondition& condition);

// The same as simulator options, e.g. "task=squat,depth_m=0.08,wobble=0.80", with the task, the
// standing leg and the squats asked for; without seed, mass or clock, which the caller adds.
std::string simulated_patient_options(Limb involved, const TrialCondition& condition);

}  // namespace stance::sim
