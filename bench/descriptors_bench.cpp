// Speed of the full COP descriptor set: a 30 s single-leg-stance trial at 1000 Hz with the
// clinical preset, and at 100 Hz with the reference preset; then each stage on its own; then the
// time per sample from 10 s to 600 s, for swaying and still trials (linear time: issue 13).
// Figures: docs/performance.md.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <random>
#include <string>

#include "core/butterworth.hpp"
#include "core/descriptors/compute_descriptors.hpp"
#include "core/descriptors/diffusion.hpp"
#include "core/descriptors/sway_density.hpp"
#include "core/descriptors/welch.hpp"

namespace stance {
namespace {

// Sway of a few millimetres: slow sinusoids, a random walk, and 0.05 mm of sensor noise.
ForceSamples stance_trial(double rate_hz, double seconds) {
  ForceSamples s;
  s.rate_hz = rate_hz;
  s.resize(static_cast<Eigen::Index>(rate_hz * seconds));
  std::mt19937_64 rng(42);
  std::normal_distribution<double> step(0.0, 0.00005 * std::sqrt(100.0 / rate_hz));
  std::normal_distribution<double> noise(0.0, 0.00005);
  double walk_ml = 0, walk_ap = 0;
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    walk_ml = 0.999 * walk_ml + step(rng);
    walk_ap = 0.999 * walk_ap + step(rng);
    s.fz_n[i] = 700 + 3 * std::sin(2 * std::numbers::pi * 1.3 * t);
    s.cop_ml_m[i] = 0.003 * std::sin(2 * std::numbers::pi * 0.4 * t) + walk_ml + noise(rng);
    s.cop_ap_m[i] = 0.005 * std::sin(2 * std::numbers::pi * 0.25 * t + 1.0) + walk_ap + noise(rng);
  }
  return s;
}

// A still trial: a calibration mass (or a very steady person): the COP stays within a fraction of
// a millimetre, 0.05 mm of sensor noise around one place.
ForceSamples still_trial(double rate_hz, double seconds) {
  ForceSamples s;
  s.rate_hz = rate_hz;
  s.resize(static_cast<Eigen::Index>(rate_hz * seconds));
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0.0, 0.00005);
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    s.fz_n[i] = 196.1;
    s.cop_ml_m[i] = 0.012 + noise(rng);
    s.cop_ap_m[i] = -0.030 + noise(rng);
  }
  return s;
}

DescriptorOptions preset(Preset p) {
  DescriptorOptions o;
  o.preset = p;
  return o;
}

void BM_Descriptors_Clinical_30s_1000Hz(benchmark::State& state) {
  const ForceSamples s = stance_trial(1000, 30);
  for (auto _ : state) benchmark::DoNotOptimize(compute_descriptors(s, preset(Preset::kClinical)));
}
BENCHMARK(BM_Descriptors_Clinical_30s_1000Hz)->Unit(benchmark::kMicrosecond);

void BM_Descriptors_Clinical_30s_1000Hz_2Threads(benchmark::State& state) {
  const ForceSamples s = stance_trial(1000, 30);
  DescriptorOptions o = preset(Preset::kClinical);
  o.threads = 2;
  for (auto _ : state) benchmark::DoNotOptimize(compute_descriptors(s, o));
}
BENCHMARK(BM_Descriptors_Clinical_30s_1000Hz_2Threads)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void BM_Descriptors_Reference_30s_100Hz(benchmark::State& state) {
  const ForceSamples s = stance_trial(100, 30);
  for (auto _ : state) benchmark::DoNotOptimize(compute_descriptors(s, preset(Preset::kReference)));
}
BENCHMARK(BM_Descriptors_Reference_30s_100Hz)->Unit(benchmark::kMicrosecond);

// The stages of the clinical run: preprocessing (bridge, 10 Hz zero-phase low-pass of the whole
// recording, window, centre, decimation), then every family on the prepared COP.
void BM_Prepare_Clinical_30s_1000Hz(benchmark::State& state) {
  const ForceSamples s = stance_trial(1000, 30);
  const PresetSettings settings = preset_settings(Preset::kClinical);
  for (auto _ : state) benchmark::DoNotOptimize(prepare_cop(s, {}, settings));
}
BENCHMARK(BM_Prepare_Clinical_30s_1000Hz)->Unit(benchmark::kMicrosecond);

// The 10 Hz zero-phase low-pass alone on both axes of the trial: one axis after the other
// (filtfilt), and both at once (filtfilt2_in_place, what preprocessing uses).
void BM_LowPass_EachAxis_30s_1000Hz(benchmark::State& state) {
  const ForceSamples s = stance_trial(1000, 30);
  const auto sections = *design_butterworth_lowpass({}, 1000);
  for (auto _ : state) {
    benchmark::DoNotOptimize(filtfilt(sections, s.cop_ml_m));
    benchmark::DoNotOptimize(filtfilt(sections, s.cop_ap_m));
  }
}
BENCHMARK(BM_LowPass_EachAxis_30s_1000Hz)->Unit(benchmark::kMicrosecond);

void BM_LowPass_BothAxes_30s_1000Hz(benchmark::State& state) {
  const ForceSamples s = stance_trial(1000, 30);
  const auto sections = *design_butterworth_lowpass({}, 1000);
  Eigen::ArrayXd ml, ap;
  for (auto _ : state) {
    ml = s.cop_ml_m;  // filtered in place: start from the raw COP every time
    ap = s.cop_ap_m;
    filtfilt2_in_place(sections, ml, ap);
    benchmark::DoNotOptimize(ml.data());
    benchmark::DoNotOptimize(ap.data());
  }
}
BENCHMARK(BM_LowPass_BothAxes_30s_1000Hz)->Unit(benchmark::kMicrosecond);

void BM_DescriptorSet_Clinical_30s_1000Hz(benchmark::State& state) {
  const PresetSettings settings = preset_settings(Preset::kClinical);
  const PreparedCop cop = *prepare_cop(stance_trial(1000, 30), {}, settings);
  for (auto _ : state) benchmark::DoNotOptimize(compute_descriptor_set(cop, settings));
}
BENCHMARK(BM_DescriptorSet_Clinical_30s_1000Hz)->Unit(benchmark::kMicrosecond);

void BM_DescriptorSet_Clinical_30s_1000Hz_2Threads(benchmark::State& state) {
  const PresetSettings settings = preset_settings(Preset::kClinical);
  const PreparedCop cop = *prepare_cop(stance_trial(1000, 30), {}, settings);
  for (auto _ : state) benchmark::DoNotOptimize(compute_descriptor_set(cop, settings, 2));
}
BENCHMARK(BM_DescriptorSet_Clinical_30s_1000Hz_2Threads)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void BM_Positional_30s_1000Hz(benchmark::State& state) {
  const PreparedCop cop =
      *prepare_cop(stance_trial(1000, 30), {}, preset_settings(Preset::kClinical));
  for (auto _ : state) benchmark::DoNotOptimize(compute_positional(cop.trace, {}));
}
BENCHMARK(BM_Positional_30s_1000Hz)->Unit(benchmark::kMicrosecond);

void BM_Dynamic_30s_1000Hz(benchmark::State& state) {
  const PreparedCop cop =
      *prepare_cop(stance_trial(1000, 30), {}, preset_settings(Preset::kClinical));
  const PositionalDescriptors p = compute_positional(cop.trace, {});
  for (auto _ : state) benchmark::DoNotOptimize(compute_dynamic(cop.trace, p, {}));
}
BENCHMARK(BM_Dynamic_30s_1000Hz)->Unit(benchmark::kMicrosecond);

void BM_SwayDensity_30s_100Hz(benchmark::State& state) {  // on the analysis grid
  const PreparedCop cop =
      *prepare_cop(stance_trial(1000, 30), {}, preset_settings(Preset::kClinical));
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        sway_density_peaks(cop.analysis.ml_m, cop.analysis.ap_m, cop.analysis.rate_hz, {}));
  }
}
BENCHMARK(BM_SwayDensity_30s_100Hz)->Unit(benchmark::kMicrosecond);

void BM_SwayDensity_30s_1000Hz(benchmark::State& state) {  // what decimation saves
  const PreparedCop cop =
      *prepare_cop(stance_trial(1000, 30), {}, preset_settings(Preset::kClinical));
  for (auto _ : state) {
    benchmark::DoNotOptimize(sway_density_peaks(cop.trace.ml_m, cop.trace.ap_m, 1000, {}));
  }
}
BENCHMARK(BM_SwayDensity_30s_1000Hz)->Unit(benchmark::kMicrosecond);

void BM_WelchAndFrequency_30s_100Hz(benchmark::State& state) {
  const PresetSettings settings = preset_settings(Preset::kClinical);
  const PreparedCop cop = *prepare_cop(stance_trial(1000, 30), {}, settings);
  for (auto _ : state) {
    const Psd psd =
        welch_psd(cop.analysis.ml_m, cop.analysis.ap_m, cop.analysis.rate_hz, settings.welch);
    benchmark::DoNotOptimize(compute_frequency(psd, settings.spectral));
  }
}
BENCHMARK(BM_WelchAndFrequency_30s_100Hz)->Unit(benchmark::kMicrosecond);

void BM_Diffusion_30s_100Hz(benchmark::State& state) {
  const PresetSettings settings = preset_settings(Preset::kClinical);
  const PreparedCop cop = *prepare_cop(stance_trial(1000, 30), {}, settings);
  for (auto _ : state)
    benchmark::DoNotOptimize(compute_diffusion(cop.analysis, settings.diffusion));
}
BENCHMARK(BM_Diffusion_30s_100Hz)->Unit(benchmark::kMicrosecond);

void BM_Prepare_Reference_30s_100Hz(benchmark::State& state) {
  const ForceSamples s = stance_trial(100, 30);
  const PresetSettings settings = preset_settings(Preset::kReference);
  for (auto _ : state)
    benchmark::DoNotOptimize(prepare_cop(s, preset(Preset::kReference), settings));
}
BENCHMARK(BM_Prepare_Reference_30s_100Hz)->Unit(benchmark::kMicrosecond);

// Over trial lengths: args are {seconds, still (1) or swaying (0), preset (0 clinical at 1000 Hz,
// 1 reference at 100 Hz)}. per_sample (time per sample) should stay within 2x from 10 s to 600 s.
void BM_Descriptors_OverLength(benchmark::State& state) {
  const auto seconds = static_cast<double>(state.range(0));
  const bool still = state.range(1) == 1;
  const Preset p = state.range(2) == 0 ? Preset::kClinical : Preset::kReference;
  const double rate_hz = p == Preset::kClinical ? 1000 : 100;
  const ForceSamples s = still ? still_trial(rate_hz, seconds) : stance_trial(rate_hz, seconds);
  for (auto _ : state) benchmark::DoNotOptimize(compute_descriptors(s, preset(p)));
  state.counters["per_sample"] = benchmark::Counter(
      static_cast<double>(s.size()),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.SetLabel(std::string(still ? "still " : "sway ") +
                 (p == Preset::kClinical ? "clinical 1000 Hz" : "reference 100 Hz"));
}
BENCHMARK(BM_Descriptors_OverLength)
    ->ArgsProduct({{10, 30, 120, 600}, {0, 1}, {0, 1}})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace stance
