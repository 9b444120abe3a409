// Speed of the basic analysis of a typical trial: 30 s of single-leg stance at 1000 Hz.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>

#include "core/basic_analysis.hpp"

namespace stance {
namespace {

ForceSamples stance_trial(double rate_hz, double seconds) {
  ForceSamples s;
  s.rate_hz = rate_hz;
  s.resize(static_cast<Eigen::Index>(rate_hz * seconds));
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    s.fz_n[i] = 700 + 3 * std::sin(2 * std::numbers::pi * 1.3 * t);
    s.cop_ml_m[i] = 0.007 * std::sin(2 * std::numbers::pi * 0.4 * t) +
                    0.002 * std::sin(2 * std::numbers::pi * 1.7 * t);
    s.cop_ap_m[i] = 0.012 * std::sin(2 * std::numbers::pi * 0.25 * t + 1.0);
  }
  return s;
}

void BM_AnalyzeBasic_30s_1000Hz(benchmark::State& state) {
  const ForceSamples s = stance_trial(1000, 30);
  for (auto _ : state) benchmark::DoNotOptimize(analyze_basic(s));
  state.SetItemsProcessed(state.iterations() * s.size());
}
BENCHMARK(BM_AnalyzeBasic_30s_1000Hz)->Unit(benchmark::kMicrosecond);

void BM_FiltFilt_30s_1000Hz(benchmark::State& state) {
  const ForceSamples s = stance_trial(1000, 30);
  const auto sections = *design_butterworth_lowpass({4, 10.0}, 1000);
  for (auto _ : state) benchmark::DoNotOptimize(filtfilt(sections, s.cop_ml_m));
  state.SetItemsProcessed(state.iterations() * s.size());
}
BENCHMARK(BM_FiltFilt_30s_1000Hz)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace stance
