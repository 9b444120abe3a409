// `stance demo`: a complete simulated single-leg stance test, both legs, with no hardware.
#include <filesystem>
#include <system_error>

#include "cli/analysis_output.hpp"
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/data_dirs.hpp"
#include "core/basic_analysis.hpp"
#include "core/recording_samples.hpp"
#include "core/units.hpp"
#include "device/trial_recorder.hpp"
#include "recording/trial_file.hpp"

namespace stance::cli {
namespace {

struct DemoLeg {
  Limb limb;
  double sway_ml_mm;  // the simulated person's true sway SD
  double sway_ap_mm;
};

// The left leg sways a little more: the demo shows a side-to-side difference.
constexpr DemoLeg kLegs[] = {{Limb::kLeft, 8.5, 13.5}, {Limb::kRight, 6.5, 11.0}};

struct LegResult {
  DemoLeg leg;
  std::filesystem::path file;
  BasicAnalysis analysis;
  StreamCounters counters;
};

std::string sim_address(const DemoLeg& leg, long seed, double mass_kg) {
  return "sim:realtime=0,task=stance,limb=" + std::string(to_string(leg.limb)) +
         ",seed=" + std::to_string(seed) + ",mass=" + fixed(mass_kg, 1) +
         ",sway_ml_mm=" + fixed(leg.sway_ml_mm, 1) + ",sway_ap_mm=" + fixed(leg.sway_ap_mm, 1);
}

Result<LegResult> run_leg(Context& context, const DemoLeg& leg, const std::filesystem::path& dir,
                          long seed, double seconds, double mass_kg) {
  const std::string address = sim_address(leg, seed, mass_kg);
  auto plate = context.drivers.open(address);
  if (!plate) return plate.error();
  RecordRequest request;
  request.seconds = seconds;
  request.metadata.patient_code = "DEMO-001";
  request.metadata.limb = leg.limb;
  request.metadata.task = Task::kSingleLegStance;
  request.metadata.eyes = Eyes::kOpen;
  request.metadata.attempt = 1;
  request.metadata.device = address;
  request.metadata.notes = "stance demo: simulated patient";
  auto outcome = record_trial(**plate, request);
  if (!outcome) return outcome.error();
  LegResult result{leg, dir / ("demo-" + std::string(to_string(leg.limb)) + ".stance"), {}, {}};
  if (Status s = write_trial_file(result.file, outcome->recording); !s) return s.error();
  // Analyse what was written, through the same path as `stance analyze`.
  auto written = read_trial_file(result.file);
  if (!written) return written.error();
  auto analysis = analyze_basic(samples_from_recording(*written));
  if (!analysis) return analysis.error();
  result.analysis = *analysis;
  result.counters = written->counters;
  return result;
}

void print_row(std::ostream& out, const std::string& name, const std::string& unit,
               const std::vector<LegResult>& legs, double (*get)(const BasicAnalysis&),
               int decimals) {
  std::string line = "  " + name;
  line.resize(30, ' ');
  for (const auto& leg : legs) {
    std::string cell = fixed(get(leg.analysis), decimals);
    line += std::string(cell.size() < 10 ? 10 - cell.size() : 1, ' ') + cell;
  }
  out << line << "  " << unit << "\n";
}

int run_demo(const ParsedArgs& args, Context& context) {
  const auto seed = args.number("seed", 1);
  const auto seconds = args.number("seconds", 30);
  const auto mass = args.number("mass", 72);
  for (const auto* r : {&seed, &seconds, &mass}) {
    if (!r->ok()) return fail(context, r->error().message);
  }
  if (!(*seconds >= 5 && *seconds <= 300)) return fail(context, "--seconds must be 5 to 300");
  const std::filesystem::path dir = args.value("out-dir")
                                        ? std::filesystem::path(*args.value("out-dir"))
                                        : default_data_dir() / "demo";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return fail(context, "cannot create the folder " + dir.string() + ": " + ec.message() +
                             "; choose another with --out-dir");
  }

  std::ostream& out = context.out;
  out << "Stance demo: single-leg stance, eyes open, " << fixed(*seconds, 0)
      << " s per leg, on the simulated plate\n"
      << "(a simulated " << fixed(*mass, 0)
      << " kg patient; no hardware needed; run faster than real time)\n\n";
  std::vector<LegResult> legs;
  for (const DemoLeg& leg : kLegs) {
    auto result = run_leg(context, leg, dir, static_cast<long>(*seed), *seconds, *mass);
    if (!result) return fail(context, result.error().message);
    legs.push_back(*result);
  }

  out << "  Result                           Left     Right\n";
  print_row(
      out, "Mean COP velocity", "mm/s", legs,
      [](const BasicAnalysis& a) { return mm_from_m(a.sway.mean_velocity_m_s); }, 1);
  print_row(
      out, "95% ellipse area", "mm²", legs,
      [](const BasicAnalysis& a) { return mm2_from_m2(a.sway.ellipse_area_95_m2); }, 0);
  print_row(
      out, "RMS ML", "mm", legs, [](const BasicAnalysis& a) { return mm_from_m(a.sway.rms_ml_m); },
      1);
  print_row(
      out, "RMS AP", "mm", legs, [](const BasicAnalysis& a) { return mm_from_m(a.sway.rms_ap_m); },
      1);
  print_row(
      out, "Range ML", "mm", legs,
      [](const BasicAnalysis& a) { return mm_from_m(a.sway.range_ml_m); }, 1);
  print_row(
      out, "Range AP", "mm", legs,
      [](const BasicAnalysis& a) { return mm_from_m(a.sway.range_ap_m); }, 1);
  print_row(
      out, "Path length", "mm", legs,
      [](const BasicAnalysis& a) { return mm_from_m(a.sway.path_length_m); }, 0);
  print_row(
      out, "Body weight", "N", legs, [](const BasicAnalysis& a) { return a.body_weight_n; }, 1);
  print_row(
      out, "Duration", "s", legs, [](const BasicAnalysis& a) { return a.duration_s; }, 2);
  print_row(
      out, "Lost samples", "", legs,
      [](const BasicAnalysis& a) { return static_cast<double>(a.lost_samples); }, 0);
  out << "\n  Simulated truth (sway SD ML / AP): left " << fixed(kLegs[0].sway_ml_mm, 1) << " / "
      << fixed(kLegs[0].sway_ap_mm, 1) << " mm, right " << fixed(kLegs[1].sway_ml_mm, 1) << " / "
      << fixed(kLegs[1].sway_ap_mm, 1) << " mm; the RMS rows measure it.\n"
      << "  COP low-pass 4th-order Butterworth 10 Hz, zero phase; definitions in "
         "docs/metrics.md\n\n";
  out << "Recordings written:\n";
  for (const auto& leg : legs) out << "  " << leg.file.string() << "\n";
  out << "Re-analyse one with: stance analyze " << legs.back().file.string() << "\n";
  return kExitOk;
}

}  // namespace

Command demo_command() {
  CommandSpec spec;
  spec.name = "demo";
  spec.summary = "run a complete simulated single-leg stance test (no hardware needed)";
  spec.usage = "stance demo [--out-dir DIR] [--seconds N] [--seed N] [--mass KG]";
  spec.options = {
      {"out-dir", "DIR", "where the recordings go (default: $XDG_DATA_HOME/stance/demo)"},
      {"seconds", "N", "trial length per leg in seconds (default 30)"},
      {"seed", "N", "seed of the simulated patient (default 1; same seed, same result)"},
      {"mass", "KG", "body mass of the simulated patient in kg (default 72)"},
  };
  return {spec, run_demo};
}

}  // namespace stance::cli
