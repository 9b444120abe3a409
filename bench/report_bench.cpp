// The one-page test sheet: SheetData of four simulated trials (stance 30 s and five squats on
// each side, 1000 Hz) to PDF bytes, the whole drawing and encoding; and the sheet of a stored
// visit with its progress over 12 visits, from the store to PDF bytes (issue 7: under 300 ms).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <sstream>

#include "cli/cli.hpp"
#include "core/recording_samples.hpp"
#include "core/validity/plate_geometry.hpp"
#include "device/trial_recorder.hpp"
#include "report/pdf_sheet.hpp"
#include "report/visit_report.hpp"
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

// A store with 12 visits, each one session of the built-in single-leg-stance protocol (30 s, eyes
// open and closed, 3 trials per side: 12 trials a visit), recorded by `stance session record`.
// A visit is one day: each recorded visit is moved back to a day of its own, so the next
// session starts a new one.
const std::filesystem::path& twelve_session_store() {
  static const std::filesystem::path db = [] {
    const auto path = std::filesystem::temp_directory_path() / "stance-report-bench.db";
    store::remove_store_files(path);
    std::ostringstream out, err;
    cli::run({"patient", "add", "BENCH-12", "--involved", "left", "--db", path.string()}, out, err);
    for (int s = 1; s <= 12; ++s) {
      cli::run({"session", "record", "BENCH-12", "--protocol", "single-leg-stance", "--seed",
                std::to_string(s), "--db", path.string()},
               out, err);
      auto store = store::Store::open(path);
      const std::string day = "2026-01-" + std::string(s < 10 ? "0" : "") + std::to_string(s);
      (void)store->db().exec("UPDATE session SET started_utc = '" + day +
                             "T09:00:00Z' WHERE id = " + std::to_string(s));
      (void)store->db().exec("UPDATE visit SET local_date = '" + day + "', started_utc = '" + day +
                             "T09:00:00Z' WHERE id = " + std::to_string(s));
    }
    return path;
  }();
  return db;
}

// The whole of `stance report 12 --progress` but the file: the store read, the 12 recordings
// read again for the plots, the progress computed and the PDF drawn and encoded.
void BM_StoredVisitSheet_12TrialsProgress12Visits(benchmark::State& state) {
  auto store = store::Store::open(twelve_session_store());
  report::VisitSheetOptions options;
  options.progress = true;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto sheet = report::stored_visit_sheet(*store, 12, options);
    auto pdf = report::render_report(*sheet, report::ReportFormat::kPdf, report::Paper::kA4);
    bytes = pdf->size();
    benchmark::DoNotOptimize(pdf);
  }
  state.counters["pdf_kB"] = static_cast<double>(bytes) / 1024.0;
}
BENCHMARK(BM_StoredVisitSheet_12TrialsProgress12Visits)->Unit(benchmark::kMillisecond);

}  // namespace
