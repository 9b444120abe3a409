#include "core/basic_analysis.hpp"

#include "core/preprocess.hpp"
#include "core/units.hpp"

namespace stance {
namespace {

// One pass over the window's flags: the four counts, and the mean vertical force over loaded
// samples that carry a trustworthy force.
void count_and_weigh(const ForceSamples& s, SampleRange range, BasicAnalysis& a) {
  constexpr std::uint8_t kExclude = kUnusableForCop | bit(SampleFlag::kOverload);
  Eigen::Index lost = 0, unloaded = 0, overload = 0, adc = 0, loaded = 0;
  double sum = 0;
  for (Eigen::Index i = range.first; i < range.last; ++i) {
    const std::uint8_t f = s.flags[i];
    lost += has_flag(f, SampleFlag::kMissing) ? 1 : 0;
    unloaded += has_flag(f, SampleFlag::kLowForce) ? 1 : 0;
    overload += has_flag(f, SampleFlag::kOverload) ? 1 : 0;
    adc += has_flag(f, SampleFlag::kAdcError) ? 1 : 0;
    if ((f & kExclude) != 0) continue;
    sum += s.fz_n[i];
    ++loaded;
  }
  a.lost_samples = lost;
  a.unloaded_samples = unloaded;
  a.overload_samples = overload;
  a.adc_error_samples = adc;
  a.body_weight_n = loaded > 0 ? sum / static_cast<double>(loaded) : 0.0;
}

}  // namespace

Result<SampleRange> basic_window(const ForceSamples& samples, double start_s, double end_s) {
  if (samples.size() == 0 || !(samples.rate_hz > 0)) {
    return Error{"the recording holds no samples"};
  }
  return window_on_grid(samples.size(), samples.rate_hz, start_s, end_s);
}

BasicAnalysis summarize_window(const ForceSamples& samples, SampleRange range,
                               const BasicAnalysisOptions& options) {
  BasicAnalysis a;
  a.rate_hz = samples.rate_hz;
  a.start_s = static_cast<double>(range.first) / samples.rate_hz;
  a.sample_count = range.count();
  a.duration_s = static_cast<double>(a.sample_count) / samples.rate_hz;
  a.end_s = a.start_s + a.duration_s;
  count_and_weigh(samples, range, a);
  a.body_mass_kg = kg_from_newtons(a.body_weight_n);
  a.lowpass = options.lowpass;
  if (a.overload_samples > 0) {
    a.notes.push_back("overloaded samples present: forces at full scale are not trustworthy");
  }
  if (!options.sway) return a;
  // Filter the whole recording, then cut: the window's edges then carry no filter transient.
  const FilteredCop cop = lowpass_cop(samples, options.lowpass);
  a.filtered = cop.filtered;
  a.sway = compute_sway_basic(
      cop.ml_m.segment(range.first, range.count()), cop.ap_m.segment(range.first, range.count()),
      std::vector<bool>(cop.usable.begin() + range.first, cop.usable.begin() + range.last),
      samples.rate_hz);
  if (!cop.filtered) {
    a.notes.push_back("COP not low-pass filtered: the sample rate is too low for a " +
                      std::to_string(options.lowpass.cutoff_hz) + " Hz cut-off");
  }
  if (a.sway.samples_used < 3) {
    a.notes.push_back("no sway descriptors: fewer than 3 samples with a loaded plate");
  }
  return a;
}

Result<BasicAnalysis> analyze_basic(const ForceSamples& samples,
                                    const BasicAnalysisOptions& options) {
  const auto range = basic_window(samples, options.start_s, options.end_s);
  if (!range) return range.error();
  return summarize_window(samples, *range, options);
}

}  // namespace stance
