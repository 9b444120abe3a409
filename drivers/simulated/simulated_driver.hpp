#pragma once
// The "sim" driver: the embedded default device, a simulated person on a simulated SPP plate.
// Register it with DriverRegistry::add(std::make_unique<stance::sim::SimulatedDriver>()).
#include <memory>
#include <string>
#include <vector>

#include "device/plate_device.hpp"
#include "simulated/simulated_plate.hpp"

namespace stance::sim {

class SimulatedDriver final : public PlateDriver {
 public:
  std::string name() const override { return "sim"; }
  std::string options_help() const override;
  // Two plates: "sim" (four load cells) and "sim:layout=2" (six-component).
  Result<std::vector<PlateListing>> list(const std::string& options) override;
  // `options` is the text after "sim:"; "help" answers with the options' help as the error.
  Result<std::unique_ptr<PlateDevice>> open(const std::string& options) override;

  // The same, typed, for tests and tools that want the truth.
  static Result<std::unique_ptr<SimulatedPlate>> open_simulated(const std::string& options);
};

}  // namespace stance::sim
