// The command line on a serial plate emulated on a pseudo-terminal whose firmware prints without
// pause (as a real one does): found by `stance devices --find`, tared, recorded.
#include <gmock/gmock.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "cli_fixture.hpp"
#include "emulated_serial_plate.hpp"
#include "recording/load_recording.hpp"
#include "serial_plate/plate_file.hpp"

namespace stance::cli {
namespace {

using serial::test::EmulatedCells;
using serial::test::EmulatedSerialPlate;
using ::testing::HasSubstr;

class SerialCliTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    serial::PlateFile file;
    file.serial = "EMU-CLI";
    file.width_m = file.length_m = 0.4;
    file.cells = cells_.positions();
    file.newtons_per_count.fill(cells_.newtons_per_count);
    std::filesystem::create_directories(dir_ / "stance" / "plates");
    temp_.write("stance/plates/EMU-CLI.plate", serial::format_plate_file(file));
    // 100 Hz on the plate's clock, printed a little faster than real time; a header every 50.
    emulator_.run([this](EmulatedSerialPlate& e) {
      for (std::uint32_t k = 0; !e.closing(); ++k) {
        if (k % 50 == 0) e.write("# name=CLI plate; serial=EMU-CLI; rate=100\n");
        e.write(serial::test::sample_line(
            k * 10000, serial::test::counts_for_load(cells_, load_n_, {0.02, -0.03}, k)));
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    });
  }

  EmulatedCells cells_;
  std::atomic<double> load_n_{0.0};
  EmulatedSerialPlate emulator_;
};

TEST_F(SerialCliTest, FoundTaredAndRecorded) {
  const std::string address = "serial:" + emulator_.path();
  const CliRun devices = stance({"devices", "--find", address});
  ASSERT_EQ(devices.code, 0) << devices.err;
  EXPECT_THAT(devices.out, HasSubstr(address));
  EXPECT_THAT(devices.out, HasSubstr("EMU-CLI"));
  EXPECT_THAT(devices.out, HasSubstr("CLI plate"));

  const CliRun tare = stance({"calibrate", "tare", "--device", address});
  ASSERT_EQ(tare.code, 0) << tare.err;

  load_n_ = 650.0;
  const auto trial = dir_ / "trial.stance";
  const CliRun record =
      stance({"record", "--device", address, "--seconds", "2", "--out", trial.string()});
  ASSERT_EQ(record.code, 0) << record.err;
  // At least the 2 s asked for: lines that arrived in the same read as the last one are kept.
  EXPECT_THAT(record.out, HasSubstr("Recorded 2."));
  EXPECT_THAT(record.out, HasSubstr(" s at 100 Hz from " + address + " (serial EMU-CLI)"));
  auto loaded = load_recording(trial);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const ForceSamples& s = loaded->samples;
  ASSERT_GT(s.size(), 100);
  // The first samples may still be the empty plate's if the load arrived after start().
  EXPECT_NEAR(s.fz_n.tail(50).mean(), 650.0, 0.5);
  EXPECT_NEAR(s.cop_ml_m.tail(50).mean(), 0.02, 0.001);
}

}  // namespace
}  // namespace stance::cli
