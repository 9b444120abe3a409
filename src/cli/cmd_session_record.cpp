// `stance session record PATIENT --protocol NAME --device sim`: a whole protocol session from
// the simulated plate (virtual clock), every trial analysed and committed on its own as it ends,
// so an interruption keeps every trial finished before it.
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/plate_trust.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "cli/trial_filming.hpp"
#include "core/test_protocol.hpp"
#include "device/trial_recorder.hpp"
#include "recording/trial_file.hpp"
#include "services/plate_adjustments.hpp"
#include "services/stored_analysis.hpp"
#include "simulated/sim_options.hpp"
#include "simulated/simulated_patient.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

// The simulated patient (drivers/simulated/simulated_patient.hpp). The user's options come after
// it, so they win, but never over the limb, the task, the repetitions or the virtual clock.
std::string sim_address(const std::string& user_options, const store::Patient& patient,
                        const store::Protocol& protocol, const TrialCondition& t, long seed) {
  std::string a = "sim:seed=" + std::to_string(seed) + ",serial=" + sim::default_serial(1);
  if (patient.mass_kg && *patient.mass_kg >= 20 && *patient.mass_kg <= 200) {
    a += ",mass=" + fixed(*patient.mass_kg, 1);
  }
  a += "," + sim::simulated_patient_options(patient.involved_side, t);
  if (protocol.task != Task::kSingleLegSquat) a += ",duration_s=" + fixed(protocol.seconds, 1);
  if (!user_options.empty()) a += "," + user_options;
  a += ",limb=" + std::string(to_string(t.limb)) + ",task=" + to_string(protocol.task) +
       ",realtime=0";
  if (protocol.task == Task::kSingleLegSquat && protocol.repetitions > 0) {
    a += ",reps=" + std::to_string(protocol.repetitions);
  }
  return a;
}

std::string metric_text(const store::TrialResults& r, const char* key) {
  for (const store::Metric& m : r.metrics) {
    if (m.key == key) return m.key + " " + fixed(m.value, 1) + " " + m.unit;
  }
  return "";
}

}  // namespace

int record_session(const ParsedArgs& args, Context& context, OpenTrialFilming open_filming) {
  const auto protocol_name = args.value("protocol");
  if (!protocol_name) {
    context.err << "stance: session record needs --protocol NAME; see `stance session record "
                   "--help`\n";
    return kExitUsage;
  }
  const std::string device = args.value_or("device", "sim");
  if (device != "sim" && device.rfind("sim:", 0) != 0) {
    return usage_error(context,
                       "session record works with the simulated plate only (--device sim or "
                       "sim:OPTIONS); record real plates trial by trial with `stance record`");
  }
  const std::string user_options = device.size() > 4 ? device.substr(4) : "";
  const auto seed = args.whole_number("seed", 1);
  if (!seed) return fail(context, seed.error().message);
  const std::optional<std::string> camera = args.value("camera");
  if (camera && open_filming == nullptr) {
    return fail(context, camera_needs_stance_knee("session record", *camera));
  }

  auto store = open_store(args, context);
  if (!store) return fail(context, store.error().message);
  const auto patient = store->patient(args.positionals[0]);
  if (!patient) return fail(context, patient.error().message);
  const auto protocol = store->protocol(*protocol_name);
  if (!protocol) return fail(context, protocol.error().message);

  std::ostream& out = context.out;
  const int check_interval_days = mass_check_interval(*store, context);
  bool warned_unverified = false;
  std::int64_t session_id = 0, visit_id = 0;
  const std::vector<TrialCondition> trials = trial_order(*protocol, patient->involved_side);
  int saved = 0;
  // A session whose first trial fails is taken back: no empty visits in the history.
  const auto give_up = [&](const std::string& message) {
    if (session_id != 0 && saved == 0) (void)store->remove_session_if_empty(session_id);
    return fail(context, message);
  };
  for (std::size_t i = 0; i < trials.size(); ++i) {
    const TrialCondition& t = trials[i];
    const long trial_seed = *seed * 1000 + static_cast<long>(i) + 1;
    const std::string address = sim_address(user_options, *patient, *protocol, t, trial_seed);
    auto plate = context.drivers.open(address);
    if (!plate) return give_up(plate.error().message);
    if (session_id == 0) {
      store::Session session;
      session.patient_id = patient->id;
      session.clinician = args.value_or("clinician", "");
      session.notes = args.value_or("notes", "");
      session.protocol = protocol->name;
      session.plate_serial = (*plate)->info().serial;
      const auto id = store->add_session(session);
      if (!id) return give_up(id.error().message);
      session_id = *id;
      const auto stored = store->session(session_id);
      if (!stored) return give_up(stored.error().message);
      visit_id = stored->visit_id;
      out << "Session " << session_id << " of " << patient->code << " (visit " << visit_id << ", "
          << readable_local(stored->started_utc) << "): " << protocol->description
          << " (simulated plate " << session.plate_serial << ")\n";
    }
    RecordRequest request;
    request.seconds = protocol->seconds;
    request.metadata.patient_code = patient->code;
    static_cast<TrialCondition&>(request.metadata) = t;
    request.metadata.device = address;
    request.metadata.notes = args.value_or("notes", "");
    // The plate's last known-mass check, kept for its serial (`stance calibrate check`).
    const auto adjustment = adjustment_for(**plate);
    if (!adjustment) return give_up(adjustment.error().message);
    const bool unverified =
        mark_if_not_verified(adjustment->tare, (*plate)->info().serial, check_interval_days,
                             request.metadata, context, warned_unverified)
            .needs_check();
    std::unique_ptr<TrialFilming> filming;  // the simulated camera films the plate's person
    if (camera) {
      auto opened = open_filming(*camera, address, request.seconds);
      if (!opened) return give_up(opened.error().message);
      filming = std::move(*opened);
    }
    const auto outcome = record_filmed_trial(**plate, request, filming.get());
    if (!outcome) return give_up(outcome.error().message);
    const std::vector<std::uint8_t> bytes = encode_trial(outcome->recording);
    const auto results = analyze_stored_recording(bytes, trial_title(t));
    if (!results) return give_up(results.error().message);
    store::Trial trial;
    trial.session_id = session_id;
    static_cast<TrialCondition&>(trial) = t;
    trial.recorded_utc = outcome->recording.metadata.recorded_at_utc;
    trial.recorded_by = outcome->recording.metadata.software_version;
    trial.results = *results;
    const auto id = store->add_trial(trial, bytes);
    if (!id) {
      return give_up(id.error().message + (saved == 0
                                               ? std::string("; nothing was saved")
                                               : "; the " + std::to_string(saved) +
                                                     " trial(s) before it are saved in session " +
                                                     std::to_string(session_id)));
    }
    ++saved;
    out << "  " << pad(std::to_string(i + 1) + "/" + std::to_string(trials.size()), 7)
        << pad(std::string("eyes ") + to_string(t.eyes), 13) << pad(to_string(t.limb), 7)
        << pad("attempt " + std::to_string(t.attempt), 11)
        << pad(results->valid ? "valid" : "INVALID", 9)
        << (unverified ? "plate not verified  " : "")
        << metric_text(*results, protocol->task == Task::kSingleLegSquat ? "ml_squat_steadiness"
                                                                         : "mean_velocity")
        << "  saved as trial " << *id
        << (outcome->interrupted ? " (interrupted: " + outcome->interruption + ")" : "") << "\n"
        << std::flush;  // the line means "saved": show it now, also when piped to a log
  }
  out << saved << " trial(s) saved in " << store->path().string() << "\n"
      << "See them with: stance session show " << session_id << "; the visit's sheet: stance "
      << "report " << visit_id << " --out sheet.pdf; progress: stance history " << patient->code
      << "\n";
  return kExitOk;
}

namespace {

int run_record(const ParsedArgs& args, Context& context) {
  return record_session(args, context, nullptr);
}

}  // namespace

Command session_record_command() {
  return store_command(
      "session record", "record a whole protocol session with the simulated plate",
      "stance session record PATIENT --protocol NAME [--device sim[:OPTIONS]] [options]",
      {"PATIENT"},
      {{"protocol", "NAME", "single-leg-stance or single-leg-squat (or a clinic's own)"},
       {"device", "ADDRESS", "sim or sim:OPTIONS (see stance devices --options); default sim"},
       {"clinician", "NAME", "who ran the session"},
       {"notes", "TEXT", "free text kept with the session and its trials"},
       {"seed", "N",
        "seed of the simulated person, 1 to 1000000 (default 1; same seed, same session)",
        whole_number_in(1, 1000000)},
       {"camera", "DEVICE",
        "film the knee's markers beside the plate: sim-camera (the simulated person) or a "
        "camera address (docs/camera.md)"},
       db_option()},
      run_record,
      "Each trial is recorded on a virtual clock (seconds, not minutes), analysed and saved in\n"
      "its own transaction as soon as it ends. The simulated patient's involved side (from\n"
      "`stance patient add --involved`) sways and wobbles more; eyes closed sway 50% more.");
}

}  // namespace stance::cli
