// `stance calibrate` on an aged simulated plate whose true zero drift and cell gains are known:
// the tare and the gain correction must recover that truth, be saved per serial, and be used and
// kept by every later recording.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_fixture.hpp"
#include "recording/plate_adjustment_file.hpp"
#include "recording/trial_file.hpp"
#include "simulated/simulated_plate.hpp"

namespace stance::cli {
namespace {

namespace fs = std::filesystem;

const std::string kAged = "sim:realtime=0,seed=7,zero_drift_counts=8000,gain_error_pct=4";
const std::string kMassAt50_100 = kAged + ",load=mass,mass=20,cop_ml_mm=50,cop_ap_mm=100";
const std::string kCorners = "-120:-220;120:-220;120:220;-120:220;0:0";

fs::path adjustment_file(const fs::path& data_home, const std::string& serial) {
  return plate_adjustment_path(data_home / "stance" / "plates", serial);
}

TEST_F(CliTest, CalibrateRecoversTheAgedPlatesTruthAndRecordingsUseIt) {
  const CliRun before = stance(
      {"calibrate", "check", "--device", kMassAt50_100, "--mass-kg", "20", "--at", "50,100"});
  EXPECT_EQ(before.code, kExitFailed);
  EXPECT_NE(before.out.find("Check FAILED"), std::string::npos) << before.out;

  const CliRun loaded = stance({"calibrate", "tare", "--device", kAged});  // a person stands on it
  EXPECT_EQ(loaded.code, kExitFailed);
  EXPECT_NE(loaded.err.find("clear the plate"), std::string::npos) << loaded.err;

  const CliRun tare = stance({"calibrate", "tare", "--device", kAged + ",load=none"});
  ASSERT_EQ(tare.code, kExitOk) << tare.err;
  std::string mass_at_corners = kAged + ",load=mass,mass=20,mass_at_mm=" + kCorners;
  const CliRun gains =
      stance({"calibrate", "gains", "--no-prompt", "--device", mass_at_corners, "--mass-kg", "20",
              "--at", "-120,-220;120,-220;120,220;-120,220;0,0"});
  ASSERT_EQ(gains.code, kExitOk) << gains.err;
  const CliRun after = stance(
      {"calibrate", "check", "--device", kMassAt50_100, "--mass-kg", "20", "--at", "50,100"});
  EXPECT_EQ(after.code, kExitOk) << after.err;
  EXPECT_NE(after.out.find("Check passed"), std::string::npos) << after.out;

  // The saved adjustment is the plate's truth: the drifted zero and the true cell sensitivities.
  const auto options = sim::parse_sim_options(kAged.substr(4));
  ASSERT_TRUE(options);
  const sim::SimulatedPlate truth(*options);
  const auto saved =
      load_plate_adjustment(dir_ / "stance" / "plates", "SIM-0007", PlateLayout::kFourCell);
  ASSERT_TRUE(saved) << saved.error().message;
  ASSERT_TRUE(saved->tare.applied);
  for (int i = 0; i < 4; ++i) {
    const double true_zero =
        truth.calibration().zero_counts[i] + truth.plate_model().zero_drift_counts(i);
    EXPECT_NEAR(saved->tare.zero_counts[i], true_zero, 10.0) << i;  // noise 100 counts / √2000
    EXPECT_NEAR(saved->tare.gain_correction[i], truth.plate_model().true_gain_factor(i), 0.002)
        << i;
  }
  EXPECT_NEAR(saved->tare.last_check.fz_error_n, 0.0, 0.5);

  // A recording from that plate uses the adjustment and keeps a copy of it.
  const fs::path trial = dir_ / "trial.stance";
  const CliRun rec =
      stance({"record", "--device", kAged, "--seconds", "2", "--out", trial.string()});
  ASSERT_EQ(rec.code, kExitOk) << rec.err;
  EXPECT_NE(rec.out.find("Calibration: tare of"), std::string::npos) << rec.out;
  const auto written = read_trial_file(trial);
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(written->tare.zero_counts, saved->tare.zero_counts);
  EXPECT_EQ(written->tare.gain_correction, saved->tare.gain_correction);

  // Another plate (another serial) is not affected.
  const CliRun other = stance({"calibrate", "show", "--device", "sim:seed=8"});
  EXPECT_NE(other.out.find("factory calibration"), std::string::npos) << other.out;
}

TEST_F(CliTest, DamagedAdjustmentStopsRecordingUntilRetaredOrReset) {
  ASSERT_EQ(stance({"calibrate", "tare", "--device", "sim:realtime=0,load=none"}).code, kExitOk);
  const fs::path file = adjustment_file(dir_, "SIM-0001");
  std::ofstream(file, std::ios::trunc) << "format = stance.plate-adjustment/1\nserial = SIM-0001\n";
  const std::string out = (dir_ / "t.stance").string();
  const CliRun rec =
      stance({"record", "--device", "sim:realtime=0", "--seconds", "1", "--out", out});
  EXPECT_EQ(rec.code, kExitFailed);
  EXPECT_TRUE(one_line(rec.err)) << rec.err;
  EXPECT_NE(rec.err.find(file.string()), std::string::npos) << rec.err;
  EXPECT_FALSE(fs::exists(out));

  const CliRun reset = stance({"calibrate", "reset", "--device", "sim:realtime=0"});
  ASSERT_EQ(reset.code, kExitOk) << reset.err;
  EXPECT_FALSE(fs::exists(file));
  EXPECT_EQ(stance({"record", "--device", "sim:realtime=0", "--seconds", "1", "--out", out}).code,
            kExitOk);
}

TEST_F(CliTest, CalibrateRefusesWhatItCannotDoWithAReason) {
  EXPECT_EQ(stance({"calibrate", "level", "--device", "sim"}).code, kExitUsage);
  EXPECT_EQ(stance({"calibrate", "check", "--device", "sim"}).code, kExitUsage);  // no mass
  EXPECT_EQ(stance({"calibrate", "tare"}).code, kExitUsage);                      // no device

  const CliRun six = stance({"calibrate", "gains", "--no-prompt", "--device",
                             "sim:realtime=0,layout=2,load=mass,mass=20,mass_at_mm=0:0;100:0;0:100",
                             "--mass-kg", "20", "--at", "0,0;100,0;0,100"});
  EXPECT_EQ(six.code, kExitFailed);
  EXPECT_NE(six.err.find("four-cell"), std::string::npos) << six.err;

  const CliRun two = stance({"calibrate", "gains", "--no-prompt", "--device",
                             "sim:realtime=0,load=mass,mass=20,mass_at_mm=0:0;100:0", "--mass-kg",
                             "20", "--at", "0,0;100,0"});
  EXPECT_EQ(two.code, kExitUsage);  // a value --at cannot take: wrong usage
  EXPECT_NE(two.err.find("at least 3 positions"), std::string::npos) << two.err;

  const CliRun position = stance({"calibrate", "check", "--device", "sim:realtime=0,load=mass",
                                  "--mass-kg", "20", "--at", "50;100"});
  EXPECT_EQ(position.code, kExitUsage);
  EXPECT_NE(position.err.find("x,y in mm"), std::string::npos) << position.err;
}

}  // namespace
}  // namespace stance::cli
