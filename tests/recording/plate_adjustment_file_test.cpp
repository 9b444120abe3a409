// The per-plate adjustment file: exact round trip, one file per serial that cannot escape its
// folder, and a damaged or foreign file refused with what to do.
#include "recording/plate_adjustment_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "temp_dir.hpp"

namespace stance {
namespace {

using test::TempDir;

PlateAdjustment sample_adjustment(PlateLayout layout) {
  PlateAdjustment a;
  a.serial = "SPP-00042";
  a.layout = layout;
  a.tare.applied = true;
  a.tare.taken_at_unix_s = 1795000000;
  for (int i = 0; i < channel_count(layout); ++i) a.tare.zero_counts[i] = 1234.5678901234 * (i - 2);
  a.tare.gain_correction = {1.0123456789, 0.987654321, 1.0, 1.1};
  a.tare.last_check = {20.0, -0.123456789, 1.5, 1795000100};
  return a;
}

TEST(PlateAdjustmentFile, RoundTripsExactlyForBothLayouts) {
  TempDir dir;
  for (PlateLayout layout : {PlateLayout::kFourCell, PlateLayout::kSixComponent}) {
    const PlateAdjustment a = sample_adjustment(layout);
    ASSERT_TRUE(save_plate_adjustment(dir.root() / "plates", a));
    const auto b = load_plate_adjustment(dir.root() / "plates", a.serial, layout);
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(b->tare.applied, true);
    EXPECT_EQ(b->tare.taken_at_unix_s, a.tare.taken_at_unix_s);
    EXPECT_EQ(b->tare.zero_counts, a.tare.zero_counts);  // bit for bit
    EXPECT_EQ(b->tare.gain_correction, a.tare.gain_correction);
    EXPECT_EQ(b->tare.last_check.fz_error_n, a.tare.last_check.fz_error_n);
    EXPECT_EQ(b->tare.last_check.checked_at_unix_s, a.tare.last_check.checked_at_unix_s);
    EXPECT_EQ(std::filesystem::status(plate_adjustment_path(dir.root() / "plates", a.serial))
                      .permissions() &
                  std::filesystem::perms::others_read,
              std::filesystem::perms::none);
  }
}

TEST(PlateAdjustmentFile, NoFileMeansTheFactoryCalibration) {
  TempDir dir;
  const auto a = load_plate_adjustment(dir.root(), "SIM-0001", PlateLayout::kFourCell);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_FALSE(a->tare.applied);
  EXPECT_EQ(a->tare.gain_correction, (std::array<double, 4>{1, 1, 1, 1}));
}

TEST(PlateAdjustmentFile, SerialCannotEscapeTheFolder) {
  const std::filesystem::path dir = "/plates";
  EXPECT_EQ(plate_adjustment_path(dir, "../../etc/passwd"), "/plates/_._.._etc_passwd.adjustment");
  EXPECT_EQ(plate_adjustment_path(dir, "A B/C"), "/plates/A_B_C.adjustment");
  EXPECT_EQ(plate_adjustment_path(dir, ""), "/plates/unknown.adjustment");
}

TEST(PlateAdjustmentFile, DamagedOrForeignFilesAreRefusedWithWhatToDo) {
  TempDir dir;
  const PlateAdjustment a = sample_adjustment(PlateLayout::kFourCell);
  const std::string good = format_plate_adjustment(a);
  const auto path = plate_adjustment_path(dir.root(), a.serial);

  const auto refused = [&](const std::string& text, const std::string& why) {
    dir.write(path.filename().string(), text);
    const auto r = load_plate_adjustment(dir.root(), a.serial, PlateLayout::kFourCell);
    ASSERT_FALSE(r) << why;
    EXPECT_NE(r.error().message.find(path.string()), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("stance calibrate tare"), std::string::npos);
    EXPECT_NE(r.error().message.find(why), std::string::npos) << r.error().message;
  };
  refused(good.substr(0, good.find("gain_correction")), "gain_correction");  // truncated
  std::string bad_number = good;
  bad_number.replace(bad_number.find("zero_counts = ") + 14, 1, "x");
  refused(bad_number, "zero_counts");
  std::string far_gain = good;
  far_gain.replace(far_gain.find("gain_correction = ") + 18, 12, "1.5");
  refused(far_gain, "0.8 to 1.25");
  refused("garbage\n", "key = value");
  refused("format = something-else/9\n", "not a stance.plate-adjustment/1");

  dir.write(path.filename().string(), good);
  const auto other_layout = load_plate_adjustment(dir.root(), a.serial, PlateLayout::kSixComponent);
  ASSERT_FALSE(other_layout);
  EXPECT_NE(other_layout.error().message.find("not for this plate"), std::string::npos);
}

TEST(PlateAdjustmentFile, NumbersBeyondWhatTheyCanMeanAreRefusedNotCast) {
  // A huge double cast to a date once put the year -219246529 into every trial file.
  TempDir dir;
  const PlateAdjustment a = sample_adjustment(PlateLayout::kFourCell);
  const std::string good = format_plate_adjustment(a);
  const auto path = plate_adjustment_path(dir.root(), a.serial);
  const auto with = [&](const std::string& key, const std::string& value) {
    std::string text = good;
    const auto at = text.find(key + " = ") + key.size() + 3;
    text.replace(at, text.find('\n', at) - at, value);
    return text;
  };
  struct Case {
    std::string key, value;
  };
  for (const Case& c : {Case{"tare_taken_at_unix_s", "1e300"}, Case{"tare_taken_at_unix_s", "-5"},
                        Case{"check_at_unix_s", "9.3e18"}, Case{"check_at_unix_s", "1795000000.5"},
                        Case{"zero_counts", "1e300 0 0 0"}}) {
    dir.write(path.filename().string(), with(c.key, c.value));
    const auto r = load_plate_adjustment(dir.root(), a.serial, PlateLayout::kFourCell);
    ASSERT_FALSE(r) << c.key << " = " << c.value;
    EXPECT_NE(r.error().message.find(c.key), std::string::npos) << r.error().message;
  }
  dir.write(path.filename().string(), with("check_at_unix_s", "1795000100"));
  EXPECT_TRUE(load_plate_adjustment(dir.root(), a.serial, PlateLayout::kFourCell));
}

}  // namespace
}  // namespace stance
