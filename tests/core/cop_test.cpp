// COP maths of both layouts against hand-computed cases.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/wrench.hpp"

namespace stance {
namespace {

const std::array<CellPosition, 4> kCells{{{-0.2, -0.3}, {0.2, -0.3}, {0.2, 0.3}, {-0.2, 0.3}}};

TEST(CopFourCell, EqualLoadsGiveTheCentre) {
  const Wrench w = wrench_from_cells({175, 175, 175, 175}, kCells);
  EXPECT_DOUBLE_EQ(w.fz_n, 700);
  const CopPoint p = cop_from_wrench(w, 0.0);
  ASSERT_TRUE(p.valid);
  EXPECT_NEAR(p.ml_m, 0.0, 1e-12);
  EXPECT_NEAR(p.ap_m, 0.0, 1e-12);
}

TEST(CopFourCell, AllLoadOnOneCellGivesThatCell) {
  const CopPoint p = cop_from_wrench(wrench_from_cells({0, 0, 500, 0}, kCells), 0.0);
  ASSERT_TRUE(p.valid);
  EXPECT_NEAR(p.ml_m, 0.2, 1e-12);
  EXPECT_NEAR(p.ap_m, 0.3, 1e-12);
}

TEST(CopFourCell, HandComputedAsymmetricLoad) {
  // Fz = 100+200+300+400 = 1000 N.
  // x = (−0.2·100 + 0.2·200 + 0.2·300 − 0.2·400) / 1000 = 0.0 m
  // y = (−0.3·100 − 0.3·200 + 0.3·300 + 0.3·400) / 1000 = 0.12 m
  const CopPoint p = cop_from_wrench(wrench_from_cells({100, 200, 300, 400}, kCells), 0.0);
  EXPECT_NEAR(p.ml_m, 0.0, 1e-12);
  EXPECT_NEAR(p.ap_m, 0.12, 1e-12);
}

TEST(CopSixComponent, HandComputedWithOriginDepth) {
  // x = −(My + dz·Fx)/Fz = −(−35 + 0.04·20)/700 = 34.2/700
  // y = (Mx − dz·Fy)/Fz = (14 − 0.04·(−10))/700 = 14.4/700
  const Wrench w{20, -10, 700, 14, -35, 1};
  const CopPoint p = cop_from_wrench(w, 0.04);
  ASSERT_TRUE(p.valid);
  EXPECT_NEAR(p.ml_m, 34.2 / 700, 1e-12);
  EXPECT_NEAR(p.ap_m, 14.4 / 700, 1e-12);
}

TEST(CopSixComponent, ZeroDepthIsTheMomentRatio) {
  const CopPoint p = cop_from_wrench(Wrench{5, 5, 500, 10, 25, 0}, 0.0);
  EXPECT_NEAR(p.ml_m, -0.05, 1e-12);
  EXPECT_NEAR(p.ap_m, 0.02, 1e-12);
}

TEST(CopSmallLoad, FlaggedInvalidNeverNanOrInf) {
  for (double fz : {0.0, 1e-300, -1e-300, 5.0, -5.0, 9.999}) {
    const CopPoint p = cop_from_wrench(Wrench{1, 1, fz, 3, 4, 0}, 0.04);
    EXPECT_FALSE(p.valid) << "fz " << fz;
    EXPECT_EQ(p.ml_m, 0.0);
    EXPECT_EQ(p.ap_m, 0.0);
  }
  const CopPoint p4 = cop_from_wrench(wrench_from_cells({0, 0, 0, 1e-12}, kCells), 0.0);
  EXPECT_FALSE(p4.valid);
  EXPECT_TRUE(std::isfinite(p4.ml_m) && std::isfinite(p4.ap_m));
}

TEST(CopSmallLoad, NanOrInfiniteLoadIsInvalid) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_FALSE(cop_from_wrench(Wrench{0, 0, nan, 0, 0, 0}, 0).valid);
  EXPECT_FALSE(cop_from_wrench(Wrench{0, 0, 700, nan, 0, 0}, 0).valid);
  EXPECT_FALSE(cop_from_wrench(Wrench{0, 0, inf, 1, 1, 0}, 0).valid);
}

TEST(CopSmallLoad, ThresholdIsConfigurable) {
  const Wrench w{0, 0, 15, 0.15, 0, 0};
  EXPECT_TRUE(cop_from_wrench(w, 0, 10).valid);
  EXPECT_FALSE(cop_from_wrench(w, 0, 20).valid);
}

}  // namespace
}  // namespace stance
