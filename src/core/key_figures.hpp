#pragma once
// The figures a clinician needs first from a trial (issue 6: mean velocity, ellipse area, ML and
// AP range; for squats the repetitions, depth and ML squat steadiness), in display units, with
// which way is better. The dashboard, the store's history and the test sheet all show these.
// Definitions: docs/metrics.md.
#include <map>
#include <string>
#include <vector>

#include "core/symmetry.hpp"
#include "core/trial_analysis.hpp"

namespace stance {

struct KeyFigure {
  std::string key;    // stable, e.g. "mean_velocity"
  std::string label;  // e.g. "Mean COP velocity"
  std::string unit;   // e.g. "mm/s"
  int decimals = 1;
  double value = 0.0;
  bool defined = false;
  Better better = Better::kLower;
};

// The rows of a task, none defined yet. Stance trials: sway figures; squat trials: the same sway
// figures over the movement, then repetitions, mean depth and the ML squat steadiness, and with a
// camera the knee's FPPA (peak and range, means of squats 1-4).
std::vector<KeyFigure> key_figure_rows(Task task, bool camera = false);
// The rows of the analysis's task with its values.
std::vector<KeyFigure> key_figures(const TrialAnalysis& analysis);

// One trial's key figures with its side and verdict.
struct KeyFigureTrial {
  Limb limb = Limb::kUnspecified;
  bool valid = true;
  std::vector<KeyFigure> figures;
};

// summarize_session over the trials' key figures (each figure's own direction of better): the
// one session summary the dashboard and the test sheet show.
std::map<std::string, MetricSessionSummary> summarize_key_figures(
    const std::vector<KeyFigureTrial>& trials, Limb involved);

}  // namespace stance
