// The board's reports on Stance's uniform grid, without a board: held values, timing, gaps.
#include <gtest/gtest.h>
#include <linux/input-event-codes.h>

#include "wii_board/board_model.hpp"
#include "wii_board/board_reports.hpp"
#include "wii_board/uniform_grid.hpp"

namespace stance::wii {
namespace {

BoardReport at(double t_s, std::int32_t grams_each) {
  return BoardReport{t_s, {grams_each, grams_each, grams_each, grams_each}};
}

TEST(WiiReports, OnlyChangedCornersAreSentAndTheOthersKeepTheirValue) {
  BoardReports r;
  EXPECT_FALSE(r.on_event(EV_ABS, ABS_HAT0X, 100, 1.0));  // top right
  EXPECT_FALSE(r.on_event(EV_ABS, ABS_HAT1Y, 250, 1.0));  // bottom left
  auto first = r.on_event(EV_SYN, SYN_REPORT, 0, 1.0);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->g[2], 1000);  // front-right, grams
  EXPECT_EQ(first->g[0], 2500);  // rear-left
  (void)r.on_event(EV_ABS, ABS_HAT0X, 120, 1.01);
  auto second = r.on_event(EV_SYN, SYN_REPORT, 0, 1.01);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->g[2], 1200);
  EXPECT_EQ(second->g[0], 2500);  // not sent again: kept
  (void)r.on_event(EV_SYN, SYN_DROPPED, 0, 1.02);
  EXPECT_EQ(r.dropped(), 1u);
  EXPECT_EQ(r.reports(), 2u);
}

TEST(WiiGrid, EachSampleIsTheLastReportAtOrBeforeIt) {
  UniformGrid grid(100, 0.1, 98);
  std::vector<RawFrame> frames;
  // Irregular: 7, 13, 9, 21, 5 ms apart.
  const double times[] = {10.000, 10.007, 10.020, 10.029, 10.050, 10.055, 10.071};
  for (int i = 0; i < 7; ++i) grid.on_report(at(times[i], 1000 * (i + 1)), frames);
  // Samples at 10.00 … 10.07, each before the last report (10.08 needs a later one or a hold).
  ASSERT_EQ(frames.size(), 8u);
  const std::int32_t expected[] = {1000, 2000, 3000, 4000, 4000, 5000, 6000, 6000};
  for (std::size_t k = 0; k < frames.size(); ++k) {
    EXPECT_EQ(frames[k].seq, k);
    EXPECT_EQ(frames[k].counts[0], expected[k]) << k;
    EXPECT_EQ(frames[k].t_us, k * 10000u);
  }
  grid.hold_until(10.0801, frames);
  ASSERT_EQ(frames.size(), 9u);
  EXPECT_EQ(frames[8].counts[0], 7000);
}

TEST(WiiGrid, TheReportsTimingIsMeasured) {
  UniformGrid grid(100, 0.1, 98);
  std::vector<RawFrame> frames;
  double t = 5.0;
  for (int i = 0; i < 201; ++i) {
    grid.on_report(at(t, 500), frames);
    t += i % 2 == 0 ? 0.008 : 0.012;  // 8 and 12 ms: mean 10, SD 2
  }
  const ReportTiming& timing = grid.timing();
  EXPECT_EQ(timing.reports, 201u);
  EXPECT_NEAR(timing.mean_interval_ms, 10.0, 1e-6);
  EXPECT_NEAR(timing.jitter_sd_ms, 2.0, 0.01);
  EXPECT_NEAR(timing.max_interval_ms, 12.0, 1e-6);
  EXPECT_NEAR(timing.effective_rate_hz, 100.0, 1e-6);
  EXPECT_EQ(timing.gaps, 0u);
}

TEST(WiiGrid, SilenceWhileSomeoneStandsIsAGapButAnEmptyBoardIsHeld) {
  std::vector<RawFrame> frames;
  UniformGrid loaded(100, 0.1, 98);
  loaded.on_report(at(1.0, 20000), frames);  // 80 kg
  loaded.hold_until(1.5, frames);            // too long to hold: nothing invented
  loaded.on_report(at(1.5, 20000), frames);
  EXPECT_EQ(loaded.timing().gaps, 1u);
  EXPECT_EQ(loaded.frames_given(), 1u);  // the sample at 1.00 only
  EXPECT_EQ(loaded.frames_lost(), 49u);
  EXPECT_EQ(frames.back().seq, 0u);

  frames.clear();
  UniformGrid empty(100, 0.1, 98);
  empty.on_report(at(1.0, 0), frames);
  empty.hold_until(1.5, frames);
  EXPECT_EQ(empty.frames_given(), 50u);
  EXPECT_EQ(empty.frames_lost(), 0u);
}

TEST(WiiGrid, AfterDroppedEventsTheSamplesUntilTheNextReportAreLost) {
  std::vector<RawFrame> frames;
  UniformGrid grid(100, 0.1, 98);
  grid.on_report(at(2.0, 0), frames);
  grid.on_report(at(2.01, 0), frames);
  grid.mark_dropped();
  grid.on_report(at(2.05, 0), frames);
  EXPECT_EQ(grid.timing().gaps, 1u);
  EXPECT_EQ(grid.frames_lost(), 3u);  // 2.02, 2.03, 2.04
  EXPECT_EQ(frames.size(), 2u);
}

TEST(WiiBoardModel, TheSensorsSitAtTheBoardsSpacingInStancesOrder) {
  const PlateInfo info = board_info("00:19:1d:00:00:01", 100);
  EXPECT_NEAR(info.cells[2].x_m - info.cells[0].x_m, 0.433, 1e-12);  // front-right − rear-left
  EXPECT_NEAR(info.cells[2].y_m - info.cells[0].y_m, 0.238, 1e-12);
  EXPECT_EQ(*channel_of_axis(ABS_HAT0X), 2);  // top right = front-right
  EXPECT_EQ(*channel_of_axis(ABS_HAT1Y), 0);  // bottom left = rear-left
  EXPECT_NEAR(board_calibration(0).gain_n_per_count[0] * 1000, 9.80665, 1e-5);
}

}  // namespace
}  // namespace stance::wii
