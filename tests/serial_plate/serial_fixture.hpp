#pragma once
// One emulated serial plate with its plate file, opened through the real driver; recordings
// through record_trial, the plate's firmware starting once the recording has (start() throws
// away what came before).
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "device/trial_recorder.hpp"
#include "emulated_serial_plate.hpp"
#include "serial_plate/plate_file.hpp"
#include "serial_plate/serial_driver.hpp"
#include "temp_dir.hpp"

namespace stance::serial::test {

inline constexpr double kRateHz = 100.0;
inline constexpr std::uint32_t kPeriodUs = 10000;
inline constexpr const char* kHeader =
    "# name=Emulated HX711 plate; serial=EMU-1; rate=100; firmware=1.3\n";

class SerialPlateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PlateFile file;
    file.serial = "EMU-1";
    file.width_m = 0.40;
    file.length_m = 0.40;
    file.cells = cells_.positions();
    file.newtons_per_count.fill(cells_.newtons_per_count);
    temp_.write("EMU-1.plate", format_plate_file(file));
  }

  // Opens the plate at `address_options` after ",": the header is already waiting.
  std::unique_ptr<SerialPlate> open(const std::string& extra = "") {
    emulator_.write(kHeader);
    SerialDriver driver(temp_.root(), {});
    auto plate = driver.open_serial(emulator_.path() + extra);
    EXPECT_TRUE(plate.ok()) << (plate.ok() ? "" : plate.error().message);
    return plate.ok() ? std::move(*plate) : nullptr;
  }

  // Records `seconds`; `firmware` runs on the plate's thread once the recording has started.
  // `progress`, if given, sees the elapsed time as the recorder reports it.
  RecordOutcome record(SerialPlate& plate, double seconds, const Tare& tare,
                       std::function<void(EmulatedSerialPlate&)> firmware,
                       std::function<void(double)> progress = {}) {
    RecordRequest request;
    request.seconds = seconds;
    request.tare = tare;
    std::once_flag started;
    request.progress = [&](double elapsed_s) {
      std::call_once(started, [&] { emulator_.run(firmware); });
      if (progress) progress(elapsed_s);
    };
    auto outcome = record_trial(plate, request);
    emulator_.join();
    EXPECT_TRUE(outcome.ok());
    return outcome.ok() ? std::move(*outcome) : RecordOutcome{};
  }

  // Lines k = first .. last-1 with `fz_n` at `cop`.
  static std::string lines(const EmulatedCells& cells, std::uint32_t first, std::uint32_t last,
                           double fz_n, CellPosition cop) {
    std::string out;
    for (std::uint32_t k = first; k < last; ++k) {
      out += sample_line(k * kPeriodUs, counts_for_load(cells, fz_n, cop, k));
    }
    return out;
  }

  stance::test::TempDir temp_{"stance-serial"};
  EmulatedCells cells_;
  EmulatedSerialPlate emulator_;
};

}  // namespace stance::serial::test
