// What the host's calibration tools need from the simulator: an empty plate, a still known mass
// moved between recordings, and an aged plate whose true zero and sensitivities are off the
// factory calibration by a known amount.
#include <gtest/gtest.h>

#include <cmath>

#include "core/calibration.hpp"
#include "core/units.hpp"
#include "sim_test_util.hpp"
#include "simulated/sim_options.hpp"

namespace stance::sim {
namespace {

using test::calibrate;
using test::mean;
using test::open_plate;
using test::sd;
using test::stream_for;

TEST(SimulatedLoads, EmptyPlateReadsZeroAndAMassReadsItsWeightWhereItStands) {
  auto empty = open_plate("realtime=0,load=none");
  const auto none = calibrate(*empty, stream_for(*empty, 1.0).frames);
  EXPECT_NEAR(mean(none.fz_n), 0.0, 0.5);

  auto plate = open_plate("realtime=0,load=mass,mass=20,mass_at_mm=-100:-200;120:180");
  for (const auto& at : {std::array{-0.100, -0.200}, std::array{0.120, 0.180},
                         std::array{-0.100, -0.200}}) {  // the list cycles
    const auto c = calibrate(*plate, stream_for(*plate, 1.0).frames);
    EXPECT_NEAR(mean(c.fz_n), 20.0 * kStandardGravity_m_s2, 0.2);
    EXPECT_LT(sd(c.fz_n), 1.0);  // a mass does not sway
    EXPECT_NEAR(mean(c.cop_ml_m), at[0], 0.0005);
    EXPECT_NEAR(mean(c.cop_ap_m), at[1], 0.0005);
  }
}

TEST(SimulatedLoads, AgedPlateIsOffByItsTruthAndTheTruthCorrectsIt) {
  auto plate = open_plate("realtime=0,load=mass,mass=20,zero_drift_counts=5000,gain_error_pct=4");
  const PlateModel& model = plate->plate_model();
  const auto frames = stream_for(*plate, 1.0).frames;
  const double weight_n = 20.0 * kStandardGravity_m_s2;

  // With the factory calibration the plate is off: 5000 counts at ~1 mN each is ~5 N per cell.
  const double factory_error_n = mean(calibrate(*plate, frames).fz_n) - weight_n;
  EXPECT_GT(std::abs(factory_error_n), 1.0);

  Tare truth;
  truth.applied = true;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(std::abs(model.zero_drift_counts(i)), 5000.0);
    EXPECT_NEAR(model.true_gain_factor(i), 1.0, 0.04);
    truth.zero_counts[i] = plate->calibration().zero_counts[i] + model.zero_drift_counts(i);
    truth.gain_correction[i] = model.true_gain_factor(i);
  }
  const CountsCalibrator corrected(plate->info(), plate->calibration(), truth);
  double sum_fz = 0.0;
  for (const RawFrame& f : frames) sum_fz += corrected.to_wrench(f.counts).fz_n;
  EXPECT_NEAR(sum_fz / static_cast<double>(frames.size()), weight_n, 0.05);
}

TEST(SimulatedLoads, OptionsAreCheckedWithClearErrors) {
  EXPECT_FALSE(parse_sim_options("load=table"));
  EXPECT_FALSE(parse_sim_options("mass_at_mm=0:0"));  // needs load=mass
  EXPECT_FALSE(parse_sim_options("load=mass,mass_at_mm=0;0"));
  EXPECT_FALSE(parse_sim_options("load=mass,mass_at_mm=0:300"));  // off the plate
  EXPECT_FALSE(parse_sim_options("mass=5"));                      // a person of 5 kg
  EXPECT_FALSE(parse_sim_options("gain_error_pct=30"));
  const auto mass = parse_sim_options("load=mass,mass=5,mass_at_mm=0:0;-150:250");
  ASSERT_TRUE(mass) << mass.error().message;
  ASSERT_EQ(mass->mass_positions_m.size(), 2u);
  EXPECT_DOUBLE_EQ(mass->mass_positions_m[1][1], 0.250);
  const auto error = parse_sim_options("load=mass,mass_at_mm=1:2:3");
  ASSERT_FALSE(error);
  EXPECT_NE(error.error().message.find("mass_at_mm"), std::string::npos);
}

}  // namespace
}  // namespace stance::sim
