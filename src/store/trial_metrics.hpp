#pragma once
// The numbers of a trial's analysis that the store keeps as metric rows, so a patient's history
// is a fast indexed query; the whole analysis is kept as JSON beside them. Each with its unit
// and the direction in which it is better.
#include <span>
#include <string>
#include <vector>

#include "core/symmetry.hpp"
#include "core/trial_analysis.hpp"
#include "store/model.hpp"

namespace stance::store {

struct MetricInfo {
  const char* key;
  const char* label;  // for the clinician, e.g. "Mean COP velocity"
  Better better;
};

// Every metric key the store may hold, in display order.
std::span<const MetricInfo> metric_catalog();
// Direction of a key; lower is better for unknown keys (sway).
Better better_for(const std::string& key);
std::string label_for(const std::string& key);

// The store's metric key of a key figure (core/key_figures.hpp): the same key, but for the mean
// depth, which the store names with its unit ("mean_depth_cm").
std::string stored_metric_key(const std::string& figure_key);

// The catalog's metrics a trial's analysis defines, in the display units of its preset.
std::vector<Metric> trial_metrics(const TrialAnalysis& analysis);

}  // namespace stance::store
