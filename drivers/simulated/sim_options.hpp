#pragma once
// The options of the simulated device ("sim:key=value,..."): one struct, its parser and the help
// text, which lists every option with its unit and default.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/plate.hpp"
#include "simulated/fault_plan.hpp"
#include "simulated/subject_model.hpp"
#include "support/result.hpp"

namespace stance::sim {

struct SimOptions {
  std::uint64_t seed = 1;
  PlateLayout layout = PlateLayout::kFourCell;
  std::uint16_t rate_hz = 1000;
  std::uint16_t max_rate_hz = 2000;
  bool realtime = true;  // false: a virtual clock, every read() returns at once
  double speed = 1.0;    // realtime pacing: simulated seconds per wall-clock second
  std::string serial;    // empty: derived from the seed, see default_serial()
  std::uint16_t firmware_version = 0x0100;
  double noise_counts = 100.0;                  // ADC noise, RMS counts per channel
  double zero_drift_counts = 0.0;               // ageing: true zero off the factory's
  double gain_error = 0.0;                      // ageing: true sensitivity off, fraction ±
  std::optional<std::uint32_t> clock_start_us;  // device clock at START_STREAM; default from seed
  SubjectParams subject;                        // subject.seed is `seed`
  // load=mass: where the mass stands for each stream in turn (x, y in m, cycling), as if someone
  // moved it between recordings; empty = at the subject's mean COP.
  std::vector<std::array<double, 2>> mass_positions_m;
  FaultPlan faults;
};

// "SIM-0001" for seed 1: the serial number of the default simulated plate; "SIM6-0001" for the
// six-component one (another device: its calibration and adjustment file are its own).
std::string default_serial(std::uint64_t seed, PlateLayout layout = PlateLayout::kFourCell);
// "1.0" from 0x0100 (major in the high byte).
std::string firmware_text(std::uint16_t firmware_version);

// One documented option: the help text is made of these, and the parser knows exactly these.
struct SimOptionDoc {
  const char* name;
  const char* unit;
  const char* default_text;  // as the option would be written, or e.g. "none", "from seed"
  const char* meaning;
};
std::span<const SimOptionDoc> sim_option_docs();

// Parses the text after "sim:"; every value is range-checked with an error naming the option.
Result<SimOptions> parse_sim_options(const std::string& text);
// One line per option: name=VALUE, unit, default, meaning.
std::string sim_options_help();
// The option lines of a help text, one per documented option (also for the simulated camera).
std::string option_help_lines(std::span<const SimOptionDoc> docs);

}  // namespace stance::sim
