// A clean stream from an emulated serial plate through real termios: the plate found by its
// header without a byte written to it, the baud rate set, a person's weight and COP right.
#include <gmock/gmock.h>
#include <termios.h>

#include <algorithm>
#include <cmath>

#include "core/calibration_check.hpp"
#include "core/recording_samples.hpp"
#include "serial_fixture.hpp"
#include "support/format.hpp"

namespace stance::serial::test {
namespace {

using ::testing::HasSubstr;

constexpr double kG = 9.80665;

struct Means {
  double fz_n = 0, cop_ml_m = 0, cop_ap_m = 0;
  Eigen::Index used = 0;
};

Means means(const ForceSamples& s) {
  Means m;
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    if (!s.usable_for_cop(i)) continue;
    m.fz_n += s.fz_n[i], m.cop_ml_m += s.cop_ml_m[i], m.cop_ap_m += s.cop_ap_m[i];
    ++m.used;
  }
  const double n = static_cast<double>(std::max<Eigen::Index>(m.used, 1));
  m.fz_n /= n, m.cop_ml_m /= n, m.cop_ap_m /= n;
  return m;
}

TEST_F(SerialPlateTest, PersonStandingGivesBodyWeightAndCopAfterATare) {
  auto plate = open();
  ASSERT_NE(plate, nullptr);
  EXPECT_EQ(plate->info().serial, "EMU-1");
  EXPECT_EQ(plate->info().product, "Emulated HX711 plate");
  EXPECT_EQ(plate->info().firmware_version, 0x0103);
  EXPECT_EQ(plate->rate_hz(), 100);

  // The empty plate for the tare: only the cells' zero offsets.
  const RecordOutcome empty = record(*plate, 1.0, Tare{}, [this](EmulatedSerialPlate& e) {
    e.write(lines(cells_, 0, 100, 0.0, {0, 0}));
  });
  ASSERT_EQ(empty.recording.frames.size(), 100u);
  auto tare = compute_tare(empty.recording.frames, plate->info(), plate->calibration(), Tare{}, 0);
  ASSERT_TRUE(tare.ok()) << tare.error().message;

  const double weight_n = 72.5 * kG;
  const CellPosition cop{0.031, -0.047};
  const RecordOutcome loaded = record(*plate, 2.0, tare->tare, [&](EmulatedSerialPlate& e) {
    e.write(lines(cells_, 100, 300, weight_n, cop));
  });
  EXPECT_FALSE(loaded.interrupted);
  EXPECT_EQ(loaded.recording.counters.frames_received, 200u);
  EXPECT_EQ(loaded.recording.counters.frames_lost, 0u);
  const Means m = means(samples_from_recording(loaded.recording));
  EXPECT_EQ(m.used, 200);
  // What was measured, in the test report (--gtest_output=xml): docs/serial-plate.md.
  RecordProperty("fz_error_n", fixed(m.fz_n - weight_n, 4));
  RecordProperty("cop_error_mm",
                 fixed(std::hypot(m.cop_ml_m - cop.x_m, m.cop_ap_m - cop.y_m) * 1000, 4));
  EXPECT_NEAR(m.fz_n, weight_n, 0.05);
  EXPECT_NEAR(m.cop_ml_m, cop.x_m, 0.0005);
  EXPECT_NEAR(m.cop_ap_m, cop.y_m, 0.0005);
  EXPECT_FALSE(emulator_.received_anything());
}

// A new plate's cells differ from the plate file's newtons per count; the existing calibration
// steps (tare, the known mass at five places, the per-cell gain fit) put its force right.
TEST_F(SerialPlateTest, AKnownMassAtFivePlacesCorrectsTheCellGains) {
  cells_.true_gain_factor = {1.08, 0.93, 1.04, 0.96};
  auto plate = open();
  ASSERT_NE(plate, nullptr);
  std::uint32_t k = 0;
  const auto still = [&](double fz_n, CellPosition at, double seconds, const Tare& tare) {
    const auto first = k;
    k += static_cast<std::uint32_t>(seconds * kRateHz);
    return record(*plate, seconds, tare, [&, first, last = k](EmulatedSerialPlate& e) {
      e.write(lines(cells_, first, last, fz_n, at));
    });
  };
  auto tare = compute_tare(still(0, {0, 0}, 1.0, Tare{}).recording.frames, plate->info(),
                           plate->calibration(), Tare{}, 0);
  ASSERT_TRUE(tare.ok()) << tare.error().message;
  const double mass_kg = 20.0;
  std::vector<MassPlacement> placements;
  for (const CellPosition at :
       {CellPosition{-0.12, -0.12}, CellPosition{0.12, -0.12}, CellPosition{0.12, 0.12},
        CellPosition{-0.12, 0.12}, CellPosition{0, 0}}) {
    const RecordOutcome r = still(mass_kg * kG, at, 1.0, tare->tare);
    auto placement = measure_mass_placement(r.recording.frames, plate->info(), plate->calibration(),
                                            tare->tare, at);
    ASSERT_TRUE(placement.ok()) << placement.error().message;
    placements.push_back(*placement);
  }
  auto fit = fit_gain_correction(placements, mass_kg, plate->info().cells);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_GT(fit->rms_fz_error_before_n, 2.0);  // the cells 4–8 % off: several newtons
  EXPECT_LT(fit->rms_fz_error_after_n, 0.1);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(fit->factor[i], cells_.true_gain_factor[i], 0.002) << i;

  Tare corrected = tare->tare;
  for (int i = 0; i < 4; ++i) corrected.gain_correction[i] *= fit->factor[i];
  const CellPosition cop{0.05, 0.02};
  const Means m = means(samples_from_recording(still(80 * kG, cop, 1.0, corrected).recording));
  EXPECT_NEAR(m.fz_n, 80 * kG, 0.5);
  EXPECT_NEAR(m.cop_ml_m, cop.x_m, 0.001);
  EXPECT_NEAR(m.cop_ap_m, cop.y_m, 0.001);
}

TEST_F(SerialPlateTest, LinesInPiecesAndAnyOfTheSeparatorsAreReadWhole) {
  auto plate = open();
  ASSERT_NE(plate, nullptr);
  const RecordOutcome r = record(*plate, 0.03, Tare{}, [](EmulatedSerialPlate& e) {
    e.write("0,1,2");
    e.wait_drained();  // the driver has the first half before the second arrives
    e.write(",3,4\r\n10000\t5\t6\t7\t8\n");
    e.write("20000, 9,  10 ,11 ,12\n");
  });
  ASSERT_EQ(r.recording.frames.size(), 3u);
  EXPECT_EQ(r.recording.counters.sync_errors, 0u);
  EXPECT_EQ(r.recording.frames[0].counts[3], 4);
  EXPECT_EQ(r.recording.frames[1].counts[0], 5);
  EXPECT_EQ(r.recording.frames[2].counts[3], 12);
  EXPECT_EQ(r.recording.frames[2].t_us, 20000u);
}

TEST_F(SerialPlateTest, ThePortRunsAtTheBaudRateAsked) {
  auto plate = open(",baud=57600");
  ASSERT_NE(plate, nullptr);
  termios tio{};
  ASSERT_EQ(::tcgetattr(emulator_.port_fd(), &tio), 0);
  EXPECT_EQ(::cfgetispeed(&tio), static_cast<speed_t>(B57600));
  EXPECT_EQ(tio.c_lflag & ICANON, 0u);  // raw: lines are the driver's business
}

TEST_F(SerialPlateTest, ListingReadsTheHeaderAndWritesNothing) {
  emulator_.write(kHeader);
  SerialDriver driver(temp_.root(), {emulator_.path()});
  auto found = driver.list("");
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].address, "serial:" + emulator_.path());
  EXPECT_EQ((*found)[0].serial, "EMU-1");
  EXPECT_EQ((*found)[0].rate_hz, 100);
  EXPECT_EQ((*found)[0].firmware, "1.3");
  EXPECT_THAT((*found)[0].description, HasSubstr("Emulated HX711 plate"));
  EXPECT_THAT((*found)[0].description, HasSubstr("plate file"));
  EXPECT_FALSE(emulator_.received_anything());
}

TEST_F(SerialPlateTest, AListedPlateWithoutAPlateFileSaysWhereToWriteIt) {
  emulator_.write("# name=New plate; serial=NEW-7; rate=80\n");
  SerialDriver driver(temp_.root(), {emulator_.path()});
  auto found = driver.list("");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_THAT((*found)[0].description, HasSubstr("NO PLATE FILE"));
  EXPECT_THAT((*found)[0].description, HasSubstr("NEW-7.plate"));
  emulator_.write("# name=New plate; serial=NEW-7; rate=80\n");  // its next header
  auto plate = driver.open_serial(emulator_.path() + ",header_ms=200");
  ASSERT_FALSE(plate.ok());
  EXPECT_THAT(plate.error().message, HasSubstr("NEW-7.plate"));
}

TEST_F(SerialPlateTest, AWrongBaudRateSaysSo) {
  // What 115200-baud text looks like read at another rate: bytes, few of them printable.
  std::string noise;
  for (unsigned i = 0; i < 600; ++i) noise.push_back(static_cast<char>(0x80 | ((i * 37u) & 0x7F)));
  emulator_.write(noise);
  SerialDriver driver(temp_.root(), {});
  auto plate = driver.open_serial(emulator_.path() + ",baud=9600,header_ms=2000");
  ASSERT_FALSE(plate.ok());
  EXPECT_THAT(plate.error().message, HasSubstr("another baud rate"));
  EXPECT_THAT(plate.error().message, HasSubstr("baud=N"));
}

TEST_F(SerialPlateTest, ABaudRateNoPortOffersIsRefusedWithTheChoices) {
  SerialDriver driver(temp_.root(), {});
  auto plate = driver.open_serial(emulator_.path() + ",baud=12345");
  ASSERT_FALSE(plate.ok());
  EXPECT_THAT(plate.error().message, HasSubstr("12345 is not a baud rate"));
  EXPECT_THAT(plate.error().message, HasSubstr("115200"));
}

TEST_F(SerialPlateTest, APortThatSaysNothingIsNotTakenForAPlate) {
  SerialDriver driver(temp_.root(), {});
  auto plate = driver.open_serial(emulator_.path() + ",header_ms=100");
  ASSERT_FALSE(plate.ok());
  EXPECT_THAT(plate.error().message, HasSubstr("nothing arrived"));
}

}  // namespace
}  // namespace stance::serial::test
