#include "app/settings.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"

namespace stance::app {
namespace {

TEST(DashboardSettings, RoundTripAndDamagedFilesFallBackToDefaults) {
  test::TempDir dir("stance-settings");
  const auto file = dir.path("sub/dashboard.settings");
  const auto none = load_settings(file);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->device, "sim");

  DashboardSettings s;
  s.device = "usb:SPP-0042";
  s.protocol_index = 1;
  s.auto_start = false;
  s.width = 1600;
  s.height = 1000;
  s.clinician = "K. Ngata";
  s.clinic = "Physio Nord = Lübeck";  // an '=' in a value stays in it
  s.letter_paper = true;
  ASSERT_TRUE(save_settings(file, s));
  const auto back = load_settings(file);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->device, "usb:SPP-0042");
  EXPECT_EQ(back->protocol_index, 1);
  EXPECT_FALSE(back->auto_start);
  EXPECT_EQ(back->width, 1600);
  EXPECT_EQ(back->height, 1000);
  EXPECT_EQ(back->clinician, "K. Ngata");
  EXPECT_EQ(back->clinic, "Physio Nord = Lübeck");
  EXPECT_EQ(back->clinic_logo, "");
  EXPECT_TRUE(back->letter_paper);
  EXPECT_FALSE(parse_settings("paper = a5\n"));

  dir.write("sub/dashboard.settings", "window = 10 10\n");
  const auto bad = load_settings(file);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("defaults are used"), std::string::npos);
  EXPECT_TRUE(parse_settings("future_key = 3\ndevice = sim\n"));  // newer keys are ignored
}

}  // namespace
}  // namespace stance::app
