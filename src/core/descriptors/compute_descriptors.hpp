#pragma once
// The full COP descriptor set of one recording or window of it, by preset:
//   DescriptorOptions options;
//   options.preset = Preset::kReference;
//   auto set = compute_descriptors(samples, options);
//   for (const DescriptorEntry& e : descriptor_entries(*set)) … display_value(e, set->unit) …
// Values are SI inside; the preset's display unit (mm or cm) is applied only on output.
// Pipelines, definitions and references: docs/metrics.md.
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/descriptors/cop_trace.hpp"
#include "core/descriptors/descriptor_set.hpp"
#include "core/descriptors/presets.hpp"
#include "core/force_samples.hpp"
#include "support/result.hpp"

namespace stance {

struct DescriptorOptions {
  Preset preset = Preset::kClinical;
  double start_s = -std::numeric_limits<double>::infinity();  // from the recording's start
  double end_s = std::numeric_limits<double>::infinity();
  std::optional<LowPassSpec> lowpass;  // instead of the preset's 4th-order 10 Hz
  double resample_hz = 0;  // clinical: 0 = the plate's rate; reference: 0 = 25 Hz (SWARII)
  int threads = 1;         // 2: the analysis-grid families run on a second thread
};

// The COP ready for the descriptor families: `trace` for the positional and dynamic ones,
// `analysis` (the same, or every k-th sample of it) for spectrum, diffusion and sway density.
struct PreparedCop {
  CopTrace trace, analysis;
  bool filtered = false;
  double start_s = 0, end_s = 0;  // the window actually used, from the recording's start
  std::vector<std::string> notes;
};

Result<PreparedCop> prepare_cop(const ForceSamples& samples, const DescriptorOptions& options,
                                const PresetSettings& settings);

// Every descriptor family on prepared COP. With threads >= 2, the spectrum, diffusion and sway
// density (on cop.analysis) run on a second thread while this one does the rest; the result is
// the same.
DescriptorSet compute_descriptor_set(const PreparedCop& cop, const PresetSettings& settings,
                                     int threads = 1);

// Errors: no samples, an empty or misplaced window, no usable sample in it, an impossible
// resampling rate. Degenerate data (too short, motionless) gives undefined values (0) with notes.
Result<DescriptorSet> compute_descriptors(const ForceSamples& samples,
                                          const DescriptorOptions& options = {});

}  // namespace stance
