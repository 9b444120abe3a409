// `stance analyze FILE`: the whole analysis of a trial file or a plain recording.
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/trial_report.hpp"
#include "core/analysis_policy.hpp"

namespace stance::cli {
namespace {

// The task and limb the command line asks for, over what the recording says.
// The words were checked by parse_args.
void override_task_and_limb(const ParsedArgs& args, TrialAnalysisOptions& options) {
  if (const auto task = args.value("task")) (void)parse_task(*task, options.task);
  if (options.task == Task::kUnspecified) options.task = Task::kSingleLegStance;
  if (const auto limb = args.value("limb")) (void)parse_limb(*limb, options.limb);
}

int run_analyze(const ParsedArgs& args, Context& context) {
  const std::string path = args.positionals[0];
  DescriptorOptions d;
  const auto plate = args.whole_number("plate", 1);
  const auto min_fz = args.number("min-fz", kDefaultMinFz_n);
  const auto start = args.number("start", d.start_s);
  const auto end = args.number("end", d.end_s);
  const auto cutoff = args.number("lowpass", 0);
  if (!plate) return fail(context, plate.error().message);
  for (const auto* r : {&min_fz, &start, &end, &cutoff}) {
    if (!r->ok()) return fail(context, r->error().message);
  }
  d.start_s = *start;
  d.end_s = *end;
  if (*cutoff > 0) d.lowpass = LowPassSpec{4, *cutoff};
  d.preset = parse_preset(args.value_or("preset", "clinical")).value_or(d.preset);

  ImportOptions import;
  import.plate = static_cast<int>(*plate);
  import.min_fz_n = *min_fz;
  const auto loaded = load_recording(path, import);
  if (!loaded) return fail(context, loaded.error().message);
  // A Stance trial file is analysed by the one policy (what the store keeps and the sheet
  // prints), with the descriptor options and the task or limb given here on top.
  TrialAnalysisOptions options =
      loaded->trial ? analysis_options_for(*loaded->trial) : TrialAnalysisOptions{};
  options.descriptors = d;
  override_task_and_limb(args, options);

  const auto analysis = analyze_trial(loaded->samples, options);
  if (!analysis) return fail(context, path + ": " + analysis.error().message);
  const TrialSource source{path, &*loaded};
  if (args.flag("json")) {
    print_trial_json(context.out, source, *analysis);
  } else {
    print_trial_text(context.out, source, *analysis, args.flag("all"));
  }
  return kExitOk;
}

}  // namespace

Command analyze_command() {
  CommandSpec spec;
  spec.name = "analyze";
  spec.summary = "analyse a recorded trial or a plain force-plate recording";
  spec.usage =
      "stance analyze FILE [--json] [--all] [--preset clinical|reference] [--task stance|squat] "
      "[--start S] [--end S]";
  spec.positionals = {"FILE"};
  spec.options = {
      {"json", "", "print JSON (schema stance.analysis/3) with every descriptor, rep and event"},
      {"all", "", "print every descriptor, not only the key figures"},
      {"preset", "NAME",
       "clinical (mm, the plate's rate; default) or reference (the published pipeline of "
       "Quijoux et al. 2021: cm, 25 Hz)",
       one_of({"clinical", "reference"})},
      {"task", "TASK", "stance or squat (default: what the trial file says, else stance)",
       one_of({"stance", "squat"})},
      {"limb", "SIDE", "left or right standing leg (default: the trial file's); sets medial",
       one_of({"left", "right"})},
      {"start", "S", "analyse from S seconds after the recording's start (default: start)",
       number_in(0, 86400)},
      {"end", "S", "analyse up to S seconds after the recording's start (default: end)",
       number_in(0, 86400)},
      {"plate", "N", "which plate of a multi-plate file (OpenSim: 1 right, 2 left; default 1)",
       whole_number_in(1, 64)},
      {"min-fz", "N", "vertical force below which COP is undefined, in N (default 10)",
       number_in(0, 10000)},
      // Below 1 Hz a low-pass removes the sway it is meant to measure (1e-300 gave all-null
      // descriptors with a valid verdict); the plate's Nyquist limit is checked by the filter.
      {"lowpass", "HZ", "COP low-pass cut-off in Hz, 1 to 100 (4th-order Butterworth, zero phase)",
       number_in(1, 100)},
  };
  spec.details =
      "FILE is a Stance trial (.stance), a Motive export of an AMTI plate, an OpenSim .mot-style\n"
      "file, or a CSV with SI columns (see docs/importers.md). Lengths in mm (reference preset:\n"
      "cm), speeds per second, areas squared; every definition in docs/metrics.md.";
  return {spec, run_analyze};
}

}  // namespace stance::cli
