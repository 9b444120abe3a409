#include "app/script.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "app/plot.hpp"

namespace stance::app {
namespace {

TEST(Script, ParsesCommandsAndSaysWhichLineIsWrong) {
  const auto ok =
      parse_script("# a session\npatient PFP-1\n\nwait recording 30  # seconds\nquit\n");
  ASSERT_TRUE(ok) << ok.error().message;
  ASSERT_EQ(ok->size(), 3u);
  EXPECT_EQ((*ok)[1].verb, "wait");
  EXPECT_EQ((*ok)[1].args.size(), 2u);
  EXPECT_EQ((*ok)[1].line, 4);

  const auto unknown = parse_script("patient A\njump 3\n");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("line 2"), std::string::npos);
  EXPECT_NE(unknown.error().message.find("jump"), std::string::npos);
  EXPECT_FALSE(parse_script("frames many\n"));
  EXPECT_FALSE(parse_script("wait done soon\n"));
  EXPECT_FALSE(parse_script("screenshot\n"));
}

TEST(Script, ParsesTheSetupViewsPatientAndProtocolCommands) {
  const auto ok = parse_script(
      "search Łucja Ősz\nexpect_matches 1\nnew_patient KNE-2\nedit_patient name Łucja Ősz\n"
      "save_patient\nadd_protocol squat-3x4 squat 60 3 open 4\nexpect_protocol squat-3x4\n");
  ASSERT_TRUE(ok) << ok.error().message;
  ASSERT_EQ(ok->size(), 7u);
  EXPECT_EQ((*ok)[0].args.size(), 2u);
  EXPECT_EQ((*ok)[3].args.size(), 3u);
  EXPECT_FALSE(parse_script("expect_matches some\n"));
  EXPECT_FALSE(parse_script("edit_patient mass\n"));
  EXPECT_FALSE(parse_script("add_protocol p squat long 3 open\n"));  // seconds: a number
  EXPECT_FALSE(parse_script("add_protocol p squat 60 3 open many\n"));
  EXPECT_FALSE(parse_script("add_protocol p squat 60 3\n"));
}

TEST(PlotTicks, AreNiceAndCoverTheRange) {
  const auto t = nice_ticks(-3.2, 47.0, 5);
  ASSERT_FALSE(t.empty());
  EXPECT_DOUBLE_EQ(t.front(), 0.0);
  EXPECT_DOUBLE_EQ(t[1] - t[0], 10.0);
  EXPECT_DOUBLE_EQ(t.back(), 40.0);
  const auto small = nice_ticks(0.0, 0.9, 4);
  EXPECT_DOUBLE_EQ(small[1] - small[0], 0.2);
  EXPECT_TRUE(nice_ticks(1.0, 1.0, 4).empty());
}

// Issue 16: the force axis follows the signal, so a squat's swing is not flat on 0-1000 N.
TEST(PlotRange, ShowsTheSignalsOwnVariation) {
  const auto [lo, hi] = signal_range(560.0, 840.0, 100.0);  // a 700 N person squatting
  EXPECT_DOUBLE_EQ(lo, 532.0);
  EXPECT_DOUBLE_EQ(hi, 868.0);
  const auto [step_lo, step_hi] = signal_range(5.0, 700.0, 100.0);  // stepping on: from 0
  EXPECT_DOUBLE_EQ(step_lo, 0.0);
  EXPECT_GT(step_hi, 700.0);
  const auto [still_lo, still_hi] = signal_range(699.0, 701.0, 100.0);  // standing still
  EXPECT_NEAR(still_hi - still_lo, 120.0, 1e-9);
  const auto [none_lo, none_hi] = signal_range(INFINITY, -INFINITY, 100.0);  // no samples
  EXPECT_DOUBLE_EQ(none_lo, 0.0);
  EXPECT_DOUBLE_EQ(none_hi, 100.0);
}

}  // namespace
}  // namespace stance::app
