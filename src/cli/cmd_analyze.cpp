// `stance analyze FILE`: the basic analysis of a trial file or a plain recording.
#include "cli/analysis_output.hpp"
#include "cli/cli.hpp"
#include "cli/command.hpp"

namespace stance::cli {
namespace {

int run_analyze(const ParsedArgs& args, Context& context) {
  const std::string path = args.positionals[0];
  ImportOptions import;
  const auto plate = args.number("plate", 1);
  const auto min_fz = args.number("min-fz", kDefaultMinFz_n);
  BasicAnalysisOptions options;
  const auto start = args.number("start", options.start_s);
  const auto end = args.number("end", options.end_s);
  const auto cutoff = args.number("lowpass", options.lowpass.cutoff_hz);
  for (const auto* r : {&plate, &min_fz, &start, &end, &cutoff}) {
    if (!r->ok()) return fail(context, r->error().message);
  }
  import.plate = static_cast<int>(*plate);
  import.min_fz_n = *min_fz;
  options.start_s = *start;
  options.end_s = *end;
  options.lowpass.cutoff_hz = *cutoff;

  const auto loaded = load_recording(path, import);
  if (!loaded) return fail(context, loaded.error().message);
  const auto analysis = analyze_basic(loaded->samples, options);
  if (!analysis) return fail(context, path + ": " + analysis.error().message);
  const AnalysisSource source{path, &*loaded};
  if (args.flag("json")) {
    print_analysis_json(context.out, source, *analysis);
  } else {
    print_analysis_text(context.out, source, *analysis);
  }
  return kExitOk;
}

}  // namespace

Command analyze_command() {
  CommandSpec spec;
  spec.name = "analyze";
  spec.summary = "analyse a recorded trial or a plain force-plate recording";
  spec.usage = "stance analyze FILE [--json] [--start S] [--end S] [--plate N]";
  spec.positionals = {"FILE"};
  spec.options = {
      {"json", "", "print JSON (schema stance.analysis.basic/1) instead of text"},
      {"start", "S", "analyse from S seconds after the recording's start (default: start)"},
      {"end", "S", "analyse up to S seconds after the recording's start (default: end)"},
      {"plate", "N", "which plate of a multi-plate file (OpenSim: 1 right, 2 left; default 1)"},
      {"min-fz", "N", "vertical force below which COP is undefined, in N (default 10)"},
      {"lowpass", "HZ", "COP low-pass cut-off in Hz (4th-order Butterworth, zero phase; 10)"},
  };
  spec.details =
      "FILE is a Stance trial (.stance), a Motive export of an AMTI plate, an OpenSim .mot-style\n"
      "file, or a CSV with SI columns (see docs/importers.md). Lengths in mm, speeds in mm/s,\n"
      "areas in mm², forces in N; definitions in docs/metrics.md.";
  return {spec, run_analyze};
}

}  // namespace stance::cli
