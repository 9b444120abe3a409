// The simulated plate's hardware alone: a realistic factory calibration for both layouts, counts
// that the real calibration path (CountsCalibrator) turns back into the load, ADC noise, clipping.
#include "simulated/plate_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/calibration.hpp"
#include "sim_test_util.hpp"
#include "spp_wire/spp_wire.hpp"

namespace stance::sim {
namespace {

PlateParams params(PlateLayout layout, double noise_counts, std::uint64_t seed = 1) {
  PlateParams p;
  p.layout = layout;
  p.seed = seed;
  p.noise_counts = noise_counts;
  return p;
}

std::array<std::int32_t, kMaxChannels> converted(const PlateModel& plate, const SurfaceLoad& load,
                                                 std::mt19937_64& rng) {
  return plate.convert(plate.wrench_for(load), rng).counts;
}

TEST(PlateModel, FourCellCalibrationIsRealisticAndSurvivesTheWire) {
  const PlateModel plate(params(PlateLayout::kFourCell, 100.0));
  const PlateInfo& info = plate.info();
  EXPECT_EQ(info.layout, PlateLayout::kFourCell);
  EXPECT_EQ(info.adc_bits, 24);
  EXPECT_EQ(plate.full_scale_counts(), 8388607);
  EXPECT_DOUBLE_EQ(info.capacity_n, 2000.0);
  for (int i = 0; i < 4; ++i) {
    const auto idx = static_cast<std::size_t>(i);
    EXPECT_NEAR(plate.calibration().gain_n_per_count[idx], 1.0e-3, 0.031e-3);
    EXPECT_GE(std::abs(plate.calibration().zero_counts[idx]), 1500);
    EXPECT_LE(std::abs(plate.calibration().zero_counts[idx]), 6000);
    EXPECT_DOUBLE_EQ(std::abs(info.cells[idx].x_m), 0.17);
    EXPECT_DOUBLE_EQ(std::abs(info.cells[idx].y_m), 0.27);
  }
  // The info and calibration blocks go through their SPP encodings unchanged.
  const auto info_back = spp::decode_info(spp::encode_info(info));
  ASSERT_TRUE(info_back) << info_back.error().message;
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(info_back->cells[i].x_m, info.cells[i].x_m);
    EXPECT_DOUBLE_EQ(info_back->cells[i].y_m, info.cells[i].y_m);
  }
  const auto cal_back = spp::decode_calibration(
      info.layout, spp::encode_calibration(info.layout, plate.calibration()));
  ASSERT_TRUE(cal_back) << cal_back.error().message;
  EXPECT_EQ(cal_back->gain_n_per_count, plate.calibration().gain_n_per_count);
  EXPECT_EQ(cal_back->zero_counts, plate.calibration().zero_counts);
}

TEST(PlateModel, SixComponentMatrixHasSmallCrossTalkAndSurvivesTheWire) {
  const PlateModel plate(params(PlateLayout::kSixComponent, 100.0));
  const PlateInfo& info = plate.info();
  EXPECT_EQ(plate.channel_count(), 6);
  EXPECT_DOUBLE_EQ(info.origin_dz_m, 0.040);
  EXPECT_DOUBLE_EQ(info.capacity_n, 4000.0);
  const auto& m = plate.calibration().matrix;
  for (int r = 0; r < 6; ++r) {
    const double diag = m[static_cast<std::size_t>(r * 7)];
    EXPECT_GT(diag, 0.0);
    for (int c = 0; c < 6; ++c) {
      if (c != r) {
        EXPECT_LE(std::abs(m[static_cast<std::size_t>(r * 6 + c)]), 0.0105 * diag);
      }
    }
  }
  const auto info_back = spp::decode_info(spp::encode_info(info));
  ASSERT_TRUE(info_back) << info_back.error().message;
  EXPECT_NEAR(info_back->origin_dz_m, 0.040, 1e-9);
  const auto cal_back = spp::decode_calibration(
      info.layout, spp::encode_calibration(info.layout, plate.calibration()));
  ASSERT_TRUE(cal_back) << cal_back.error().message;
  EXPECT_EQ(cal_back->matrix, plate.calibration().matrix);
  EXPECT_EQ(cal_back->zero_counts, plate.calibration().zero_counts);
}

TEST(PlateModel, SeedChangesTheCalibrationDeterministically) {
  const PlateModel a(params(PlateLayout::kSixComponent, 100.0, 5));
  const PlateModel b(params(PlateLayout::kSixComponent, 100.0, 5));
  const PlateModel c(params(PlateLayout::kSixComponent, 100.0, 6));
  EXPECT_EQ(a.calibration().matrix, b.calibration().matrix);
  EXPECT_NE(a.calibration().matrix, c.calibration().matrix);
  EXPECT_NE(a.calibration().zero_counts, c.calibration().zero_counts);
}

// Without noise, the only error left is rounding to whole counts (±0.5 count, ~0.5 mN or
// ~0.1 mN·m per channel): Fz to a few mN and the COP to ~1 mN·m / Fz (20 µm at 50 N).
TEST(PlateModel, CountsCalibratorInvertsTheNoiseFreePlateForBothLayouts) {
  for (const PlateLayout layout : {PlateLayout::kFourCell, PlateLayout::kSixComponent}) {
    const PlateModel plate(params(layout, 0.0));
    const CountsCalibrator cal(plate.info(), plate.calibration(), Tare{});
    std::mt19937_64 rng(1);
    const bool six = layout == PlateLayout::kSixComponent;
    for (const SurfaceLoad load :
         {SurfaceLoad{0, 0, 700, 0.01, -0.02, 0}, SurfaceLoad{12, -8, 1500, -0.15, 0.25, 1.5},
          SurfaceLoad{-3, 4, 50, 0.19, -0.29, -0.3}}) {
      const Wrench w = cal.to_wrench(converted(plate, load, rng));
      const CopPoint p = cal.cop(w);
      EXPECT_NEAR(w.fz_n, load.fz_n, 0.005);
      ASSERT_TRUE(p.valid);
      EXPECT_NEAR(p.ml_m, load.cop_ml_m, 1e-3 / load.fz_n);
      EXPECT_NEAR(p.ap_m, load.cop_ap_m, 1e-3 / load.fz_n);
      EXPECT_NEAR(w.fx_n, six ? load.fx_n : 0.0, 0.005);
      EXPECT_NEAR(w.fy_n, six ? load.fy_n : 0.0, 0.005);
      if (six) {
        const double expected_mz =
            load.cop_ap_m * load.fx_n - load.cop_ml_m * load.fy_n + load.free_moment_nm;
        EXPECT_NEAR(w.mz_nm, expected_mz, 0.005);
      }
    }
  }
}

TEST(PlateModel, AdcNoiseHasTheRequestedSizeAndNoBias) {
  const PlateModel plate(params(PlateLayout::kFourCell, 100.0));
  const CountsCalibrator cal(plate.info(), plate.calibration(), Tare{});
  std::mt19937_64 rng(3);
  std::vector<double> ch0;
  std::vector<double> fz;
  for (int i = 0; i < 20000; ++i) {
    const auto counts = converted(plate, SurfaceLoad{}, rng);
    ch0.push_back(counts[0] - plate.calibration().zero_counts[0]);
    fz.push_back(cal.to_wrench(counts).fz_n);
  }
  EXPECT_NEAR(test::sd(ch0), 100.0, 3.0);  // 20000 samples: SD of the SD is 0.5%
  EXPECT_NEAR(test::mean(ch0), 0.0, 3.0);  // 5 standard errors
  // Four cells of ~1 mN/count: Fz noise sqrt(4)·0.1 N = 0.2 N.
  EXPECT_NEAR(test::sd(fz), 0.2, 0.01);
}

TEST(PlateModel, ClipsAtFullScaleWithTheOverloadBit) {
  const PlateModel plate(params(PlateLayout::kFourCell, 100.0));
  std::mt19937_64 rng(4);
  // 20 kN on the front-right cell: the least-norm split puts 3/4 of it there (15 kN, past the
  // ±8.4 kN range), 1/4 on each neighbour and -1/4 on the opposite cell (both within range).
  const AdcSample big =
      plate.convert(plate.wrench_for(SurfaceLoad{0, 0, 20000, 0.17, 0.27, 0}), rng);
  EXPECT_EQ(big.counts[2], plate.full_scale_counts());
  EXPECT_EQ(big.overload_flags, 1u << 2);
  const AdcSample normal = plate.convert(plate.wrench_for(SurfaceLoad{0, 0, 700, 0, 0, 0}), rng);
  EXPECT_EQ(normal.overload_flags, 0u);
  const AdcSample forced =
      plate.convert(plate.wrench_for(SurfaceLoad{0, 0, 700, 0, 0, 0}), rng, 1u << 1);
  EXPECT_EQ(forced.counts[1], plate.full_scale_counts());
  EXPECT_EQ(forced.overload_flags, 1u << 1);
}

}  // namespace
}  // namespace stance::sim
