// The plate-knee study (issue 14, item 7): what a force plate can tell of the knee in the
// single-leg squat, judged against the simulated body's truth. Varied simulated persons squat at
// several levels of true FPPA collapse and wobble, five trials each, through the product's whole
// path (simulated plate → SPP bytes → recording → analyze_trial with analysis_options_for); every
// candidate plate measure is set against the true FPPA and against itself. Prints the markdown
// table of docs/metrics.md. Usage: stance-plate-knee-study [--persons N] [--trials K] [--seed S]
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "candidate_measures.hpp"
#include "core/analysis_policy.hpp"
#include "core/recording_samples.hpp"
#include "core/stats/agreement.hpp"
#include "core/trial_analysis.hpp"
#include "device/trial_recorder.hpp"
#include "simulated/simulated_driver.hpp"

namespace stance::study {
namespace {

// The crossed levels of the knee: true FPPA at the bottom (collapse, °) and the amplitude of its
// oscillation there (wobble, °); w = 1 of the simulator is 15° and 4°.
constexpr std::array<double, 3> kCollapse_deg{0.0, 8.0, 16.0};
constexpr std::array<double, 4> kWobble_deg{0.0, 1.0, 2.0, 4.0};
constexpr double kRate_hz = 100.0;  // plate rate: the analysis runs at 100 Hz anyway

struct Person {
  int id = 0;
  double mass_kg = 70, height_m = 1.75;
  bool female = false, left = false;
  double sway_ml_mm = 7, sway_ap_mm = 12, fc_ml_hz = 0.42, fc_ap_hz = 0.26;
  double depth_m = 0.1, wobble_hz = 3;
  int layout = 1;  // odd persons on the four-cell plate, even ones on the six-component one
};

std::vector<Person> draw_persons(int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto u = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  std::vector<Person> out;
  for (int i = 0; i < n; ++i) {
    Person p;
    p.id = i;
    p.female = u(0, 1) < 0.5;
    p.left = u(0, 1) < 0.5;
    p.mass_kg = p.female ? u(48, 85) : u(58, 105);
    p.height_m = p.female ? u(1.55, 1.80) : u(1.65, 1.95);
    p.sway_ml_mm = u(3.0, 12.0);  // healthy to clearly unsteady single-leg stance
    p.sway_ap_mm = p.sway_ml_mm * u(1.3, 2.0);
    p.fc_ml_hz = u(0.25, 0.9);
    p.fc_ap_hz = u(0.15, 0.5);
    p.depth_m = u(0.06, 0.095);  // 47–59° of knee flexion, the protocol's half-squat
    p.wobble_hz = u(2.5, 4.0);
    p.layout = i % 2 == 0 ? 2 : 1;
    out.push_back(p);
  }
  return out;
}

std::string options_of(const Person& p, std::uint64_t seed) {
  char text[512];
  std::snprintf(text, sizeof text,
                "realtime=0,rate=%d,layout=%d,seed=%llu,mass=%.1f,height_m=%.3f,sex=%s,"
                "limb=%s,sway_ml_mm=%.2f,sway_ap_mm=%.2f,sway_fc_ml_hz=%.3f,sway_fc_ap_hz=%.3f,"
                "depth_m=%.3f,wobble_hz=%.2f",
                static_cast<int>(kRate_hz), p.layout, static_cast<unsigned long long>(seed),
                p.mass_kg, p.height_m, p.female ? "female" : "male", p.left ? "left" : "right",
                p.sway_ml_mm, p.sway_ap_mm, p.fc_ml_hz, p.fc_ap_hz, p.depth_m, p.wobble_hz);
  return text;
}

struct Recorded {
  std::unique_ptr<sim::SimulatedPlate> plate;
  Recording recording;
  ForceSamples samples;
  TrialAnalysis analysis;
};

Recorded record(const std::string& options, Task task, Limb limb) {
  auto plate = sim::SimulatedDriver::open_simulated(options);
  if (!plate) {
    std::fprintf(stderr, "%s: %s\n", options.c_str(), plate.error().message.c_str());
    std::exit(2);
  }
  Recorded r;
  r.plate = std::move(*plate);
  RecordRequest request;
  request.seconds = r.plate->subject().truth().trial_end_s;
  request.metadata.task = task;
  request.metadata.limb = limb;
  request.metadata.planned_reps = task == Task::kSingleLegSquat ? 5 : 0;
  auto outcome = record_trial(*r.plate, request);
  if (!outcome) {
    std::fprintf(stderr, "%s: %s\n", options.c_str(), outcome.error().message.c_str());
    std::exit(2);
  }
  r.recording = std::move(outcome->recording);
  r.samples = samples_from_recording(r.recording);
  auto analysis = analyze_trial(r.samples, analysis_options_for(r.recording));
  if (!analysis) {
    std::fprintf(stderr, "%s: %s\n", options.c_str(), analysis.error().message.c_str());
    std::exit(2);
  }
  r.analysis = std::move(*analysis);
  return r;
}

// The person's own standing sway: every measure over 5-s windows of a 25-s single-leg stance
// trial (the length of a squat), averaged; and the ML SD of the same COP.
struct OwnSway {
  MeasureValues values{};
  double ml_sd_mm = 0.0;
};

OwnSway own_sway(const Person& p, std::uint64_t seed) {
  std::string options = options_of(p, seed) + ",task=stance,duration_s=27";
  const Recorded r = record(options, Task::kSingleLegStance, p.left ? Limb::kLeft : Limb::kRight);
  const auto w = squat::make_working_signals(r.samples, kRate_hz);
  const StudySignals s = make_study_signals(w);
  OwnSway out;
  const double bw = r.analysis.summary.body_weight_n;
  const auto window = static_cast<Eigen::Index>(5.0 * w.rate_hz);
  int count = 0;
  for (Eigen::Index b = static_cast<Eigen::Index>(1.0 * w.rate_hz); b + window <= w.size() - 50;
       b += window, ++count) {
    const MeasureValues v = measure_stretch(s, b, b + window, bw);
    for (int k = 0; k < kMeasureCount; ++k) out.values[k] += v[k];
  }
  for (double& v : out.values) v /= std::max(1, count);
  const auto ml = s.ml_m.segment(50, w.size() - 100);
  out.ml_sd_mm =
      1e3 * std::sqrt((ml - ml.mean()).square().sum() / static_cast<double>(ml.size() - 1));
  return out;
}

// One row of the study: a trial, its truth and its measures.
struct Row {
  int person = 0, condition = 0, trial = 0, layout = 1;
  double own_sway_mm = 0.0;  // the person's true ML sway SD (the simulator's parameter)
  double collapse_deg = 0.0, wobble_deg = 0.0;  // nominal levels
  double true_collapse_deg = 0.0;  // the body's FPPA trend (1 Hz) at the bottom, mean of the reps
  double true_wobble_deg = 0.0;    // RMS of the body's FPPA about that trend over the reps
  std::map<std::string, double> value;  // measure name → trial value (absent: not measured)
};

// The truth of one rep from the body itself, sampled at the analysis rate.
void knee_truth(const sim::SubjectModel& person, const sim::SquatRepTruth& rep, double& collapse,
                double& wobble) {
  const double dt = 1.0 / kRate_hz;
  const auto n = static_cast<Eigen::Index>((rep.end_s - rep.start_s) / dt) + 1;
  Eigen::ArrayXd fppa(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    fppa[i] = person.body_at(rep.start_s + static_cast<double>(i) * dt).fppa_deg;
  }
  const Eigen::ArrayXd trend = squat::zero_phase_lowpass(fppa, 1.0, kRate_hz);
  const auto bottom = std::clamp<Eigen::Index>(
      static_cast<Eigen::Index>(std::lround((rep.bottom_s - rep.start_s) / dt)), 0, n - 1);
  collapse = trend[bottom];
  wobble = std::sqrt((fppa - trend).square().mean());
}

Row squat_trial(const Person& p, const OwnSway& own, int condition, int trial, std::uint64_t seed) {
  Row row;
  row.person = p.id;
  row.condition = condition;
  row.trial = trial;
  row.layout = p.layout;
  row.collapse_deg = kCollapse_deg[static_cast<std::size_t>(condition) / kWobble_deg.size()];
  row.wobble_deg = kWobble_deg[static_cast<std::size_t>(condition) % kWobble_deg.size()];
  char knee[128];
  std::snprintf(knee, sizeof knee, ",task=squat,collapse_deg=%.2f,fppa_wobble_deg=%.2f",
                row.collapse_deg, row.wobble_deg);
  const Recorded r = record(options_of(p, seed) + knee, Task::kSingleLegSquat,
                            p.left ? Limb::kLeft : Limb::kRight);
  const sim::SubjectModel& person = r.plate->subject();
  row.own_sway_mm = 1e3 * person.truth().sway_sd_ml_m;
  if (!r.analysis.squats || !r.analysis.steadiness || r.analysis.steadiness->reps_used.empty())
    return row;
  const SquatAnalysis& squats = *r.analysis.squats;
  const SquatSteadiness& kw = *r.analysis.steadiness;

  const auto w = squat::make_working_signals(r.samples, kRate_hz);
  const StudySignals s = make_study_signals(w);
  const double bw = squats.body_weight_n;
  MeasureValues sum{};
  double medial = 0.0, n = 0.0, collapse = 0.0, wobble = 0.0;
  for (int index : kw.reps_used) {
    const SquatRep& rep = squats.reps[static_cast<std::size_t>(index - 1)];
    const MeasureValues v =
        measure_stretch(s, w.index_at(rep.start_s), w.index_at(rep.end_s) + 1, bw);
    for (int k = 0; k < kMeasureCount; ++k) sum[k] += v[k];
    medial += kw.reps[static_cast<std::size_t>(index - 1)].components.medial_shift_m;
    // The detected rep k is the simulated rep k (the squat tests check the count is exact).
    const auto& truth_reps = person.truth().reps;
    if (static_cast<std::size_t>(index) <= truth_reps.size()) {
      double c = 0.0, o = 0.0;
      knee_truth(person, truth_reps[static_cast<std::size_t>(index - 1)], c, o);
      collapse += c;
      wobble += o;
    }
    n += 1.0;
  }
  row.true_collapse_deg = collapse / n;
  row.true_wobble_deg = wobble / n;
  for (int k = 0; k < kMeasureCount; ++k) {
    const MeasureInfo& info = measure_info(static_cast<Measure>(k));
    if (info.needs_shear && p.layout != 2) continue;
    const double value = sum[k] / n;
    row.value[std::string(info.name)] = value;
    if (own.values[k] > 0.0)
      row.value[std::string(info.name) + " / own stance"] = value / own.values[k];
  }
  // The 2–6 Hz ML oscillation in excess of the person's own, by power (independent signals add
  // in power): over the standing stretches of this very trial, and over the stance trial.
  {
    double ss = 0.0;
    Eigen::Index count = 0;
    const auto margin = static_cast<Eigen::Index>(0.25 * w.rate_hz);
    Eigen::Index from = static_cast<Eigen::Index>(0.5 * w.rate_hz);
    const auto add = [&](Eigen::Index a, Eigen::Index b) {
      for (Eigen::Index i = std::max<Eigen::Index>(a, 0); i < std::min(b, w.size()); ++i) {
        ss += s.ml_2_6_m[i] * s.ml_2_6_m[i];
        ++count;
      }
    };
    for (const SquatRep& rep : squats.reps) {
      add(from, w.index_at(rep.start_s) - margin);
      from = w.index_at(rep.end_s) + margin;
    }
    add(from, w.size() - static_cast<Eigen::Index>(0.5 * w.rate_hz));
    const double standing_mm = count > 0 ? 1e3 * std::sqrt(ss / static_cast<double>(count)) : 0.0;
    const double squat_mm = sum[static_cast<std::size_t>(Measure::kMlBand2To6)] / n;
    const double own_mm = own.values[static_cast<std::size_t>(Measure::kMlBand2To6)];
    row.value["ML COP 2-6 Hz excess over in-trial standing"] =
        std::sqrt(std::max(0.0, squat_mm * squat_mm - standing_mm * standing_mm));
    row.value["ML COP 2-6 Hz excess over own stance"] =
        std::sqrt(std::max(0.0, squat_mm * squat_mm - own_mm * own_mm));
  }
  row.value["medial shift"] = 1e3 * medial / n;
  row.value["medial shift / own stance ML SD"] = 1e3 * medial / n / own.ml_sd_mm;
  row.value["ML squat steadiness index (0-100)"] = kw.index;
  row.value["ML squat steadiness excess"] = 1e3 * kw.trial.ml_excess_m;
  return row;
}

struct Summary {
  std::string name;
  double r2_collapse = 0, rho_collapse = 0, r2_wobble = 0, rho_wobble = 0, r2_sway = 0;
  stats::Reliability rel;       // targets: every person at every knee condition
  stats::Reliability rel_zero;  // targets: the persons with no collapse and no wobble
  double zero_mean = 0, zero_sd = 0, top_mean = 0, d_0_1 = 0;
  int trials = 0;
};

using stats::mean;
using stats::sample_sd;

Summary summarize(const std::string& name, const std::vector<Row>& rows, int persons, int trials) {
  Summary out;
  out.name = name;
  std::vector<double> v, collapse, wobble, zero_v, zero_sway, top, at1;
  std::map<std::pair<int, int>, std::vector<double>> by_target;
  for (const Row& r : rows) {
    const auto it = r.value.find(name);
    if (it == r.value.end()) continue;
    v.push_back(it->second);
    collapse.push_back(r.true_collapse_deg);
    wobble.push_back(r.true_wobble_deg);
    if (r.wobble_deg == 0.0 && r.collapse_deg == 0.0) {
      zero_v.push_back(it->second);
      zero_sway.push_back(r.own_sway_mm);
    }
    if (r.wobble_deg == 1.0 && r.collapse_deg == 0.0) at1.push_back(it->second);
    if (r.wobble_deg == kWobble_deg.back() && r.collapse_deg == 0.0) top.push_back(it->second);
    by_target[{r.person, r.condition}].push_back(it->second);
  }
  out.trials = static_cast<int>(v.size());
  out.r2_collapse = stats::r_squared(collapse, v);
  out.rho_collapse = stats::spearman(collapse, v);
  out.r2_wobble = stats::r_squared(wobble, v);
  out.rho_wobble = stats::spearman(wobble, v);
  out.r2_sway = stats::r_squared(zero_sway, zero_v);
  out.zero_mean = mean(zero_v);
  out.zero_sd = sample_sd(zero_v);
  out.top_mean = mean(top);
  const double pooled =
      std::sqrt(0.5 * (sample_sd(zero_v) * sample_sd(zero_v) + sample_sd(at1) * sample_sd(at1)));
  out.d_0_1 = pooled > 0 ? (mean(at1) - mean(zero_v)) / pooled : 0.0;
  std::vector<std::vector<double>> complete;
  for (const auto& [key, values] : by_target) {
    if (static_cast<int>(values.size()) == trials) complete.push_back(values);
  }
  Eigen::MatrixXd m(static_cast<Eigen::Index>(complete.size()), trials);
  for (std::size_t i = 0; i < complete.size(); ++i) {
    for (int j = 0; j < trials; ++j)
      m(static_cast<Eigen::Index>(i), j) = complete[i][static_cast<std::size_t>(j)];
  }
  out.rel = stats::icc_2_1(m);
  std::vector<std::vector<double>> zero;
  for (const auto& [key, values] : by_target) {
    if (key.second == 0 && static_cast<int>(values.size()) == trials) zero.push_back(values);
  }
  Eigen::MatrixXd z(static_cast<Eigen::Index>(zero.size()), trials);
  for (std::size_t i = 0; i < zero.size(); ++i) {
    for (int j = 0; j < trials; ++j) {
      z(static_cast<Eigen::Index>(i), j) = zero[i][static_cast<std::size_t>(j)];
    }
  }
  out.rel_zero = stats::icc_2_1(z);
  (void)persons;
  return out;
}

int run(int persons, int trials, std::uint64_t seed) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<Person> people = draw_persons(persons, seed);
  std::vector<Row> rows;
  const int conditions = static_cast<int>(kCollapse_deg.size() * kWobble_deg.size());
  for (const Person& p : people) {
    const std::uint64_t base = 100000 + 1000 * static_cast<std::uint64_t>(p.id);
    const OwnSway own = own_sway(p, base);
    for (int c = 0; c < conditions; ++c) {
      for (int k = 0; k < trials; ++k) {
        rows.push_back(
            squat_trial(p, own, c, k, base + 1 + static_cast<std::uint64_t>(c * trials + k)));
      }
    }
    std::fprintf(stderr, "person %d/%d done, %.0f s\n", p.id + 1, persons,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }

  std::vector<std::string> names;
  for (int k = 0; k < kMeasureCount; ++k) {
    const std::string name(measure_info(static_cast<Measure>(k)).name);
    names.push_back(name);
    names.push_back(name + " / own stance");
  }
  for (const char* extra :
       {"ML COP 2-6 Hz excess over own stance", "ML COP 2-6 Hz excess over in-trial standing",
        "medial shift", "medial shift / own stance ML SD", "ML squat steadiness excess",
        "ML squat steadiness index (0-100)"})
    names.emplace_back(extra);
  std::printf(
      "Plate-knee study: %d persons (seed %llu) x %d knee conditions x %d trials of 5 squats, "
      "plate at %.0f Hz (four-cell for odd persons, six-component for even ones).\n\n",
      persons, static_cast<unsigned long long>(seed), conditions, trials, kRate_hz);
  std::printf(
      "| measure | trials | R² collapse | ρ collapse | R² wobble | ρ wobble | R² own sway (no "
      "wobble) | "
      "ICC(2,1) | SEM | MDC95 | ICC(2,1) no wobble | no wobble, mean ± SD | wobble 4° | d (0 → 1°) "
      "|\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const std::string& name : names) {
    const Summary s = summarize(name, rows, persons, trials);
    if (s.trials == 0) continue;
    std::printf(
        "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.3g | %.3g | %.2f | %.3g ± %.2g | "
        "%.3g | "
        "%.2f |\n",
        s.name.c_str(), s.trials, s.r2_collapse, s.rho_collapse, s.r2_wobble, s.rho_wobble,
        s.r2_sway, s.rel.icc, s.rel.sem, s.rel.mdc95, s.rel_zero.icc, s.zero_mean, s.zero_sd,
        s.top_mean, s.d_0_1);
  }
  // The truth's own range, to read the table by.
  std::vector<double> tc, tw;
  for (const Row& r : rows) {
    tc.push_back(r.true_collapse_deg);
    tw.push_back(r.true_wobble_deg);
  }
  std::printf(
      "\nTruth over all trials: FPPA collapse %.1f ± %.1f°, FPPA wobble RMS %.2f ± %.2f°. "
      "Run time %.0f s.\n",
      mean(tc), sample_sd(tc), mean(tw), sample_sd(tw),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  return 0;
}

}  // namespace
}  // namespace stance::study

int main(int argc, char** argv) {
  int persons = 30, trials = 5;
  std::uint64_t seed = 20261207;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--persons")
      persons = std::atoi(argv[i + 1]);
    else if (key == "--trials")
      trials = std::atoi(argv[i + 1]);
    else if (key == "--seed")
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    else {
      std::fprintf(stderr, "usage: %s [--persons N] [--trials K] [--seed S]\n", argv[0]);
      return 2;
    }
  }
  if (persons < 2 || trials < 2) return 2;
  return stance::study::run(persons, trials, seed);
}
