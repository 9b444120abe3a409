// Speed of the whole analysis of one trial (analyze_trial): 30 s at 1000 Hz, single-leg stance
// and single-leg squats, recorded once from the simulated plate through the product path; and
// the reference preset on 30 s at 100 Hz. Figures in docs/performance.md.
#include <benchmark/benchmark.h>

#include "core/recording_samples.hpp"
#include "core/trial_analysis.hpp"
#include "device/trial_recorder.hpp"
#include "simulated/simulated_driver.hpp"

namespace stance {
namespace {

ForceSamples simulated_trial(const std::string& options) {
  auto plate = sim::SimulatedDriver::open_simulated("realtime=0," + options);
  RecordRequest request;
  request.seconds = 30;
  auto outcome = record_trial(**plate, request);
  return samples_from_recording(outcome->recording);
}

void run(benchmark::State& state, const ForceSamples& samples, const TrialAnalysisOptions& o) {
  for (auto _ : state) benchmark::DoNotOptimize(analyze_trial(samples, o));
  state.SetItemsProcessed(state.iterations() * samples.size());
}

void BM_AnalyzeTrial_Stance_30s_1000Hz(benchmark::State& state) {
  const ForceSamples samples = simulated_trial("seed=3,task=stance,rate=1000");
  run(state, samples, TrialAnalysisOptions{});
}
BENCHMARK(BM_AnalyzeTrial_Stance_30s_1000Hz)->Unit(benchmark::kMillisecond);

void BM_AnalyzeTrial_Squat_30s_1000Hz(benchmark::State& state) {
  const ForceSamples samples = simulated_trial("seed=3,task=squat,wobble=0.5,rate=1000");
  TrialAnalysisOptions o;
  o.task = Task::kSingleLegSquat;
  o.limb = Limb::kRight;
  run(state, samples, o);
}
BENCHMARK(BM_AnalyzeTrial_Squat_30s_1000Hz)->Unit(benchmark::kMillisecond);

void BM_AnalyzeTrial_Reference_30s_100Hz(benchmark::State& state) {
  const ForceSamples samples = simulated_trial("seed=3,task=stance,rate=100");
  TrialAnalysisOptions o;
  o.descriptors.preset = Preset::kReference;
  run(state, samples, o);
}
BENCHMARK(BM_AnalyzeTrial_Reference_30s_100Hz)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace stance
