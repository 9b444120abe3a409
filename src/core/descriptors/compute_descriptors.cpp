#include "core/descriptors/compute_descriptors.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <future>
#include <system_error>

#include "core/descriptors/resample.hpp"
#include "core/preprocess.hpp"
#include "core/sample_window.hpp"

namespace stance {
namespace {

// The usable samples' mean becomes the trace's centre. `all_usable`: no false in trace.usable.
Status centre(CopTrace& trace, bool all_usable) {
  double sx = 0, sy = 0;
  Eigen::Index n = 0;
  if (all_usable) {  // the same sums in the same order, without the per-sample test
    for (Eigen::Index i = 0; i < trace.size(); ++i) {
      sx += trace.ml_m[i];
      sy += trace.ap_m[i];
    }
    n = trace.size();
  } else {
    for (Eigen::Index i = 0; i < trace.size(); ++i) {
      if (!trace.usable[i]) continue;
      sx += trace.ml_m[i];
      sy += trace.ap_m[i];
      ++n;
    }
  }
  if (n == 0) return Error{"no usable COP sample in the window (plate unloaded or data lost)"};
  trace.centre_ml_m = sx / static_cast<double>(n);
  trace.centre_ap_m = sy / static_cast<double>(n);
  trace.ml_m -= trace.centre_ml_m;
  trace.ap_m -= trace.centre_ap_m;
  return {};
}

Result<PreparedCop> prepare_filter_then_window(const ForceSamples& samples,
                                               const DescriptorOptions& options,
                                               const PresetSettings& settings) {
  PreparedCop out;
  CopTrace whole;
  bool all_usable = false;  // of the whole recording, hence of any window; known when filtered here
  if (options.resample_hz > 0 && options.resample_hz != samples.rate_hz) {
    auto resampled = resample_cop(samples, settings.lowpass, options.resample_hz);
    if (!resampled) return resampled.error();
    whole.rate_hz = resampled->rate_hz;
    whole.ml_m = std::move(resampled->ml_m);
    whole.ap_m = std::move(resampled->ap_m);
    whole.usable = std::move(resampled->usable);
    out.filtered = true;
  } else {
    FilteredCop cop = lowpass_cop(samples, settings.lowpass);
    whole.rate_hz = samples.rate_hz;
    whole.ml_m = std::move(cop.ml_m);
    whole.ap_m = std::move(cop.ap_m);
    whole.usable = std::move(cop.usable);
    all_usable = cop.all_usable;
    out.filtered = cop.filtered;
  }
  const auto window = window_on_grid(whole.size(), whole.rate_hz, options.start_s, options.end_s);
  if (!window) return window.error();
  const Eigen::Index count = window->last - window->first;
  CopTrace& t = out.trace;
  if (count == whole.size()) {
    t = std::move(whole);  // the usual case: the whole recording, nothing to cut
  } else {
    t.rate_hz = whole.rate_hz;
    t.ml_m = whole.ml_m.segment(window->first, count);
    t.ap_m = whole.ap_m.segment(window->first, count);
    t.usable.assign(whole.usable.begin() + window->first, whole.usable.begin() + window->last);
  }
  if (const Status s = centre(t, all_usable || t.all_usable()); !s) return s.error();
  out.start_s = static_cast<double>(window->first) / t.rate_hz;
  out.end_s = static_cast<double>(window->last) / t.rate_hz;
  const auto factor =
      settings.analysis_rate_min_hz > 0
          ? std::max<Eigen::Index>(
                1, static_cast<Eigen::Index>(std::floor(t.rate_hz / settings.analysis_rate_min_hz)))
          : Eigen::Index{1};
  out.analysis = decimate(t, factor);
  return out;
}

Result<PreparedCop> prepare_published(const ForceSamples& samples, const DescriptorOptions& options,
                                      const PresetSettings& settings) {
  PreparedCop out;
  const auto window =
      window_on_grid(samples.size(), samples.rate_hz, options.start_s, options.end_s);
  if (!window) return window.error();
  out.start_s = static_cast<double>(window->first) / samples.rate_hz;
  out.end_s = static_cast<double>(window->last) / samples.rate_hz;
  // The usable raw samples with their times from the window's start; unusable ones are simply
  // absent, as NaN rows are in the published code.
  std::vector<double> t, x, y;
  for (Eigen::Index i = window->first; i < window->last; ++i) {
    if (!samples.usable_for_cop(i)) continue;
    t.push_back(static_cast<double>(i - window->first) / samples.rate_hz);
    x.push_back(samples.cop_ml_m[i]);
    y.push_back(samples.cop_ap_m[i]);
  }
  if (t.size() < 2) return Error{"fewer than 2 usable COP samples in the window"};
  const auto n = static_cast<Eigen::Index>(t.size());
  const Eigen::Map<const Eigen::ArrayXd> ts(t.data(), n);
  Eigen::ArrayXd xs = Eigen::Map<const Eigen::ArrayXd>(x.data(), n);
  Eigen::ArrayXd ys = Eigen::Map<const Eigen::ArrayXd>(y.data(), n);
  const double cx = xs.mean(), cy = ys.mean();
  xs -= cx;
  ys -= cy;
  SwariiSpec swarii = settings.swarii;
  if (options.resample_hz > 0) swarii.rate_hz = options.resample_hz;
  ResampledCop r = resample_swarii(ts, xs, ys, swarii);
  if (r.size() < 2)
    return Error{"the window is too short to resample at " + std::to_string(swarii.rate_hz) +
                 " Hz"};
  CopTrace& trace = out.trace;
  trace.rate_hz = r.rate_hz;
  trace.centre_ml_m = cx;
  trace.centre_ap_m = cy;
  trace.usable = r.usable;
  if (const auto sections = design_butterworth_lowpass(settings.lowpass, r.rate_hz)) {
    filtfilt2_in_place(*sections, r.ml_m, r.ap_m);
    out.filtered = true;
  } else {
    out.notes.push_back("COP not low-pass filtered: " + sections.error().message);
  }
  trace.ml_m = std::move(r.ml_m);
  trace.ap_m = std::move(r.ap_m);
  if (r.filled > 0) {
    out.notes.push_back(std::to_string(r.filled) +
                        " resampling windows held no sample and were interpolated");
  }
  out.analysis = trace;
  return out;
}

}  // namespace

Result<PreparedCop> prepare_cop(const ForceSamples& samples, const DescriptorOptions& options,
                                const PresetSettings& settings) {
  if (samples.size() == 0 || !(samples.rate_hz > 0)) {
    return Error{"the recording holds no samples"};
  }
  auto out = settings.pipeline == Pipeline::kPublished
                 ? prepare_published(samples, options, settings)
                 : prepare_filter_then_window(samples, options, settings);
  if (out && !out->filtered && settings.pipeline == Pipeline::kFilterThenWindow) {
    out->notes.push_back("COP not low-pass filtered: the sample rate is too low for a " +
                         std::to_string(settings.lowpass.cutoff_hz) + " Hz cut-off");
  }
  return out;
}

namespace {

// The families computed on the analysis grid: independent of the others.
struct GridFamilies {
  FrequencyDescriptors frequency;
  DiffusionDescriptors diffusion;
  SwayDensityPeaks sway_density;
};

GridFamilies compute_grid_families(const CopTrace& analysis, const PresetSettings& settings) {
  GridFamilies g;
  const Psd psd = welch_psd(analysis.ml_m, analysis.ap_m, analysis.rate_hz, settings.welch);
  g.frequency = compute_frequency(psd, settings.spectral);
  g.diffusion = compute_diffusion(analysis, settings.diffusion);
  g.sway_density = compute_sway_density(analysis, settings.dynamic);
  return g;
}

}  // namespace

DescriptorSet compute_descriptor_set(const PreparedCop& cop, const PresetSettings& settings,
                                     int threads) {
  DescriptorSet set;
  set.preset = settings.preset;
  set.unit = settings.unit;
  set.rate_hz = cop.trace.rate_hz;
  set.analysis_rate_hz = cop.analysis.rate_hz;
  set.start_s = cop.start_s;
  set.end_s = cop.end_s;
  set.samples = cop.trace.size();
  set.filtered = cop.filtered;
  set.lowpass = settings.lowpass;
  set.diffusion_form = settings.diffusion.form;
  set.power_sum = settings.spectral.power;
  set.notes = cop.notes;
  // On one thread the positional family counts the usable samples (the mask is scanned once for
  // the whole set); with two, they are counted first, so that the second thread starts at once.
  if (threads >= 2) {
    set.samples_used = cop.trace.usable_count();
  } else {
    set.positional = compute_positional(cop.trace, settings.positional);
    set.samples_used = set.positional.samples;
  }
  set.samples_bridged = set.samples - set.samples_used;

  const double bridged =
      set.samples > 0 ? static_cast<double>(set.samples_bridged) / static_cast<double>(set.samples)
                      : 1.0;
  const bool grid_families = bridged <= settings.max_bridged_fraction;
  std::future<GridFamilies> worker;
  if (threads >= 2 && grid_families) {
    try {
      worker = std::async(std::launch::async, compute_grid_families, std::cref(cop.analysis),
                          std::cref(settings));
    } catch (const std::system_error&) {
      // No thread to be had: the same work on this one.
    }
  }
  if (threads >= 2) set.positional = compute_positional(cop.trace, settings.positional);
  set.dynamic = compute_dynamic(cop.trace, set.positional, settings.dynamic);
  GridFamilies grid;
  if (worker.valid()) {
    grid = worker.get();
  } else if (grid_families) {
    grid = compute_grid_families(cop.analysis, settings);
  }

  if (set.positional.samples < 3) {
    set.dynamic = {};
    set.notes.push_back("no descriptors: fewer than 3 usable COP samples");
    return set;
  }
  // A COP that does not move leaves only rounding noise, whose ratios would look like values.
  constexpr double kStill_m = 1e-9;
  if (set.positional.range_m.value < kStill_m) {
    set.positional.range_ratio = {};
    set.positional.sway_direction_coefficient = {};
    set.positional.principal_direction_rad = {};
    set.dynamic = {};
    set.notes.push_back("the COP does not move (range below 1 nm): only positional values");
    return set;
  }
  if (set.samples_bridged > 0) {
    set.notes.push_back(std::to_string(set.samples_bridged) +
                        " unusable samples (lost or unloaded) were left out of the positional "
                        "and path values and bridged by straight lines for the others");
  }
  if (!grid_families) {
    set.dynamic.velocity_ml = {};
    set.dynamic.velocity_ap = {};
    set.dynamic.phase_plane_ml_m = {};
    set.dynamic.phase_plane_ap_m = {};
    set.notes.push_back("no velocity, sway-density, frequency or diffusion values: more than " +
                        std::to_string(static_cast<int>(settings.max_bridged_fraction * 100)) +
                        " % of the window is unusable");
    return set;
  }
  set.frequency = grid.frequency;
  set.diffusion = grid.diffusion;
  set.dynamic.sway_density = grid.sway_density;
  if (!set.diffusion.ml.scaling_short.defined && !set.diffusion.ap.scaling_short.defined) {
    set.notes.push_back("no diffusion values: the window must be long enough for lags up to " +
                        seconds_text(settings.diffusion.break_max_s) +
                        " plus a long-term region (about " +
                        seconds_text(3.0 * settings.diffusion.break_max_s + 0.1) + " of data)");
  }
  return set;
}

Result<DescriptorSet> compute_descriptors(const ForceSamples& samples,
                                          const DescriptorOptions& options) {
  PresetSettings settings = preset_settings(options.preset);
  if (options.lowpass) settings.lowpass = *options.lowpass;
  auto cop = prepare_cop(samples, options, settings);
  if (!cop) return cop.error();
  return compute_descriptor_set(*cop, settings, options.threads);
}

}  // namespace stance
