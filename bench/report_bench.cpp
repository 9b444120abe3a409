// The one-page test sheet: SheetData of four simulated trials (stance 30 s and five squats on
// each side, 1000 Hz) to PDF bytes, the whole drawing and encoding (issue 7: under 300 ms).
#include <benchmark/benchmark.h>

#include "core/recording_samples.hpp"
#include "core/validity/plate_geometry.hpp"
#include "device/trial_recorder.hpp"
#include "report/pdf_sheet.hpp"
#include "simulated/simulated_driver.hpp"

namespace {

using namespace stance;

report::SheetTrial trial(Task task, Limb limb) {
  sim::SimulatedDriver driver;
  auto plate = driver.open(std::string("realtime=0,limb=") + to_string(limb) +
                           (task == Task::kSingleLegSquat ? ",task=squat" : ""));
  RecordRequest request;
  request.seconds = task == Task::kSingleLegSquat ? 32 : 30;
  request.metadata.task = task;
  request.metadata.limb = limb;
  auto outcome = record_trial(**plate, request);
  TrialAnalysisOptions o;
  o.task = task;
  o.limb = limb;
  o.plate = plate_geometry(outcome->recording.plate);
  auto analysis = analyze_trial(samples_from_recording(outcome->recording), o);
  return report::sheet_trial(outcome->recording, *analysis);
}

const report::SheetData& sheet() {
  static const report::SheetData data = [] {
    report::SheetData d;
    d.patient_code = "BENCH-1";
    d.involved = Limb::kLeft;
    for (Task task : {Task::kSingleLegStance, Task::kSingleLegSquat}) {
      for (Limb limb : {Limb::kLeft, Limb::kRight}) d.trials.push_back(trial(task, limb));
    }
    return d;
  }();
  return data;
}

void BM_TestSheetPdf_4Trials(benchmark::State& state) {
  const report::SheetData& data = sheet();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto pdf = report::render_sheet_pdf(data, report::Paper::kA4);
    bytes = pdf->size();
    benchmark::DoNotOptimize(pdf);
  }
  state.counters["pdf_kB"] = static_cast<double>(bytes) / 1024.0;
}
BENCHMARK(BM_TestSheetPdf_4Trials)->Unit(benchmark::kMillisecond);

}  // namespace
