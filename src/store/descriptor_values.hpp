#pragma once
// Every COP descriptor of one analysis as the exports carry it: name, display unit and value (none
// when the analysis could not define it). From an analysis just made, or read back from what the
// store kept of it (the "descriptors" of its analysis JSON, analysis_json.hpp), so the research
// exports carry every descriptor, not only the store's metric rows.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/descriptors/descriptor_set.hpp"
#include "support/result.hpp"

namespace stance::store {

struct DescriptorValue {
  std::string name;  // descriptor_entries()'s name, e.g. "mean_velocity"
  std::string unit;  // the display unit of the analysis's preset, e.g. "mm/s"
  std::optional<double> value;
};

std::vector<DescriptorValue> descriptor_values(const DescriptorSet& set);

// Errors name the trial (`name`) and say that `stance reanalyze` rewrites its analysis.
Result<std::vector<DescriptorValue>> read_descriptor_values(std::string_view analysis_json,
                                                            const std::string& name);

}  // namespace stance::store
