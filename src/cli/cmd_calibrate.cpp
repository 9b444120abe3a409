// `stance calibrate`: the host's calibration tools on a plate (tare, known-mass check, per-cell
// gain correction), saved per plate serial so every later recording from it uses them. Nothing is
// ever written to the plate (SPP section 4). Procedures and tolerances: docs/calibration.md.
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "core/calibration_check.hpp"
#include "core/recording_samples.hpp"
#include "core/units.hpp"
#include "device/trial_recorder.hpp"
#include "services/data_dirs.hpp"
#include "services/plate_adjustments.hpp"
#include "services/plate_calibration.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

using Session = PlateCalibration;

// "x,y" in mm (plate frame) -> metres.
Result<CellPosition> parse_position_mm(const std::string& text) {
  std::istringstream in(text);
  double x = 0.0, y = 0.0;
  char comma = 0;
  if (!(in >> x >> comma >> y) || comma != ',' || !(in >> std::ws).eof()) {
    return Error{"'" + text + "' is not a position: write x,y in mm, e.g. -100,200"};
  }
  return CellPosition{m_from_mm(x), m_from_mm(y)};
}

Result<std::vector<CellPosition>> parse_positions_mm(const std::string& text) {
  std::vector<CellPosition> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(';', begin), text.size());
    auto p = parse_position_mm(text.substr(begin, end - begin));
    if (!p) return p.error();
    out.push_back(*p);
    begin = end + 1;
  }
  return out;
}

std::string position_text(const CellPosition& p) {
  return "x = " + fixed(mm_from_m(p.x_m), 0) + " mm, y = " + fixed(mm_from_m(p.y_m), 0) + " mm";
}

Status save(Context& context, const PlateAdjustment& adjustment) {
  if (Status s = save_plate_adjustment(plate_adjustments_dir(), adjustment); !s) return s;
  context.out << "Saved to "
              << plate_adjustment_path(plate_adjustments_dir(), adjustment.serial).string()
              << "; recordings from plate " << adjustment.serial << " now use it.\n";
  return {};
}

int run_tare(Session& s, Context& context) {
  context.out << "Taring plate " << s.adjustment.serial << ": keep the plate empty and still for "
              << fixed(s.seconds, 1) << " s...\n";
  const bool had_tare = s.adjustment.tare.applied;
  const auto tare = tare_step(s);
  if (!tare) return fail(context, tare.error().message);
  context.out << "Load on the previous zero " << fixed(tare->load_on_old_zero_n, 1)
              << " N, steadiness " << fixed(tare->fz_sd_n, 2) << " N SD: the new zero replaces "
              << (had_tare ? "the last tare" : "the factory zero") << ".\n";
  for (const auto& w : tare->warnings) context.err << "stance: warning: " << w << "\n";
  if (Status saved = save(context, s.adjustment); !saved) {
    return fail(context, saved.error().message);
  }
  return kExitOk;
}

int run_check(Session& s, const ParsedArgs& args, Context& context) {
  const auto mass = args.number("mass-kg", 0);
  if (!mass) return usage_error(context, mass.error().message);
  std::optional<CellPosition> at;
  if (const auto text = args.value("at")) {
    auto p = parse_position_mm(*text);
    if (!p) return usage_error(context, p.error().message);
    at = *p;
  }
  context.out << "Checking plate " << s.adjustment.serial << " ("
              << describe_adjustment(s.adjustment.tare) << ") with " << fixed(*mass, 2) << " kg"
              << (at ? " at " + position_text(*at) : "") << "...\n";
  const auto check = known_mass_step(s, *mass, at);
  if (!check) return fail(context, check.error().message);
  context.out << "Expected " << fixed(check->expected_fz_n, 1) << " N, measured "
              << fixed(check->measured_fz_n, 1) << " N\n";
  if (check->position_known) {
    context.out << "COP off by " << fixed(check->cop_error_ml_mm, 1) << " mm ML, "
                << fixed(check->cop_error_ap_mm, 1) << " mm AP (" << fixed(check->cop_error_mm, 1)
                << " mm)\n";
  }
  context.out << "Check " << check->summary << "\n";
  if (Status saved = save(context, s.adjustment); !saved) {
    return fail(context, saved.error().message);
  }
  if (!check->passed) return fail(context, "the known-mass check failed (see above)");
  return kExitOk;
}

int run_gains(Session& s, const ParsedArgs& args, Context& context) {
  const auto mass = args.number("mass-kg", 0);
  if (!mass) return usage_error(context, mass.error().message);
  const auto text = args.value("at");
  if (!text)
    return usage_error(context,
                       "gains needs --at with 3 or more positions, e.g. "
                       "--at='-120,-220;120,-220;120,220;-120,220;0,0'");
  const auto positions = parse_positions_mm(*text);
  if (!positions) return usage_error(context, positions.error().message);
  if (positions->size() < 3) {  // before anyone lifts the mass: the fit needs 3
    return usage_error(context,
                       "gains needs at least 3 positions spread over the plate (the corners "
                       "and the centre are best)");
  }
  std::vector<MassPlacement> placements;
  for (std::size_t i = 0; i < positions->size(); ++i) {
    const CellPosition& at = (*positions)[i];
    context.out << "Placement " << i + 1 << " of " << positions->size() << ": the "
                << fixed(*mass, 2) << " kg mass at " << position_text(at) << "\n";
    if (!args.flag("no-prompt")) {
      context.out << "Place it, step back, then press Enter." << std::endl;
      std::string line;
      if (!std::getline(std::cin, line)) {
        return fail(context,
                    "no answer on standard input; use --no-prompt when a fixture "
                    "places the mass");
      }
    }
    auto recording = record_still(s, "gain placement " + std::to_string(i + 1));
    if (!recording) return fail(context, recording.error().message);
    auto placement = measure_mass_placement(recording->frames, s.plate->info(),
                                            s.plate->calibration(), s.adjustment.tare, at);
    if (!placement) {
      return fail(context, "placement " + std::to_string(i + 1) + ": " + placement.error().message);
    }
    placements.push_back(*placement);
  }
  const auto fit = fit_gain_correction(placements, *mass, s.plate->info().cells);
  if (!fit) return fail(context, "gain correction refused: " + fit.error().message);
  context.out << "Cell gain factors (rear-left, rear-right, front-right, front-left):";
  for (int i = 0; i < 4; ++i) {
    s.adjustment.tare.gain_correction[i] *= fit->factor[i];  // the placements used the old ones
    context.out << " " << fixed(s.adjustment.tare.gain_correction[i], 4);
  }
  context.out << "\nRMS force error " << fixed(fit->rms_fz_error_before_n, 2) << " N -> "
              << fixed(fit->rms_fz_error_after_n, 2) << " N; RMS COP error "
              << fixed(fit->rms_cop_error_before_mm, 1) << " mm -> "
              << fixed(fit->rms_cop_error_after_mm, 1) << " mm\n";
  if (Status saved = save(context, s.adjustment); !saved) {
    return fail(context, saved.error().message);
  }
  return kExitOk;
}

int run_show(const Session& s, Context& context) {
  const Tare& t = s.adjustment.tare;
  context.out << "Plate " << s.adjustment.serial << ": " << describe_adjustment(t) << "\n"
              << "File: "
              << plate_adjustment_path(plate_adjustments_dir(), s.adjustment.serial).string()
              << "\n";
  const int channels = channel_count(s.adjustment.layout);
  context.out << "Zero in use (counts):";
  for (int i = 0; i < channels; ++i) {
    context.out << " "
                << fixed(t.applied ? t.zero_counts[i] : s.plate->calibration().zero_counts[i], 1);
  }
  context.out << "\n";
  if (s.adjustment.layout == PlateLayout::kFourCell) {
    context.out << "Cell gain factors:";
    for (double c : t.gain_correction) context.out << " " << fixed(c, 4);
    context.out << "\n";
  }
  return kExitOk;
}

int run_reset(const Session& s, Context& context) {
  const auto path = plate_adjustment_path(plate_adjustments_dir(), s.adjustment.serial);
  std::error_code ec;
  if (!std::filesystem::remove(path, ec)) {
    if (ec) return fail(context, "cannot remove " + path.string() + ": " + ec.message());
    context.out << "Plate " << s.adjustment.serial << " already uses its factory calibration.\n";
    return kExitOk;
  }
  context.out << "Removed " << path.string() << ": plate " << s.adjustment.serial
              << " uses its factory calibration again.\n";
  return kExitOk;
}

int run_calibrate(const ParsedArgs& args, Context& context) {
  const std::string action = args.positionals.at(0);
  const auto device = args.value("device");
  if (!device) {
    context.err << "stance: calibrate needs --device; see `stance calibrate --help`\n";
    return kExitUsage;
  }
  const bool known = action == "tare" || action == "check" || action == "gains" ||
                     action == "show" || action == "reset";
  if (!known) {
    context.err << "stance: unknown calibrate action '" << action
                << "': use tare, check, gains, show or reset\n";
    return kExitUsage;
  }
  if ((action == "check" || action == "gains") && !args.value("mass-kg")) {
    context.err << "stance: calibrate " << action << " needs --mass-kg\n";
    return kExitUsage;
  }
  const auto seconds = args.number("seconds", action == "tare" ? 2.0 : 3.0);
  if (!seconds) return fail(context, seconds.error().message);
  // A damaged file is replaced by a new tare or removed by reset; the other actions need it.
  auto opened = open_for_calibration(context.drivers, *device, *seconds,
                                     action == "tare" || action == "reset");
  if (!opened) return fail(context, opened.error().message);
  Session& s = *opened;
  if (!s.warning.empty()) context.err << "stance: warning: " << s.warning << "\n";
  if (action == "tare") return run_tare(s, context);
  if (action == "check") return run_check(s, args, context);
  if (action == "gains") return run_gains(s, args, context);
  if (action == "show") return run_show(s, context);
  return run_reset(s, context);
}

}  // namespace

Command calibrate_command() {
  CommandSpec spec;
  spec.name = "calibrate";
  spec.summary = "tare a plate, check it with a known mass, correct its cell gains";
  spec.usage = "stance calibrate tare|check|gains|show|reset --device ADDRESS [options]";
  spec.positionals = {"ACTION"};
  spec.options = {
      {"device", "ADDRESS",
       "the plate, e.g. usb, usb:SERIAL or serial:/dev/ttyACM0 (see stance devices)"},
      {"mass-kg", "KG", "check, gains: the known mass, kg (0.1 to 1000)", number_in(0.1, 1000)},
      {"at", "X,Y",
       "check: where the mass stands, mm in the plate frame (optional); gains: "
       "3 or more positions separated by ';'"},
      {"seconds", "N", "recording time of each step, 0.5 to 60 s (default 2 for tare, 3 otherwise)",
       number_in(0.5, 60)},
      {"no-prompt", "", "gains: do not wait for Enter between placements (a fixture moves it)"},
  };
  spec.details =
      "Actions:\n"
      "  tare   zero with the plate empty (refused when loaded or unsteady; warns on drift)\n"
      "  check  a known mass on the plate: force error in N and %, COP error in mm when --at\n"
      "  gains  four-cell plates: the known mass at several places, one gain factor per cell\n"
      "  show   the adjustment in use for this plate\n"
      "  reset  back to the factory calibration\n"
      "The result is kept per plate serial in $XDG_DATA_HOME/stance/plates and used by every\n"
      "later recording from that plate; each trial file keeps a copy. The plate itself is never\n"
      "changed. Positions: x to the patient's right, y forward, from the plate centre.\n"
      "Procedures and tolerances: docs/calibration.md.";
  return {spec, run_calibrate};
}

}  // namespace stance::cli
