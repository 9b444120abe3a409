#include "app/gui_main.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

#include "app/clinic_model.hpp"
#include "app/platform.hpp"
#include "app/script.hpp"
#include "app/session_model.hpp"
#include "app/settings.hpp"
#include "app/store_saver.hpp"
#include "app/store_worker.hpp"
#include "app/theme.hpp"
#include "app/views.hpp"
#include "services/data_dirs.hpp"
#include "services/drivers.hpp"
#include "support/args.hpp"

namespace stance::app {
namespace {

Result<std::vector<ScriptCommand>> load_script(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error{"cannot read the script " + path.string()};
  std::stringstream text;
  text << in.rdbuf();
  return parse_script(text.str());
}

// The clinic's view follows the visit: the patient's history is loaded when a session begins
// (the results' "last visit" column), and again once the finished visit is saved, so the
// patient list and the History tab show it.
void follow_session(ClinicModel& clinic, const SessionModel& session, bool& visit_reloaded) {
  if (!clinic.has_store() || !session.active()) return;
  if (!session.finished()) {
    // A new session: the last one's outcome ("Written: …") is no longer news.
    if (visit_reloaded) clinic.notice.clear();
    visit_reloaded = false;
    if (clinic.open_code() != session.patient_code && !session.patient_code.empty()) {
      clinic.open_patient(session.patient_code);
    }
    return;
  }
  if (visit_reloaded || session.saving()) return;
  visit_reloaded = true;
  clinic.refresh();
  clinic.open_patient(session.patient_code);
}

}  // namespace

int run_gui(const GuiOptions& options, std::ostream& err) {
  std::optional<ScriptRunner> script;
  if (!options.script.empty()) {
    auto commands = load_script(options.script);
    if (!commands) {
      err << "stance: " << commands.error().message << "\n";
      return 2;
    }
    script.emplace(std::move(*commands));
  }
  const auto settings_file = default_data_dir() / "dashboard.settings";
  auto loaded = load_settings(settings_file);
  if (!loaded) err << "stance: warning: " << loaded.error().message << "\n";
  DashboardSettings settings = loaded ? *loaded : DashboardSettings{};
  if (!options.device.empty()) settings.device = options.device;
  if (!options.camera.empty()) settings.camera = options.camera;

  DriverRegistry drivers;
  register_all_drivers(drivers);
  LiveSource source(drivers, settings.device);
  source.use_camera(settings.camera);
  // Trials go to the clinic's store; to trial files when asked, or when the store cannot be
  // opened (said at once: nothing recorded is lost either way).
  // The history is read on a worker with its own connection (the UI never waits on the disk).
  std::optional<store::Store> store;
  std::unique_ptr<StoreWorker> worker;
  std::unique_ptr<TrialSink> sink;
  if (options.trials_dir.empty()) {
    const auto db = options.db.empty() ? default_data_dir() / "stance.db" : options.db;
    auto opened = store::Store::open(db);
    auto reader = opened ? store::Store::open(db) : Result<store::Store>(opened.error());
    if (opened && reader) {
      store.emplace(std::move(*opened));
      sink = std::make_unique<StoreSink>(*store);
      worker = std::make_unique<StoreWorker>(std::move(*reader));
    } else {
      const Error& why = opened ? reader.error() : opened.error();
      err << "stance: warning: " << why.message << "; trials are saved as files in "
          << (default_data_dir() / "sessions").string() << " instead\n";
    }
  }
  if (!sink) {
    sink = std::make_unique<TrialFileSink>(
        options.trials_dir.empty() ? default_data_dir() / "sessions" : options.trials_dir);
  }
  SessionModel session(source, *sink);
  session.protocol_index =
      std::min(settings.protocol_index, static_cast<int>(session.protocols.size()) - 1);
  session.auto_start = settings.auto_start;
  session.clinician = settings.clinician;
  ClinicModel clinic(worker.get());
  clinic.sheet.clinic = settings.clinic;
  clinic.sheet.logo = settings.clinic_logo;
  clinic.sheet.letter = settings.letter_paper;
  clinic.sheet.folder = settings.sheets_folder;
  MassCheck mass_check;
  PlateSearch plates;
  plates.start(drivers);
  clinic.refresh(
      [&session](std::vector<store::Protocol> stored) { use_store_protocols(session, stored); });

  auto platform = Platform::open("Stance", script ? options.width : settings.width,
                                 script ? options.height : settings.height);
  if (!platform) {
    err << "stance: " << platform.error().message << "\n";
    return 1;
  }
  theme::apply((*platform)->fonts());
  ImGui::GetStyle().ScaleAllSizes((*platform)->scale());  // a HiDPI screen's scale factor
  ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; settings live in the data folder
  if (auto idle = source.idle(); !idle) {
    err << "stance: warning: " << idle.error().message << "\n";  // shown in the device view too
  }

  CameraTexture camera_texture;  // after the platform: destroyed while its GL context lives
  bool visit_reloaded = true;    // nothing to reload before the first session
  const auto started = std::chrono::steady_clock::now();
  const live::LiveSnapshot no_plate;
  Screen shown_tab = Screen::kSetup;
  int exit_code = 0;
  constexpr double kIdleWaitS = 0.5, kSettleAfterEventS = 0.3;
  double settle_until_s = 0.0;
  for (bool quit = false; !quit && !(*platform)->should_close();) {
    if (worker) worker->run_finished();
    mass_check.poll(source);
    plates.poll();
    session.poll();
    session.mass_check_interval_days = clinic.mass_check_interval_days();
    follow_session(clinic, session, visit_reloaded);
    live::LiveSession* live = source.current();
    const auto snapshot = live != nullptr ? live->snapshot() : nullptr;
    const live::LiveSnapshot& s = snapshot ? *snapshot : no_plate;
    std::filesystem::path shot;
    if (script) {
      const double now_s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const ScriptRunner::Step step =
          script->advance({session, clinic, source, mass_check, s}, now_s);
      if (!step.error.empty()) {
        err << "stance: " << step.error << "\n";
        exit_code = 1;
        quit = true;
      }
      quit = quit || step.quit;
      shot = step.screenshot;
    }
    if (quit && !options.screenshot.empty()) shot = options.screenshot;
    // A screen that changes on its own (the live plate, a running job, a script) is drawn at the
    // display's rate; an idle one waits for the user (or 0.5 s, for its status lines), and for a
    // few frames after each event so that ImGui's hover and press states settle.
    const bool changing = script || shown_tab == Screen::kTest || shown_tab == Screen::kDevice ||
                          source.replaying() || mass_check.busy() || plates.busy() ||
                          clinic.loading() || session.saving();
    const double now =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const bool settling = now < settle_until_s;
    if ((*platform)->begin_frame(changing || settling ? 0.0 : kIdleWaitS)) {
      settle_until_s = now + kSettleAfterEventS;
    }
    ViewContext v{session,   clinic,        source, mass_check, plates, s, (*platform)->fonts(),
                  shown_tab, camera_texture};
    draw_dashboard(v);
    if (Status written = (*platform)->end_frame(shot); !written) {
      err << "stance: " << written.error().message << "\n";
      exit_code = 1;
    }
  }
  if (!script) {                         // a scripted run leaves the user's settings alone
    settings.device = source.address();  // the plate chosen in the device view
    settings.camera = source.camera_address();
    settings.protocol_index = session.protocol_index;
    settings.auto_start = session.auto_start;
    settings.clinician = session.clinician;
    settings.clinic = clinic.sheet.clinic;
    settings.clinic_logo = clinic.sheet.logo;
    settings.letter_paper = clinic.sheet.letter;
    settings.sheets_folder = clinic.sheet.folder;
    const auto [w, h] = (*platform)->window_size();
    settings.width = w;
    settings.height = h;
    if (Status s = save_settings(settings_file, settings); !s) {
      err << "stance: warning: the dashboard settings were not saved: " << s.error().message
          << "\n";
    }
  }
  return exit_code;
}

}  // namespace stance::app

namespace stance::app {

int gui_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CommandSpec spec;
  spec.name = "gui";
  spec.summary = "the dashboard";
  spec.usage =
      "stance gui [--device ADDRESS] [--camera ADDRESS] [--db FILE | --trials-dir DIR] "
      "[--script FILE [--window WxH]] [--screenshot PNG]";
  spec.options = {
      {"device", "ADDRESS", "the plate (default sim: a simulated patient follows the protocol)"},
      {"camera", "ADDRESS",
       "the camera filming the knee's markers: /dev/videoN, a video file, sim-camera, none, or "
       "auto (default: the simulated camera beside the simulated plate, none beside a real one)"},
      {"script", "FILE", "drive the session from a script (docs/dashboard.md), e.g. under Xvfb"},
      {"window", "WxH",
       "a scripted run's window size (default 1280x900; 1024x768 shows what a small screen "
       "clips)"},
      {"screenshot", "PNG", "write the last frame to this PNG file on exit"},
      {"db", "FILE", "the store trials are saved in (default $XDG_DATA_HOME/stance/stance.db)"},
      {"trials-dir", "DIR", "save trials as trial files in this folder instead of the store"},
  };
  spec.details = "Needs a display (X11 or Wayland); `xvfb-run -a stance gui ...` without one.";
  auto parsed = parse_args(spec, args);
  if (!parsed) {
    err << "stance: " << parsed.error().message << "\n";
    return 2;
  }
  if (parsed->help) {
    out << help_text(spec);
    return 0;
  }
  if (!display_available()) {
    err << "stance: no display: the dashboard needs X11 or Wayland (try `xvfb-run -a stance gui` "
           "or the command line, `stance --help`)\n";
    return 1;
  }
  GuiOptions options;
  options.device = parsed->value_or("device", "");
  options.camera = parsed->value_or("camera", "");
  options.script = parsed->value_or("script", "");
  options.screenshot = parsed->value_or("screenshot", "");
  options.trials_dir = parsed->value_or("trials-dir", "");
  options.db = parsed->value_or("db", "");
  if (const auto window = parsed->value("window")) {
    int w = 0, h = 0;
    char x = 0;
    std::istringstream in(*window);
    if (!(in >> w >> x >> h) || x != 'x' || !in.eof() || w < 320 || h < 240 || w > 8192 ||
        h > 8192) {
      err << "stance: --window must be WIDTHxHEIGHT in pixels, e.g. 1024x768, not '" << *window
          << "'\n";
      return 2;
    }
    options.width = w;
    options.height = h;
  }
  return run_gui(options, err);
}

}  // namespace stance::app
