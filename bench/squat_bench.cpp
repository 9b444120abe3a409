// Speed of the squat analysis of a typical trial: five single-leg squats, 30 s at 1000 Hz, from
// the simulated plate (recorded once, outside the timed loop): repetition segmentation, ML squat
// steadiness and trial validity, separately and together.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "core/recording_samples.hpp"
#include "core/squat/squat_analysis.hpp"
#include "core/steadiness/squat_steadiness.hpp"
#include "core/validity/trial_verdict.hpp"
#include "device/trial_recorder.hpp"
#include "simulated/simulated_driver.hpp"

namespace stance {
namespace {

struct Trial {
  ForceSamples samples;
  PlateGeometry plate;
};

const Trial& squat_trial() {
  static const Trial trial = [] {
    auto plate =
        sim::SimulatedDriver::open_simulated("realtime=0,task=squat,rate=1000,wobble=0.5,seed=1");
    if (!plate) std::abort();
    RecordRequest request;
    request.seconds = 30.0;
    auto outcome = record_trial(**plate, request);
    if (!outcome) std::abort();
    return Trial{samples_from_recording(outcome->recording), plate_geometry((*plate)->info())};
  }();
  return trial;
}

void BM_SquatSegmentation_30s_1000Hz(benchmark::State& state) {
  const Trial& t = squat_trial();
  for (auto _ : state) benchmark::DoNotOptimize(analyze_squats(t.samples));
  state.SetItemsProcessed(state.iterations() * t.samples.size());
}
BENCHMARK(BM_SquatSegmentation_30s_1000Hz)->Unit(benchmark::kMicrosecond);

void BM_SquatSteadiness_30s_1000Hz(benchmark::State& state) {
  const Trial& t = squat_trial();
  const SquatAnalysis squats = *analyze_squats(t.samples);
  for (auto _ : state) {
    benchmark::DoNotOptimize(compute_squat_steadiness(t.samples, squats, Limb::kRight));
  }
  state.SetItemsProcessed(state.iterations() * t.samples.size());
}
BENCHMARK(BM_SquatSteadiness_30s_1000Hz)->Unit(benchmark::kMicrosecond);

void BM_Validity_30s_1000Hz(benchmark::State& state) {
  const Trial& t = squat_trial();
  const SquatAnalysis squats = *analyze_squats(t.samples);
  for (auto _ : state) {
    benchmark::DoNotOptimize(assess_validity(t.samples, Task::kSingleLegSquat, &squats, &t.plate));
  }
  state.SetItemsProcessed(state.iterations() * t.samples.size());
}
BENCHMARK(BM_Validity_30s_1000Hz)->Unit(benchmark::kMicrosecond);

// What a trial costs: segmentation, then steadiness and validity on its result.
void BM_SquatSteadinessValidity_30s_1000Hz(benchmark::State& state) {
  const Trial& t = squat_trial();
  for (auto _ : state) {
    const auto squats = analyze_squats(t.samples);
    benchmark::DoNotOptimize(compute_squat_steadiness(t.samples, *squats, Limb::kRight));
    benchmark::DoNotOptimize(assess_validity(t.samples, Task::kSingleLegSquat, &*squats, &t.plate));
  }
  state.SetItemsProcessed(state.iterations() * t.samples.size());
}
BENCHMARK(BM_SquatSteadinessValidity_30s_1000Hz)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace stance
