// `stance record`: one trial from a plate to a trial file.
#include <iostream>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/plate_trust.hpp"
#include "cli/trial_filming.hpp"
#include "cli/trial_options.hpp"
#include "device/trial_recorder.hpp"
#include "recording/trial_file.hpp"
#include "services/data_dirs.hpp"
#include "services/plate_adjustments.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

// The recording is never lost when its file cannot be written after all (the disk filled up, the
// folder went away while recording): it goes to the data folder, and the message says where.
std::string keep_unsaved(const Recording& recording) {
  const std::string stamp = utc_timestamp_for_file_name();
  const auto dir = default_data_dir() / "unsaved";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const auto rescue = dir / (stamp + "-" + recording.plate.serial + ".stance");
  if (Status s = write_trial_file(rescue, recording); !s) {
    return "; the recording could not be kept anywhere else either: " + s.error().message;
  }
  return "; the recording was kept in " + rescue.string();
}

}  // namespace

int record_to_file(const ParsedArgs& args, Context& context, OpenTrialFilming open_filming) {
  const auto device = args.value("device");
  const auto out_path = args.value("out");
  if (!device || !out_path || !args.value("seconds")) {
    context.err << "stance: record needs --device, --seconds and --out; see `stance record "
                   "--help`\n";
    return kExitUsage;
  }
  const auto seconds = args.number("seconds", 0);
  if (!seconds) return fail(context, seconds.error().message);
  const auto rate = args.whole_number("rate", 0);
  if (!rate) return fail(context, rate.error().message);
  auto metadata = trial_metadata_from(args);
  if (!metadata) return fail(context, metadata.error().message);
  metadata->device = *device;
  const WriteOptions write{args.flag("force") ? IfExists::kReplace : IfExists::kRefuse, {}};
  // Refused before recording: a trial is never recorded into a file that cannot take it.
  if (Status s = check_write_target(*out_path, write); !s) return fail(context, s.error().message);

  auto plate = context.drivers.open(*device);
  if (!plate) return fail(context, plate.error().message);
  if (*rate > 0) {
    if (Status s = (*plate)->set_rate(static_cast<std::uint16_t>(*rate)); !s) {
      return fail(context, s.error().message);
    }
  }
  const auto adjustment = adjustment_for(**plate);
  if (!adjustment) return fail(context, adjustment.error().message);
  std::unique_ptr<TrialFilming> filming;
  if (const auto camera = args.value("camera")) {
    if (open_filming == nullptr) return fail(context, camera_needs_stance_knee("record", *camera));
    auto opened = open_filming(*camera, *device, *seconds);
    if (!opened) return fail(context, opened.error().message);
    filming = std::move(*opened);
  }
  RecordRequest request;
  request.seconds = *seconds;
  request.metadata = *metadata;
  request.tare = adjustment->tare;
  bool warned = false;
  (void)mark_if_not_verified(adjustment->tare, (*plate)->info().serial,
                             mass_check_interval(args, context), request.metadata, context, warned);
  auto outcome = record_filmed_trial(**plate, request, filming.get());
  if (!outcome) return fail(context, outcome.error().message);
  if (Status s = write_trial_file(*out_path, outcome->recording, write); !s) {
    return fail(context, s.error().message + keep_unsaved(outcome->recording));
  }
  const Recording& r = outcome->recording;
  const StreamCounters& c = r.counters;
  context.out << "Recorded " << fixed(recorded_seconds(r), 2) << " s at " << fixed(r.rate_hz, 0)
              << " Hz from " << *device << " (serial " << r.plate.serial << ")\n"
              << "Frames " << c.frames_received << " received, " << c.frames_lost << " lost, "
              << c.crc_errors << " CRC errors, " << c.sync_errors << " sync errors, "
              << c.device_resets << " device resets\n"
              << "Calibration: " << describe_adjustment(r.tare) << "\n";
  if (r.markers) {
    std::size_t seen = 0;
    for (const knee::MarkerFrame& f : r.markers->frames) seen += f.all_found() ? 1 : 0;
    context.out << "Camera " << r.markers->camera << ": " << r.markers->frames.size()
                << " frames at " << fixed(r.markers->rate_hz, 0) << " Hz, " << seen
                << " with all three markers"
                << (r.markers->interrupted ? " (it stopped early: " + r.markers->end_reason + ")"
                                           : "")
                << "\n";
  }
  context.out << "Written to " << *out_path << "\n";
  if (outcome->interrupted) {
    context.err << "stance: recording interrupted (" << outcome->interruption
                << "); everything received was kept in " << *out_path << "\n";
    return kExitInterrupted;
  }
  return kExitOk;
}

namespace {

int run_record(const ParsedArgs& args, Context& context) {
  return record_to_file(args, context, nullptr);
}

}  // namespace

Command record_command() {
  CommandSpec spec;
  spec.name = "record";
  spec.summary = "record one trial from a plate into a trial file";
  spec.usage = "stance record --device ADDRESS --seconds N --out FILE [options]";
  spec.options = {
      {"device", "ADDRESS",
       "plate to record from, e.g. sim, sim:task=squat, usb:SERIAL, serial:/dev/ttyACM0, wbb "
       "(see stance devices)"},
      {"seconds", "N", "recording time in seconds, 0.1 to 3600 (on the plate's clock)",
       number_in(0.1, 3600)},
      {"out", "FILE", "trial file to create (.stance; written atomically, never over a file)"},
      {"force", "", "replace --out if it is an existing file"},
      {"rate", "HZ", "sample rate: 100, 200, 250, 500, 1000 or 2000 (default: the plate's)",
       whole_number_in(1, 65535)},
      {"camera", "DEVICE",
       "film the knee's markers too: /dev/videoN, a video file or sim-camera (see stance devices)"},
  };
  for (auto& o : trial_metadata_options()) spec.options.push_back(o);
  spec.details =
      "Exit code 3 means the recording was interrupted (e.g. the plate was unplugged): what\n"
      "arrived before was kept and written, and the file says it was interrupted.";
  return {spec, run_record};
}

}  // namespace stance::cli
