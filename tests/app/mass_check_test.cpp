// The device view's guided tare and known-mass check, without a window, on the simulated plate:
// the steps run off the UI thread with the live plate closed, the result is saved for the
// plate's serial, and an aged plate fails the check.
#include "app/mass_check.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "services/data_dirs.hpp"
#include "services/drivers.hpp"
#include "temp_dir.hpp"

namespace stance::app {
namespace {

using namespace std::chrono_literals;

class MassCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("XDG_DATA_HOME", dir_.root().c_str(), 1);
    register_all_drivers(drivers_);
  }
  void finish(MassCheck& c, LiveSource& source) {
    for (int i = 0; i < 30000 && c.busy(); ++i) {  // at most a minute
      c.poll(source);
      std::this_thread::sleep_for(2ms);
    }
    ASSERT_FALSE(c.busy());
  }
  test::TempDir dir_{"stance-mass-check"};
  DriverRegistry drivers_;
};

TEST_F(MassCheckTest, TareThenAKnownMassOnAGoodPlatePasses) {
  LiveSource source(drivers_, "sim:realtime=0");
  ASSERT_TRUE(source.idle());
  MassCheck c;
  c.mass_kg = 20.0;
  c.position_known = true;
  c.at_x_mm = 50.0;
  c.at_y_mm = -100.0;
  c.start_tare(source);
  EXPECT_TRUE(c.busy());
  EXPECT_EQ(source.current(), nullptr);  // the live plate is closed while the step records
  finish(c, source);
  ASSERT_EQ(c.stage(), MassCheck::Stage::kPlaceMass) << c.message();
  ASSERT_TRUE(c.tare());
  EXPECT_LT(std::abs(c.tare()->load_on_old_zero_n), 50.0);
  EXPECT_NE(source.current(), nullptr);  // and reopened after it
  c.start_check(source);
  finish(c, source);
  ASSERT_EQ(c.stage(), MassCheck::Stage::kDone) << c.message();
  ASSERT_TRUE(c.check());
  EXPECT_TRUE(c.check()->passed) << c.message();
  EXPECT_NEAR(c.check()->expected_fz_n, 20.0 * 9.80665, 0.01);
  EXPECT_TRUE(c.check()->position_known);
  EXPECT_LT(c.check()->cop_error_mm, 5.0);
  EXPECT_FALSE(c.failed());
  // Saved for the plate's serial: the next recording uses the new zero and the check.
  const auto saved = plate_adjustments_dir() / "SIM-0001.adjustment";
  ASSERT_TRUE(std::filesystem::exists(saved)) << c.message();
  EXPECT_NE(c.message().find(saved.string()), std::string::npos) << c.message();
}

TEST_F(MassCheckTest, AnAgedPlateFailsTheCheckWithGuidance) {
  LiveSource source(drivers_, "sim:realtime=0,gain_error_pct=6,seed=4");
  MassCheck c;
  c.mass_kg = 40.0;
  c.skip_tare();
  c.start_check(source);
  finish(c, source);
  ASSERT_TRUE(c.check()) << c.message();
  EXPECT_FALSE(c.check()->passed);
  EXPECT_TRUE(c.failed());
  EXPECT_GT(std::abs(c.check()->fz_error_n), 5.0);
}

TEST_F(MassCheckTest, EachStepGetsItsSimulatedLoadAndRestartKeepsTheMass) {
  // (A real plate keeps its address at every step; a load on it refuses the tare, which the
  // calibrate command's tests check through the same tare_step.)
  LiveSource source(drivers_, "sim:realtime=0");
  EXPECT_EQ(MassCheck::step_address(source, false, 20, std::nullopt), "sim:realtime=0,load=none");
  EXPECT_EQ(MassCheck::step_address(source, true, 20, CellPosition{0.1, -0.05}),
            "sim:realtime=0,load=mass,mass=20.0,mass_at_mm=100.0:-50.0");
  MassCheck c;
  c.mass_kg = 20.0;
  c.skip_tare();
  c.start_check(source);  // the mass stays on
  finish(c, source);
  ASSERT_EQ(c.stage(), MassCheck::Stage::kDone);
  c.restart();
  EXPECT_EQ(c.stage(), MassCheck::Stage::kTare);
  EXPECT_EQ(c.mass_kg, 20.0);  // kept for the next round
}

}  // namespace
}  // namespace stance::app
