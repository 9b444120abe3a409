// `stance samples FILE | --trial ID --out FILE.csv`: one trial's samples as CSV for research
// (src/report/samples_csv.hpp writes them; this file finds the trial and says where they went).
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/export_file.hpp"
#include "cli/import_options.hpp"
#include "cli/store_access.hpp"
#include "core/knee/knee_analysis.hpp"
#include "core/recording_samples.hpp"
#include "recording/load_recording.hpp"
#include "recording/trial_file.hpp"
#include "report/samples_csv.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

// What the CSV is made of: the samples, and the camera's markers when it filmed them.
struct TrialSamples {
  ForceSamples samples;
  std::shared_ptr<const knee::MarkerTrack> markers;
  Limb limb = Limb::kUnspecified;
  std::vector<std::filesystem::path> keep;  // never written over: what was read
};

Result<TrialSamples> from_file(const std::string& path, const ImportOptions& import) {
  auto loaded = load_recording(path, import);
  if (!loaded) return loaded.error();
  TrialSamples out{std::move(loaded->samples), nullptr, Limb::kUnspecified, {path}};
  if (loaded->trial) {
    out.markers = loaded->trial->markers;
    out.limb = loaded->trial->metadata.limb;
  }
  return out;
}

Result<TrialSamples> from_store(const ParsedArgs& args, const Context& context, long trial_id,
                                const ImportOptions& import) {
  auto store = open_store_to_read(args, context);
  if (!store) return store.error();
  const std::string name = "trial " + std::to_string(trial_id);
  auto bytes = store->recording(trial_id);
  if (!bytes) return bytes.error();
  auto recording = decode_trial(*bytes, name);
  if (!recording) return recording.error();
  return TrialSamples{samples_from_recording(*recording, import.min_fz_n), recording->markers,
                      recording->metadata.limb, store::store_files(store->path())};
}

int run_samples(const ParsedArgs& args, Context& context) {
  const auto out = args.value("out");
  if (!out)
    return usage_error(context, "samples needs --out FILE (.csv); see `stance samples --help`");
  const auto trial = args.whole_number("trial", 0);
  if (!trial) return usage_error(context, trial.error().message);
  const bool stored = args.value("trial").has_value();
  if (stored == !args.positionals.empty()) {
    return usage_error(context,
                       "samples takes a recording FILE or --trial ID (a stored trial, `stance "
                       "session show SESSION` lists them), one of the two");
  }
  if (stored && args.value("plate")) {
    return usage_error(context, "--plate is for a file with several plates, not a stored trial");
  }
  const auto import = import_options_from(args);
  if (!import) return usage_error(context, import.error().message);
  auto source =
      stored ? from_store(args, context, *trial, *import) : from_file(args.positionals[0], *import);
  if (!source) {
    const std::string message = "no samples written: " + source.error().message;
    return !stored && only_the_plate_was_wrong(args.positionals[0], *import)
               ? usage_error(context, message)
               : fail(context, message);
  }
  std::vector<knee::KneeFrame> frames;
  if (source->markers) frames = knee::knee_frames(source->markers->frames, source->limb);
  const auto* fppa = source->markers ? &frames : nullptr;
  const auto make = [&](const report::TextSink& sink) {
    return report::write_samples_csv(source->samples, fppa, sink);
  };
  if (Status s = write_text_export_with(args, make, source->keep); !s) {
    return fail(context, "no samples written: " + s.error().message);
  }
  context.out << source->samples.size() << " samples at " << fixed(source->samples.rate_hz, 0)
              << " Hz"
              << (source->markers ? " with the knee's FPPA of " + std::to_string(frames.size()) +
                                        " camera frames"
                                  : std::string())
              << " written to " << written_path(*out) << "\n";
  return kExitOk;
}

}  // namespace

Command samples_command() {
  CommandSpec spec;
  spec.name = "samples";
  spec.summary = "one trial's samples (time, forces, COP, the knee's FPPA) as CSV for research";
  spec.usage = "stance samples FILE | --trial ID --out FILE.csv [--force] [--plate N] [--db FILE]";
  spec.optional_positionals = {"FILE"};
  spec.options = {
      {"out", "FILE", "the CSV file to create (never over a file without --force)"},
      {"force", "", "replace --out if it is an existing file (never the recording or the store)"},
      {"trial", "ID", "a stored trial instead of a file (`stance session show SESSION` lists them)",
       whole_number_in(1, 1000000000)},
      db_option(),
  };
  for (OptionSpec& o : import_options()) spec.options.push_back(std::move(o));
  spec.details =
      "FILE is any recording `stance analyze` reads. One row per sample of the plate's grid:\n"
      "t_s (s from the recording's start), fx_n, fy_n, fz_n (N; fx, fy only on six-component\n"
      "plates), cop_ml_mm, cop_ap_mm (mm, plate frame; empty where the COP is undefined), the\n"
      "flags missing, low_force, overload, adc_error (1 or 0), and fppa_deg (degrees, the\n"
      "nearest camera frame's) when a camera filmed the markers. Columns: docs/report-formats.md.";
  return {spec, run_samples};
}

}  // namespace stance::cli
