#pragma once
// A patient's progress, computed from the stored history: per task, eye condition, metric and
// limb, the visit means, the baseline (first visit), the change from it, and whether the
// change is larger than the test's own noise (MDC95); and the limb symmetry of every visit.
// Method, references and limits: docs/progress.md. Pure computation, no SQLite.
#include <cstdint>
#include <string>
#include <vector>

#include "core/symmetry.hpp"
#include "store/model.hpp"

namespace stance::store {

struct VisitPoint {
  std::int64_t visit_id = 0;
  std::string visit_utc;
  TrialSummary summary;     // over the visit's valid trials of this limb
  double change = 0.0;      // summary.mean − baseline mean (0 for the baseline itself)
  bool beyond_mdc = false;  // |change| > MDC95 (and the MDC is known)
  bool improved = false;    // beyond the MDC in the metric's better direction
};

// Measurement error from the within-session trial-to-trial spread, pooled over visits:
// SEM = √(Σ (nᵢ − 1)·sᵢ² / Σ (nᵢ − 1)), MDC95 = 1.96 · √2 · SEM.
struct Reliability {
  bool defined = false;  // at least one visit with two or more valid trials
  int degrees_of_freedom = 0;
  double sem = 0.0;
  double mdc95 = 0.0;
};

Reliability within_session_reliability(const std::vector<TrialSummary>& sessions);

struct LimbSeries {
  Limb limb = Limb::kUnspecified;
  std::vector<VisitPoint> points;  // oldest first; points[0] is the baseline
  Reliability reliability;
};

struct SymmetryPoint {
  std::int64_t visit_id = 0;
  std::string visit_utc;
  LimbSymmetry symmetry;
};

struct MetricProgress {
  Task task = Task::kUnspecified;
  Eyes eyes = Eyes::kUnspecified;
  std::string key;
  std::string unit;
  Better better = Better::kLower;
  std::vector<LimbSeries> limbs;        // left, then right, those with data
  std::vector<SymmetryPoint> symmetry;  // visits with both limbs
};

// `rows` as Store::history returns them (any order). Invalid trials are left out.
std::vector<MetricProgress> compute_progress(const std::vector<HistoryRow>& rows, Limb involved);

}  // namespace stance::store
