#include "core/basic_analysis.hpp"

#include <cmath>
#include <sstream>

#include "core/preprocess.hpp"
#include "core/units.hpp"

namespace stance {
namespace {

std::string seconds(double s) {
  std::ostringstream out;
  out.precision(3);
  out << std::fixed << s << " s";
  return out.str();
}

// Mean vertical force over loaded samples that carry a trustworthy force.
double mean_loaded_fz(const ForceSamples& s) {
  constexpr std::uint8_t kExclude = kUnusableForCop | bit(SampleFlag::kOverload);
  double sum = 0;
  Eigen::Index n = 0;
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    if ((s.flags[i] & kExclude) != 0) continue;
    sum += s.fz_n[i];
    ++n;
  }
  return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

}  // namespace

Result<BasicAnalysis> analyze_basic(const ForceSamples& samples,
                                    const BasicAnalysisOptions& options) {
  if (samples.size() == 0 || !(samples.rate_hz > 0)) {
    return Error{"the recording holds no samples"};
  }
  const double total_s = static_cast<double>(samples.size()) / samples.rate_hz;
  if (options.start_s >= options.end_s) {
    return Error{"--start (" + seconds(options.start_s) + ") must be before --end (" +
                 seconds(options.end_s) + ")"};
  }
  if (options.start_s >= total_s || options.end_s <= 0) {
    return Error{"the window " + seconds(std::max(0.0, options.start_s)) + " to " +
                 seconds(std::min(total_s, options.end_s)) +
                 " lies outside the recording, which lasts " + seconds(total_s)};
  }
  const auto first =
      static_cast<Eigen::Index>(std::ceil(std::max(0.0, options.start_s) * samples.rate_hz - 1e-9));
  const auto last = static_cast<Eigen::Index>(std::min(
      static_cast<double>(samples.size()), std::ceil(options.end_s * samples.rate_hz - 1e-9)));

  const ForceSamples window = samples.slice(first, last - first);

  BasicAnalysis a;
  a.rate_hz = samples.rate_hz;
  a.start_s = static_cast<double>(first) / samples.rate_hz;
  a.sample_count = window.size();
  a.duration_s = static_cast<double>(a.sample_count) / samples.rate_hz;
  a.end_s = a.start_s + a.duration_s;
  a.lost_samples = window.count_flagged(SampleFlag::kMissing);
  a.unloaded_samples = window.count_flagged(SampleFlag::kLowForce);
  a.overload_samples = window.count_flagged(SampleFlag::kOverload);
  a.adc_error_samples = window.count_flagged(SampleFlag::kAdcError);
  a.body_weight_n = mean_loaded_fz(window);
  a.body_mass_kg = kg_from_newtons(a.body_weight_n);
  a.lowpass = options.lowpass;
  if (a.overload_samples > 0) {
    a.notes.push_back("overloaded samples present: forces at full scale are not trustworthy");
  }
  if (!options.sway) return a;
  // Filter the whole recording, then cut: the window's edges then carry no filter transient.
  const FilteredCop cop = lowpass_cop(samples, options.lowpass);
  a.filtered = cop.filtered;
  a.sway = compute_sway_basic(cop.ml_m.segment(first, window.size()),
                              cop.ap_m.segment(first, window.size()), cop_usable_mask(window),
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

}  // namespace stance
