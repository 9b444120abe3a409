#pragma once
// Flagged samples (lost, ADC error, overload) and a COP outside the plate, at the plate's rate.
#include <vector>

#include "core/force_samples.hpp"
#include "core/validity/trial_verdict.hpp"

namespace stance::validity {

// One finding per group of runs of a flag (runs closer than merge_gap_s grouped); qualifying
// when short, invalidating when a run is long or they add up to too much of the trial.
void find_flagged_frames(const ForceSamples& s, const ValidityOptions& o,
                         std::vector<Finding>& out);

// Stretches where the COP lies beyond the sensing area (less the edge margin).
void find_cop_outside(const ForceSamples& s, const PlateGeometry& plate, const ValidityOptions& o,
                      std::vector<Finding>& out);

}  // namespace stance::validity
