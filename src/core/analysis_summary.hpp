#pragma once
// What is printed and kept of one trial's analysis beside its metric rows: the verdict with its
// findings, the squats with their steadiness, the body weight and the 95% ellipse. The test sheet
// is made from this, whether the analysis was just made or read back from the store (so a stored
// trial's sheet never analyses the recording again: issue 12).
#include <map>
#include <optional>
#include <vector>

#include "core/trial_analysis.hpp"

namespace stance {

// The 95% confidence ellipse of the COP, plate frame, SI units (core/descriptors/positional.hpp).
struct Ellipse95 {
  double center_ml_m = 0.0, center_ap_m = 0.0;
  double semi_major_m = 0.0, semi_minor_m = 0.0;
  double angle_rad = 0.0;  // major axis from +ML toward +AP
};

struct AnalysisSummary {
  Task task = Task::kSingleLegStance;
  TrialVerdict verdict;
  double body_weight_n = 0.0;
  std::vector<SquatRep> reps;            // squats only; fields the store keeps (analysis JSON)
  std::map<int, double> rep_steadiness;  // SquatRep::index → ML squat steadiness 0-100
  std::optional<double> steadiness;      // the trial's ML squat steadiness (squats)
  std::optional<Ellipse95> ellipse;      // absent in analyses stored before schema 3
  std::optional<knee::KneeFigures>
      knee;  // the camera's FPPA per squat (the frames stay in the recording)
};

AnalysisSummary summarize_analysis(const TrialAnalysis& analysis);

}  // namespace stance
