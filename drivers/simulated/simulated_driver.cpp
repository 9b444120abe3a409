#include "simulated/simulated_driver.hpp"

#include "simulated/sim_options.hpp"

namespace stance::sim {

std::string SimulatedDriver::options_help() const {
  return sim_options_help();
}

Result<std::vector<PlateListing>> SimulatedDriver::list(const std::string& options) {
  std::vector<PlateListing> out;
  const std::vector<std::string> plates =
      options.empty() ? std::vector<std::string>{"", "layout=2"} : std::vector{options};
  for (const std::string& text : plates) {
    const Result<SimOptions> o = parse_sim_options(text);
    if (!o) return o.error();
    PlateListing l;
    l.address = "sim" + (text.empty() ? "" : ":" + text);
    l.serial = o->serial;
    l.layout = o->layout;
    l.rate_hz = o->rate_hz;
    l.firmware = firmware_text(o->firmware_version);
    l.description = "simulated plate (no hardware)";
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::unique_ptr<SimulatedPlate>> SimulatedDriver::open_simulated(
    const std::string& options) {
  if (options == "help") return Error{sim_options_help()};
  Result<SimOptions> o = parse_sim_options(options);
  if (!o) return o.error();
  return std::make_unique<SimulatedPlate>(*o);
}

Result<std::unique_ptr<PlateDevice>> SimulatedDriver::open(const std::string& options) {
  Result<std::unique_ptr<SimulatedPlate>> plate = open_simulated(options);
  if (!plate) return plate.error();
  return std::unique_ptr<PlateDevice>(std::move(*plate));
}

}  // namespace stance::sim
