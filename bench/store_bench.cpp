// The clinic's history at scale: 1,000 patients × 20 sessions × 12 trials (240,000 trials,
// synthetic rows with a small stand-in recording of 512 bytes each, so the file builds in
// seconds), then opening the store, one patient's history (query and progress), and
// re-analysis of real simulated recordings. Figures in docs/performance.md ("Store").
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "device/trial_recorder.hpp"
#include "recording/trial_file.hpp"
#include "services/stored_analysis.hpp"
#include "simulated/simulated_driver.hpp"
#include "store/progress.hpp"
#include "store/rows.hpp"
#include "store/store.hpp"

namespace stance::store {
namespace {

constexpr int kPatients = 1000;
constexpr int kSessions = 20;
constexpr int kTrialsPerSession = 12;  // stance: 2 eye conditions × 3 attempts × 2 limbs
constexpr const char* kStanceMetrics[] = {"mean_velocity",   "mean_velocity_ml", "mean_velocity_ap",
                                          "ellipse_area_95", "range_ml",         "range_ap",
                                          "rms_ml",          "rms_ap",           "path_length"};

std::filesystem::path bench_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("stance-store-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

// Removes the bench's files at exit. Asks for the folder first, so that its name outlives this.
struct Cleanup {
  Cleanup() { bench_dir(); }
  ~Cleanup() {
    std::error_code ec;
    std::filesystem::remove_all(bench_dir(), ec);
  }
} cleanup;

Trial synthetic_trial(std::int64_t session, int index, double level) {
  Trial t;
  t.session_id = session;
  t.limb = index % 2 ? Limb::kRight : Limb::kLeft;
  t.task = Task::kSingleLegStance;
  t.eyes = index < 6 ? Eyes::kOpen : Eyes::kClosed;
  t.attempt = 1 + (index % 6) / 2;
  t.results.software_version = "0.1.0";
  t.results.verdict = "valid";
  t.results.analysis_json = std::string(300, ' ');
  double v = level + 0.7 * index;
  for (const char* key : kStanceMetrics) t.results.metrics.push_back({key, v += 1.3, "mm"});
  return t;
}

// Builds the big store once per process.
std::filesystem::path big_store() {
  static const std::filesystem::path path = [] {
    const auto p = bench_dir() / "big.db";
    const auto start = std::chrono::steady_clock::now();
    auto store = Store::open(p);
    const std::vector<std::uint8_t> blob(512, 0x5a);
    for (int patient = 0; patient < kPatients; ++patient) {
      auto tx = Transaction::begin(store->db());
      Patient pt;
      pt.code = "P-" + std::to_string(100000 + patient);
      pt.involved_side = Limb::kLeft;
      const auto pid = insert_patient_row(store->db(), pt);
      for (int s = 0; s < kSessions; ++s) {
        Session session;
        session.patient_id = *pid;
        char when[32];
        std::snprintf(when, sizeof when, "2025-%02d-%02dT09:00:00Z", 1 + s / 2, 1 + 14 * (s % 2));
        session.started_utc = when;
        session.protocol = "single-leg-stance";
        const auto sid = insert_session_row(store->db(), session);
        for (int t = 0; t < kTrialsPerSession; ++t) {
          (void)insert_trial_rows(store->db(), synthetic_trial(*sid, t, 20.0 - 0.3 * s), blob);
        }
      }
      (void)tx->commit();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "built " << kPatients * kSessions * kTrialsPerSession << " trials in " << seconds
              << " s; store " << std::filesystem::file_size(p) / (1 << 20) << " MiB\n";
    return p;
  }();
  return path;
}

void BM_OpenStore_240kTrials(benchmark::State& state) {
  const auto path = big_store();
  for (auto _ : state) {
    auto store = Store::open(path);
    benchmark::DoNotOptimize(store.ok());
  }
}
BENCHMARK(BM_OpenStore_240kTrials)->Unit(benchmark::kMillisecond);

void BM_PatientHistory_AllMetrics(benchmark::State& state) {
  auto store = Store::open(big_store());
  std::int64_t pid = 1;
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto history = store->history(pid, "");
    const auto progress = compute_progress(*history, Limb::kLeft);
    benchmark::DoNotOptimize(progress.data());
    rows = history->size();
    pid = pid % kPatients + 1;
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["sessions"] = kSessions;
}
BENCHMARK(BM_PatientHistory_AllMetrics)->Unit(benchmark::kMillisecond);

void BM_PatientHistory_QueryOnly(benchmark::State& state) {
  auto store = Store::open(big_store());
  std::int64_t pid = 1;
  for (auto _ : state) {
    benchmark::DoNotOptimize(store->history(pid, "")->size());
    pid = pid % kPatients + 1;
  }
}
BENCHMARK(BM_PatientHistory_QueryOnly)->Unit(benchmark::kMillisecond);

// The progress computation alone, on one patient's 2,160 rows: no store.
void BM_Progress_2160Rows(benchmark::State& state) {
  std::vector<HistoryRow> rows;
  std::int64_t trial = 0;
  for (int s = 0; s < kSessions; ++s) {
    for (int t = 0; t < kTrialsPerSession; ++t) {
      const Trial synthetic = synthetic_trial(s + 1, t, 20.0 - 0.3 * s);
      ++trial;
      for (const Metric& m : synthetic.results.metrics) {
        rows.push_back({s + 1, "2025-01-01T09:00:00Z", s + 1, trial, synthetic.limb, synthetic.task,
                        synthetic.eyes, synthetic.attempt, true, m.key, m.value, m.unit});
      }
    }
  }
  for (auto _ : state) benchmark::DoNotOptimize(compute_progress(rows, Limb::kLeft).data());
}
BENCHMARK(BM_Progress_2160Rows)->Unit(benchmark::kMillisecond);

void BM_PatientHistory_OneMetric(benchmark::State& state) {
  auto store = Store::open(big_store());
  std::int64_t pid = 1;
  for (auto _ : state) {
    const auto history = store->history(pid, "mean_velocity");
    benchmark::DoNotOptimize(compute_progress(*history, Limb::kLeft).data());
    pid = pid % kPatients + 1;
  }
}
BENCHMARK(BM_PatientHistory_OneMetric)->Unit(benchmark::kMillisecond);

// Four real recordings from the simulated plate (30 s stance, 32 s squats, 1000 Hz), stored
// as `session record` stores them; each iteration re-analyses one and replaces its results.
void BM_Reanalysis_RealRecordings(benchmark::State& state) {
  const auto path = bench_dir() / "real.db";
  std::filesystem::remove(path);
  auto store = Store::open(path);
  Patient p;
  p.code = "SIM-1";
  Session session;
  session.patient_id = *store->add_patient(p);
  const auto sid = *store->add_session(session);
  std::vector<std::int64_t> ids;
  int attempt = 0;
  for (const char* options : {"task=stance,limb=left", "task=stance,limb=right",
                              "task=squat,limb=left,wobble=0.5", "task=squat,limb=right"}) {
    auto plate = sim::SimulatedDriver::open_simulated(std::string("realtime=0,") + options);
    RecordRequest request;
    request.seconds = std::string(options).find("squat") != std::string::npos ? 32 : 30;
    request.metadata.limb = attempt % 2 ? Limb::kRight : Limb::kLeft;
    request.metadata.task = attempt < 2 ? Task::kSingleLegStance : Task::kSingleLegSquat;
    auto outcome = record_trial(**plate, request);
    const auto bytes = encode_trial(outcome->recording);
    Trial t;
    t.session_id = sid;
    t.limb = request.metadata.limb;
    t.task = request.metadata.task;
    t.attempt = ++attempt;
    t.results = *analyze_stored_recording(bytes, "bench");
    ids.push_back(*store->add_trial(t, bytes));
  }
  std::size_t next = 0;
  for (auto _ : state) {
    const std::int64_t id = ids[next++ % ids.size()];
    const auto bytes = store->recording(id);
    const auto results = analyze_stored_recording(*bytes, "bench");
    benchmark::DoNotOptimize(store->replace_results(id, *results).ok());
  }
  state.SetItemsProcessed(state.iterations());
}
// Wall time: each replacement is a durable commit (fsync), which CPU time would not show.
BENCHMARK(BM_Reanalysis_RealRecordings)->Unit(benchmark::kMillisecond)->MinTime(5.0)->UseRealTime();

}  // namespace
}  // namespace stance::store
