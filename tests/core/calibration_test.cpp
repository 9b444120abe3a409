// Counts to loads through the factory calibration and the tare, both layouts.
#include "core/calibration.hpp"

#include <gtest/gtest.h>

namespace stance {
namespace {

PlateInfo four_cell_plate() {
  PlateInfo info;
  info.layout = PlateLayout::kFourCell;
  info.cells = {{{-0.2, -0.3}, {0.2, -0.3}, {0.2, 0.3}, {-0.2, 0.3}}};
  return info;
}

TEST(Calibration, FourCellGainAndZero) {
  Calibration cal;
  cal.gain_n_per_count = {0.01f, 0.02f, 0.01f, 0.02f};
  cal.zero_counts = {1000, -500, 0, 200, 0, 0};
  const CountsCalibrator c(four_cell_plate(), cal, Tare{});
  // Cell forces: 0.01·(11000−1000)=100, 0.02·(4500+500)=100, 0.01·30000=300, 0.02·(15200−200)=300
  const Wrench w = c.to_wrench({11000, 4500, 30000, 15200, 0, 0});
  EXPECT_NEAR(w.fz_n, 800, 1e-4);
  const CopPoint p = c.cop(w);
  // x = (−0.2·100 + 0.2·100 + 0.2·300 − 0.2·300)/800 = 0; y = 0.3·(−200 + 600)/800 = 0.15
  EXPECT_NEAR(p.ml_m, 0.0, 1e-7);
  EXPECT_NEAR(p.ap_m, 0.15, 1e-7);
}

TEST(Calibration, TareReplacesTheFactoryZero) {
  Calibration cal;
  cal.gain_n_per_count = {0.01f, 0.01f, 0.01f, 0.01f};
  cal.zero_counts = {0, 0, 0, 0, 0, 0};
  Tare tare;
  tare.applied = true;
  tare.zero_counts = {100, 100, 100, 100, 0, 0};
  const CountsCalibrator c(four_cell_plate(), cal, tare);
  EXPECT_NEAR(c.to_wrench({100, 100, 100, 100, 0, 0}).fz_n, 0.0, 1e-9);
  EXPECT_DOUBLE_EQ(c.zero_counts(0), 100);
}

TEST(Calibration, SixComponentMatrixWithCrossTalk) {
  PlateInfo info;
  info.layout = PlateLayout::kSixComponent;
  info.origin_dz_m = 0.04;
  Calibration cal;
  for (int i = 0; i < 6; ++i) cal.matrix[i * 6 + i] = 0.5f;
  cal.matrix[2 * 6 + 0] = 0.25f;  // Fz picks up a quarter of channel 0
  cal.zero_counts = {10, 10, 10, 10, 10, 10};
  const CountsCalibrator c(info, cal, Tare{});
  const Wrench w = c.to_wrench({50, 10, 1410, 38, -60, 10});
  EXPECT_NEAR(w.fx_n, 20, 1e-9);
  EXPECT_NEAR(w.fy_n, 0, 1e-9);
  EXPECT_NEAR(w.fz_n, 0.5 * 1400 + 0.25 * 40, 1e-9);
  EXPECT_NEAR(w.mx_nm, 14, 1e-9);
  EXPECT_NEAR(w.my_nm, -35, 1e-9);
  const CopPoint p = c.cop(w);
  EXPECT_NEAR(p.ml_m, -(-35 + 0.04 * 20) / 710.0, 1e-9);
  EXPECT_NEAR(p.ap_m, 14 / 710.0, 1e-9);
}

}  // namespace
}  // namespace stance
