#pragma once
// Load leaving or reaching the plate: the other foot touching down, stepping off, stepping on,
// hopping. Works on the analysis-rate signals; times are those of the plate samples.
#include <vector>

#include "core/squat/body_weight.hpp"
#include "core/squat/working_signals.hpp"
#include "core/validity/trial_verdict.hpp"

namespace stance::validity {

// Step-on (empty at the start), step-off (empty at the end, or for longer than a flight) and
// hops (a short unloaded gap ending in a landing peak).
void find_unloading(const squat::WorkingSignals& w, double bw_n, const ValidityOptions& o,
                    std::vector<Finding>& out);

// Touchdowns: sudden drops that the slow force trajectory (the squat's own COM acceleration)
// does not follow, where the load then stays down, and whose impulse the body's own motion does
// not explain: between two rests (quiet windows at body weight, `rests`) the COM velocity
// returns to 0, so ∫(Fz − BW) dt = 0 unless load went elsewhere. Ignores the blocks near an
// unloading.
// fz_slow_n: w.fz_n already low-passed at rule.slow_lowpass_hz, when the caller has it.
void find_touchdowns(const squat::WorkingSignals& w, double bw_n,
                     const std::vector<squat::QuietWindow>& rests, const TouchdownRule& rule,
                     double unloaded_fraction, std::vector<Finding>& out,
                     const Eigen::ArrayXd* fz_slow_n = nullptr);

// The finding for a touchdown from start_s to end_s in which share_bw of body weight left.
Finding touchdown_finding(double start_s, double end_s, double share_bw);

}  // namespace stance::validity
