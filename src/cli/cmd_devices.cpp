// `stance devices`: the plates this program can use, per driver, and the cameras.
#include "camera/camera_list.hpp"
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

// The cameras: the simulated one (always there) and the machine's webcams (their capture nodes;
// a webcam's metadata node cannot capture and is left out).
void print_cameras(std::ostream& out) {
  out << "\nCAMERA (stance knee)     DESCRIPTION\n"
      << pad("sim-camera", 24)
      << "simulated camera filming the simulated person (options: sim-camera:help)\n";
  for (const camera::CameraListing& c : camera::list_cameras()) {
    if (c.can_capture) out << pad(c.address, 24) << (c.name.empty() ? "webcam" : c.name) << "\n";
  }
}

int run_devices(const ParsedArgs& args, Context& context) {
  std::ostream& out = context.out;
  out << "ADDRESS (--device)      SERIAL        LAYOUT            RATE     FIRMWARE  DESCRIPTION\n";
  std::size_t count = 0;
  // --find sim:... or usb:ids=...: that driver looks with these options instead of its defaults.
  const std::string find = args.value_or("find", "");
  const auto colon = find.find(':');
  const std::string find_driver = find.substr(0, colon);
  const std::string find_options = colon == std::string::npos ? "" : find.substr(colon + 1);
  if (!find.empty() && !context.drivers.find(find_driver)) {
    std::string known;
    for (const auto& d : context.drivers.drivers())
      known += (known.empty() ? "" : ", ") + d->name();
    return fail(context,
                "--find " + find + ": no driver '" + find_driver + "' (use " + known + ")");
  }
  for (const auto& driver : context.drivers.drivers()) {
    const auto listing = driver->list(driver->name() == find_driver ? find_options : "");
    if (!listing) return fail(context, "--find " + find + ": " + listing.error().message);
    for (const PlateListing& p : *listing) {
      const std::string layout =
          p.layout == PlateLayout::kFourCell ? "1 (4 load cells)" : "2 (6-component)";
      out << pad(p.address, 24) << pad(p.serial, 14) << pad(layout, 18)
          << pad(std::to_string(p.rate_hz) + " Hz", 9) << pad(p.firmware, 10) << p.description
          << "\n";
      ++count;
    }
  }
  if (count == 0) out << "(no plates found)\n";
  print_cameras(out);
  if (args.flag("options")) {
    for (const auto& driver : context.drivers.drivers()) {
      out << "\n" << driver->name() << ": " << driver->options_help() << "\n";
    }
  } else {
    out << "\nOptions of each driver (after ':' in --device): stance devices --options\n";
  }
  return kExitOk;
}

}  // namespace

Command devices_command() {
  CommandSpec spec;
  spec.name = "devices";
  spec.summary = "list the force plates and cameras that can be used (simulated and connected)";
  spec.usage = "stance devices [--options] [--find ADDRESS]";
  spec.options = {
      {"options", "", "also print every driver's options (what may follow ':')"},
      {"find", "ADDRESS",
       "look with these driver options instead of the defaults, e.g. usb:ids=1209:0001+1234:5678 "
       "for plates with other USB ids, serial:/dev/ttyS1 for a serial plate on another port"}};
  spec.details = "Use an address from the first column with `stance record --device ADDRESS`.";
  return {spec, run_devices};
}

}  // namespace stance::cli
