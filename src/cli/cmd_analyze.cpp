// `stance analyze FILE`: the whole analysis of a trial file or a plain recording.
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/import_options.hpp"
#include "cli/trial_report.hpp"
#include "core/analysis_policy.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

// The task and limb the command line asks for, over what the recording says.
// The words were checked by parse_args.
void override_task_and_limb(const ParsedArgs& args, TrialAnalysisOptions& options) {
  if (const auto task = args.value("task")) (void)parse_task(*task, options.task);
  if (options.task == Task::kUnspecified) options.task = Task::kSingleLegStance;
  if (const auto limb = args.value("limb")) (void)parse_limb(*limb, options.limb);
}

// The rate the low-pass runs at: the recording's, or the published pipeline's resampled grid.
double lowpass_rate_hz(const DescriptorOptions& d, double recording_rate_hz) {
  if (d.resample_hz > 0) return d.resample_hz;
  const PresetSettings settings = preset_settings(d.preset);
  return settings.pipeline == Pipeline::kPublished ? settings.swarii.rate_hz : recording_rate_hz;
}

// The options' rules that depend on the recording, checked once its rate and length are known:
// a value they cannot take is wrong usage (exit 2), never silently changed or ignored.
Status check_against_recording(const ParsedArgs& args, const DescriptorOptions& d,
                               const ForceSamples& samples) {
  const double rate = lowpass_rate_hz(d, samples.rate_hz);
  if (d.lowpass && d.lowpass->cutoff_hz >= 0.5 * rate) {
    const bool grid = rate != samples.rate_hz;
    return Error{"--lowpass " + args.value_or("lowpass", "") +
                 " Hz is at or above the Nyquist frequency (" + round_trip_text(0.5 * rate) +
                 " Hz, half the " + round_trip_text(rate) + " Hz " +
                 (grid ? "grid of the " + std::string(preset_name(d.preset)) + " preset"
                       : "rate of this recording") +
                 "), where it cannot filter: give a cut-off below " + round_trip_text(0.5 * rate) +
                 " Hz, or leave --lowpass out (10 Hz)"};
  }
  const double duration_s = static_cast<double>(samples.size()) / samples.rate_hz;
  if (args.value("start") && d.start_s >= duration_s) {
    return Error{"--start " + args.value_or("start", "") +
                 " s is not within the recording, which lasts " + fixed(duration_s, 3) +
                 " s: give a start below that"};
  }
  return {};
}

int run_analyze(const ParsedArgs& args, Context& context) {
  const std::string path = args.positionals[0];
  DescriptorOptions d;
  const auto import = import_options_from(args);
  const auto start = args.number("start", d.start_s);
  const auto end = args.number("end", d.end_s);
  const auto cutoff = args.number("lowpass", 0);
  if (!import) return usage_error(context, import.error().message);
  for (const auto* r : {&start, &end, &cutoff}) {
    if (!r->ok()) return usage_error(context, r->error().message);
  }
  if (args.value("start") && args.value("end") && !(*start < *end)) {
    return usage_error(context, "--start (" + args.value_or("start", "") +
                                    " s) must be before --end (" + args.value_or("end", "") +
                                    " s)");
  }
  d.start_s = *start;
  d.end_s = *end;
  if (args.value("lowpass")) d.lowpass = LowPassSpec{4, *cutoff};
  d.preset = parse_preset(args.value_or("preset", "clinical")).value_or(d.preset);

  const auto loaded = load_recording(path, *import);
  if (!loaded) {
    return only_the_plate_was_wrong(path, *import) ? usage_error(context, loaded.error().message)
                                                   : fail(context, loaded.error().message);
  }
  if (Status s = check_against_recording(args, d, loaded->samples); !s) {
    return usage_error(context, path + ": " + s.error().message);
  }
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
      // Below 1 Hz a low-pass removes the sway it is meant to measure (1e-300 gave all-null
      // descriptors with a valid verdict); at or above the recording's Nyquist frequency it
      // cannot filter: refused once the recording's rate is known (check_against_recording).
      {"lowpass", "HZ",
       "COP low-pass cut-off in Hz, 1 to 100 and below half the recording's rate (4th-order "
       "Butterworth, zero phase; default 10)",
       number_in(1, 100)},
  };
  for (OptionSpec& o : import_options()) spec.options.push_back(std::move(o));
  spec.details =
      "FILE is a Stance trial (.stance), a Motive export of an AMTI plate, an OpenSim .mot-style\n"
      "file, or a CSV with SI columns (see docs/importers.md). Lengths in mm (reference preset:\n"
      "cm), speeds per second, areas squared; every definition in docs/metrics.md.";
  return {spec, run_analyze};
}

}  // namespace stance::cli
