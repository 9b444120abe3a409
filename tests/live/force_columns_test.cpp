#include "live/force_columns.hpp"

#include <gtest/gtest.h>

namespace stance::live {
namespace {

TEST(ForceColumns, KeepsEveryExtremeOfTheLastWindowInFixedColumns) {
  ForceColumns columns(1.0, 10);  // 0.1 s per column
  for (int i = 0; i < 3000; ++i) {
    const double t = i / 1000.0;
    columns.add(t, i == 2950 ? 900.0 : (i == 2951 ? -5.0 : 700.0));  // a one-sample spike
  }
  const auto c = columns.copy();
  ASSERT_GE(c.size(), 10u);
  ASSERT_LE(c.size(), 11u);
  EXPECT_GE(c.front().t_s, 1.9 - 1e-9);
  EXPECT_FLOAT_EQ(c.back().max_n, 900.0f);  // not lost to decimation
  EXPECT_FLOAT_EQ(c.back().min_n, -5.0f);
  EXPECT_FLOAT_EQ(c.front().max_n, 700.0f);
  for (std::size_t i = 1; i < c.size(); ++i) EXPECT_NEAR(c[i].t_s - c[i - 1].t_s, 0.1, 1e-9);
}

}  // namespace
}  // namespace stance::live
