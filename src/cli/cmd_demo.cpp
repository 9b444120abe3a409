// `stance demo`: a complete simulated test (single-leg stance and single-leg squats on both legs)
// on the simulated plate, analysed as a clinician would see it. No hardware, no display.
#include <cmath>
#include <filesystem>
#include <system_error>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/trial_filming.hpp"
#include "core/analysis_policy.hpp"
#include "core/interpretation.hpp"
#include "core/key_figures.hpp"
#include "core/recording_samples.hpp"
#include "core/symmetry.hpp"
#include "core/trial_analysis.hpp"
#include "core/units.hpp"
#include "device/trial_recorder.hpp"
#include "recording/trial_file.hpp"
#include "report/pdf_sheet.hpp"
#include "services/data_dirs.hpp"
#include "simulated/sim_options.hpp"
#include "simulated/simulated_patient.hpp"
#include "simulated/subject_model.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

// The simulated patient (drivers/simulated/simulated_patient.hpp): patellofemoral pain on the
// left, which sways and wobbles more.
constexpr Limb kLegs[] = {Limb::kLeft, Limb::kRight};
constexpr Limb kInvolved = Limb::kLeft;
constexpr double kSquatSeconds = 32.0;  // 3 s quiet, 5 × (2 s + 0.3 s + 2 s) + 4 × 1 s, 2 s quiet

struct DemoTrial {
  Limb limb = Limb::kUnspecified;
  Task task = Task::kUnspecified;
  std::filesystem::path file;
  report::SheetTrial sheet;
  TrialAnalysis analysis;
  double true_peak_fppa_deg = 0.0;  // squats: the simulated body's truth
};

TrialCondition demo_condition(Limb leg, Task task) {
  return {task, leg, Eyes::kOpen, 1, task == Task::kSingleLegSquat ? kDefaultSquatReps : 0};
}

std::string sim_address(Limb leg, Task task, long seed, double mass_kg) {
  return "sim:realtime=0,seed=" + std::to_string(seed) + ",mass=" + fixed(mass_kg, 1) + "," +
         sim::simulated_patient_options(kInvolved, demo_condition(leg, task));
}

// The simulated body's true knee: the mean peak frontal-plane projection angle of squats 1-4
// (Kwok & Kong 2024), from the same options the plate was opened with. NaN when not a squat.
double true_peak_fppa_deg(const std::string& address) {
  const auto options = sim::parse_sim_options(address.substr(address.find(':') + 1));
  if (!options) return std::nan("");
  sim::SubjectParams params = options->subject;
  params.seed = options->seed;  // the first stream of the plate: the one recorded
  const auto knees = sim::SubjectModel(params).rep_knee_truth();
  double sum = 0.0;
  std::size_t n = 0;
  for (; n < knees.size() && n < 4; ++n) sum += knees[n].peak_fppa_deg;
  return n > 0 ? sum / static_cast<double>(n) : std::nan("");
}

// Records one trial, writes it, reads the file back and analyses it: the path of a real test.
// `camera`: films the squats beside the plate (empty: the plate alone).
Result<DemoTrial> run_trial(Context& context, Limb leg, Task task, const std::filesystem::path& dir,
                            long seed, double seconds, double mass_kg, const WriteOptions& write,
                            const std::string& camera, OpenTrialFilming open_filming) {
  const std::string address = sim_address(leg, task, seed, mass_kg);
  auto plate = context.drivers.open(address);
  if (!plate) return plate.error();
  std::unique_ptr<TrialFilming> filming;
  if (!camera.empty() && task == Task::kSingleLegSquat) {
    auto opened = open_filming(camera, address, seconds);
    if (!opened) return opened.error();
    filming = std::move(*opened);
  }
  RecordRequest request;
  request.seconds = seconds;
  request.metadata.patient_code = "DEMO-001";
  static_cast<TrialCondition&>(request.metadata) = demo_condition(leg, task);
  request.metadata.device = address;
  request.metadata.notes = "stance demo: simulated patient";
  auto outcome = record_filmed_trial(**plate, request, filming.get());
  if (!outcome) return outcome.error();
  DemoTrial trial{
      leg, task, dir / ("demo-" + std::string(to_string(task)) + "-" + to_string(leg) + ".stance"),
      {},  {},   0.0};
  if (Status s = write_trial_file(trial.file, outcome->recording, write); !s) return s.error();
  auto written = read_trial_file(trial.file);
  if (!written) return written.error();
  // The one policy, from the recording alone, as the store and the dashboard analyse it.
  auto analysis = analyze_trial(samples_from_recording(*written), analysis_options_for(*written));
  if (!analysis) return analysis.error();
  trial.analysis = std::move(*analysis);
  trial.sheet = report::sheet_trial(*written, trial.analysis);
  trial.true_peak_fppa_deg = true_peak_fppa_deg(address);
  return trial;
}

// The key figures of both sides and their symmetry (core/interpretation.hpp).
void print_key_figures(std::ostream& out, const DemoTrial& left, const DemoTrial& right) {
  const std::vector<KeyFigure> l = key_figures(left.analysis), r = key_figures(right.analysis);
  // An undefined figure reads n/a, never 0, and has no LSI.
  const auto text = [](const KeyFigure& f) {
    return f.defined ? fixed(f.value, f.decimals) : std::string("n/a");
  };
  for (std::size_t i = 0; i < l.size() && i < r.size(); ++i) {
    const LimbSymmetry s = limb_symmetry(l[i].value, r[i].value, kInvolved, l[i].better);
    const bool lsi = s.lsi_defined && l[i].defined && r[i].defined;
    out << "  " << pad(l[i].label, 29) << pad(l[i].unit, 7) << pad(text(l[i]), 10)
        << pad(text(r[i]), 10) << (lsi ? symmetry_cell(s).text : "-") << "\n";
  }
}

void print_verdicts(std::ostream& out, const DemoTrial& left, const DemoTrial& right) {
  auto verdict = [](const DemoTrial& t) {
    return std::string(t.analysis.verdict.valid ? "valid" : "INVALID");
  };
  out << "  " << pad("Verdict", 36) << pad(verdict(left), 10) << verdict(right) << "\n";
}

}  // namespace

int run_demo_filmed(const ParsedArgs& args, Context& context, OpenTrialFilming open_filming) {
  const auto seed = args.whole_number("seed", 1);
  if (!seed) return fail(context, seed.error().message);
  const auto seconds = args.number("seconds", 30);
  const auto mass = args.number("mass", 72);
  for (const auto* r : {&seconds, &mass}) {
    if (!r->ok()) return fail(context, r->error().message);
  }
  const std::string paper_text = args.value_or("paper", "a4");
  // Filmed by the simulated camera where the camera's executable runs the demo; `stance` alone
  // records the plate only.
  std::string camera = args.value_or("camera", open_filming != nullptr ? "sim-camera" : "none");
  if (camera == "none") camera.clear();
  if (!camera.empty() && open_filming == nullptr) {
    return fail(context, camera_needs_stance_knee("demo", camera));
  }
  // Each run has a folder of its own by default, so a run never meets the files of another.
  const std::string stamp = utc_timestamp_for_file_name();
  const std::filesystem::path dir = args.value("out-dir")
                                        ? std::filesystem::path(*args.value("out-dir"))
                                        : default_data_dir() / "demo" / stamp;
  const WriteOptions write{args.flag("force") ? IfExists::kReplace : IfExists::kRefuse, {}};
  const auto sheet_path = args.value("sheet") ? std::filesystem::path(*args.value("sheet"))
                                              : dir / "demo-test-sheet.pdf";
  if (Status s = check_write_target(sheet_path, write); !s) return fail(context, s.error().message);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return fail(context, "cannot create the folder " + dir.string() + ": " + ec.message() +
                             "; choose another with --out-dir");
  }

  std::vector<DemoTrial> trials;  // stance left, stance right, squat left, squat right
  for (const Task task : {Task::kSingleLegStance, Task::kSingleLegSquat}) {
    for (Limb leg : kLegs) {
      const double length_s = task == Task::kSingleLegSquat ? kSquatSeconds : *seconds;
      auto trial =
          run_trial(context, leg, task, dir, *seed, length_s, *mass, write, camera, open_filming);
      if (!trial) return fail(context, trial.error().message);
      trials.push_back(std::move(*trial));
    }
  }

  std::ostream& out = context.out;
  out << "Stance demo: a simulated " << fixed(*mass, 0)
      << " kg patient with knee pain on the LEFT, on the simulated plate\n"
      << "(no hardware needed; recorded faster than real time)\n\n"
      << "  " << pad("", 36) << pad("Left", 10) << pad("Right", 10) << "LSI\n"
      << "Single-leg stance, eyes open, " << fixed(*seconds, 0) << " s\n";
  print_key_figures(out, trials[0], trials[1]);
  print_verdicts(out, trials[0], trials[1]);
  out << "Single-leg squat, 5 repetitions\n";
  print_key_figures(out, trials[2], trials[3]);
  print_verdicts(out, trials[2], trials[3]);
  const auto truth = [](Limb leg, Task task) {
    return sim::simulated_patient_trial(kInvolved, demo_condition(leg, task));
  };
  const auto left = truth(kLegs[0], Task::kSingleLegStance);
  const auto right = truth(kLegs[1], Task::kSingleLegStance);
  out << "\n  Simulated truth: stance sway SD (ML/AP) left " << fixed(left.sway_ml_mm, 1) << "/"
      << fixed(left.sway_ap_mm, 1) << " mm, right " << fixed(right.sway_ml_mm, 1) << "/"
      << fixed(right.sway_ap_mm, 1) << " mm; knee wobble left "
      << fixed(truth(kLegs[0], Task::kSingleLegSquat).wobble, 2) << ", right "
      << fixed(truth(kLegs[1], Task::kSingleLegSquat).wobble, 2)
      << ";\n  true 3-D knee angle in the frontal plane (peak, mean of squats 1-4) left "
      << fixed(trials[2].true_peak_fppa_deg, 1) << "°, right "
      << fixed(trials[3].true_peak_fppa_deg, 1)
      << "° (the camera's 2-D FPPA reads\n  higher: the projection of a bent knee; "
         "docs/camera.md).\n"
      << "  The involved side is the left. " << lsi_equation_text() << "\n\n"
      << "Recordings written:\n";
  for (const auto& t : trials) out << "  " << t.file.string() << "\n";
  out << "Re-analyse one with: stance analyze " << trials.back().file.string() << "\n";

  report::SheetData sheet;
  sheet.clinic = "Stance demo (simulated patient)";
  sheet.patient_code = "DEMO-001";
  sheet.date_utc = utc_timestamp_now();
  sheet.clinician = "stance demo";
  sheet.plate = "simulated plate, 4 load cells";
  sheet.protocol = "single-leg stance " + fixed(*seconds, 0) +
                   " s eyes open, and 5 single-leg squats; 1 trial per side";
  sheet.involved = kInvolved;
  for (const auto& t : trials) sheet.trials.push_back(t.sheet);
  const auto paper = paper_text == "letter" ? report::Paper::kLetter : report::Paper::kA4;
  if (Status s = report::write_sheet_pdf(sheet, paper, sheet_path, write); !s) {
    return fail(context, "the test sheet was not written: " + s.error().message);
  }
  out << "Test sheet (PDF): " << sheet_path.string() << "\n";
  return kExitOk;
}

namespace {

int run_demo(const ParsedArgs& args, Context& context) {
  return run_demo_filmed(args, context, nullptr);
}

}  // namespace

Command demo_command() {
  CommandSpec spec;
  spec.name = "demo";
  spec.summary = "run a complete simulated single-leg test (no hardware needed)";
  spec.usage =
      "stance demo [--out-dir DIR] [--seconds N] [--seed N] [--mass KG] [--sheet PDF] "
      "[--paper a4|letter] [--camera DEVICE|none] [--force]";
  spec.options = {
      {"out-dir", "DIR",
       "where the recordings go (default: a new folder in $XDG_DATA_HOME/stance/demo)"},
      {"seconds", "N", "single-leg stance time per leg, 5 to 300 s (default 30)",
       number_in(5, 300)},
      {"seed", "N",
       "seed of the simulated patient, 1 to 1000000 (default 1; same seed, same result)",
       whole_number_in(1, 1000000)},
      {"mass", "KG", "body mass of the simulated patient, 30 to 200 kg (default 72)",
       number_in(30, 200)},
      {"sheet", "PDF", "the test sheet (default: demo-test-sheet.pdf in the out-dir)"},
      {"paper", "SIZE", "a4 (default) or letter", one_of({"a4", "letter"})},
      {"camera", "DEVICE",
       "film the squats' knee markers: sim-camera (the default where stance-knee is installed) "
       "or none"},
      {"force", "", "replace files of an earlier run in --out-dir, and --sheet"},
  };
  spec.details =
      "Records single-leg stance and five single-leg squats on each leg from the simulated\n"
      "plate, the squats filmed by the simulated camera (the knee's FPPA), writes the four\n"
      "trial files, reads them back, analyses them and writes the one-page test sheet (PDF).";
  return {spec, run_demo};
}

}  // namespace stance::cli
