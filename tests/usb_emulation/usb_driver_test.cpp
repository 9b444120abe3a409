// Two plates at once, the "usb" driver's listing, and the command line on emulated plates.
#include "usb_spp/usb_driver.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <thread>

#include "cli/cli.hpp"
#include "device/driver_registry.hpp"
#include "usb_emulation/usb_test_support.hpp"

namespace stance::usbemu {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

PlateSpec left_plate() {
  PlateSpec spec;
  spec.serial = "EMU-LEFT";
  return spec;
}

PlateSpec right_plate() {
  PlateSpec spec;
  spec.serial = "EMU-RIGHT";
  spec.layout = PlateLayout::kSixComponent;
  spec.speed = BusSpeed::kHigh;
  spec.endpoint = EndpointKind::kInterrupt;
  spec.firmware_version = 0x0203;
  return spec;
}

TEST_F(UsbEmulationTest, TwoPlatesStreamAtOnce) {
  EmulatedPlate& left = add_plate(left_plate());
  EmulatedPlate& right = add_plate(right_plate());
  auto plate_left = open_plate("EMU-LEFT");
  auto plate_right = open_plate("serial=EMU-RIGHT");
  ASSERT_NE(plate_left, nullptr);
  ASSERT_NE(plate_right, nullptr);
  ASSERT_TRUE(plate_left->start().ok());
  ASSERT_TRUE(plate_right->start().ok());
  Received got_left;
  Received got_right;
  std::thread reader([&] { read_until_sent(*plate_right, right, 600, got_right); });
  read_until_sent(*plate_left, left, 600, got_left);
  reader.join();
  ASSERT_TRUE(plate_left->stop().ok());
  ASSERT_TRUE(plate_right->stop().ok());
  read_for(*plate_left, std::chrono::milliseconds(20), got_left);
  read_for(*plate_right, std::chrono::milliseconds(20), got_right);

  EXPECT_EQ(got_left.frames.size(), left.truth().frames_sent);
  EXPECT_EQ(got_right.frames.size(), right.truth().frames_sent);
  EXPECT_GE(got_left.frames.size(), 600u);
  EXPECT_GE(got_right.frames.size(), 600u);
  EXPECT_TRUE(frames_are_contiguous(got_left.frames, 4));
  EXPECT_TRUE(frames_are_contiguous(got_right.frames, 6));
  EXPECT_EQ(plate_left->health().stream.frames_lost, 0u);
  EXPECT_EQ(plate_right->health().stream.frames_lost, 0u);
  EXPECT_TRUE(left.truth().protocol_violations.empty());
  EXPECT_TRUE(right.truth().protocol_violations.empty());
}

TEST_F(UsbEmulationTest, DriverListsThePlatesWithTheirHealth) {
  add_plate(left_plate()).allow_access();
  add_plate(right_plate()).allow_access();
  PlateSpec locked;
  locked.serial = "EMU-LOCKED";
  add_plate(locked).deny_access();

  usb::UsbDriver driver;
  std::vector<PlateListing> listing;
  {
    const UnprivilegedScope unprivileged;  // as a user: the locked plate cannot be opened
    listing = *driver.list("");
  }
  ASSERT_EQ(listing.size(), 3u);
  const auto find = [&](const std::string& address) -> const PlateListing* {
    for (const PlateListing& l : listing) {
      if (l.address == address) return &l;
    }
    return nullptr;
  };
  const PlateListing* l = find("usb:EMU-LEFT");
  const PlateListing* r = find("usb:EMU-RIGHT");
  const PlateListing* locked_listing = find("usb");
  ASSERT_NE(l, nullptr);
  ASSERT_NE(r, nullptr);
  ASSERT_NE(locked_listing, nullptr);
  EXPECT_EQ(l->serial, "EMU-LEFT");
  EXPECT_EQ(l->layout, PlateLayout::kFourCell);
  EXPECT_EQ(l->rate_hz, 1000);
  EXPECT_EQ(l->firmware, "1.2");
  EXPECT_THAT(l->description, HasSubstr("status ok"));
  EXPECT_THAT(l->description, HasSubstr("full speed, bulk endpoint of 64 B"));
  EXPECT_EQ(r->layout, PlateLayout::kSixComponent);
  EXPECT_EQ(r->firmware, "2.3");
  EXPECT_THAT(r->description, HasSubstr("high speed, interrupt endpoint of 512 B"));
  EXPECT_THAT(locked_listing->description, HasSubstr("no permission"));

  // A plate open through the driver shows its live stream health.
  Result<std::unique_ptr<PlateDevice>> open = driver.open("EMU-LEFT");
  ASSERT_TRUE(open.ok()) << open.error().message;
  ASSERT_TRUE((*open)->start().ok());
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  while (frames.size() < 100) (void)(*open)->read(frames, events, std::chrono::milliseconds(20));
  listing = *driver.list("");
  l = find("usb:EMU-LEFT");
  ASSERT_NE(l, nullptr);
  EXPECT_THAT(l->description, HasSubstr("open in Stance, streaming"));
  EXPECT_THAT(l->description, HasSubstr("0 lost"));
  EXPECT_THAT(l->description, HasSubstr("latency"));
  std::printf("  %s: %s\n", l->address.c_str(), l->description.c_str());
  EXPECT_TRUE((*open)->stop().ok());
  open->reset();
  // Closed again: its status block once more.
  listing = *driver.list("");
  l = find("usb:EMU-LEFT");
  ASSERT_NE(l, nullptr);
  EXPECT_THAT(l->description, HasSubstr("status ok"));
}

TEST_F(UsbEmulationTest, RegistryOpensAUsbAddress) {
  add_plate(left_plate());
  DriverRegistry registry;
  registry.add(std::make_unique<usb::UsbDriver>());
  Result<std::unique_ptr<PlateDevice>> plate = registry.open("usb:EMU-LEFT");
  ASSERT_TRUE(plate.ok()) << plate.error().message;
  EXPECT_EQ((*plate)->info().serial, "EMU-LEFT");
  Result<std::unique_ptr<PlateDevice>> missing = registry.open("usb:EMU-NONE");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error().message, HasSubstr("EMU-NONE"));
  Result<std::unique_ptr<PlateDevice>> help = registry.open("usb:help");
  ASSERT_FALSE(help.ok());
  EXPECT_THAT(help.error().message, HasSubstr("ids=VID:PID"));
}

TEST_F(UsbEmulationTest, CommandLineListsAndRecordsAUsbPlate) {
  add_plate(left_plate());
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(cli::run({"devices"}, out, err), cli::kExitOk) << err.str();
  EXPECT_THAT(out.str(), HasSubstr("usb:EMU-LEFT"));
  EXPECT_THAT(out.str(), HasSubstr("1 (4 load cells)"));
  EXPECT_THAT(out.str(), HasSubstr("sim"));
  std::printf("%s", out.str().c_str());

  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "stance-usb-cli-test.stance";
  std::ostringstream rec_out;
  std::ostringstream rec_err;
  const int code = cli::run({"record", "--device", "usb:EMU-LEFT", "--seconds", "0.3", "--out",
                             file.string(), "--rate", "500"},
                            rec_out, rec_err);
  EXPECT_EQ(code, cli::kExitOk) << rec_err.str();
  EXPECT_THAT(rec_out.str(), HasSubstr("at 500 Hz from usb:EMU-LEFT (serial EMU-LEFT)"));
  EXPECT_THAT(rec_out.str(), HasSubstr("0 lost"));
  EXPECT_TRUE(std::filesystem::exists(file));
  std::filesystem::remove(file);

  std::ostringstream bad_out;
  std::ostringstream bad_err;
  EXPECT_EQ(cli::run({"record", "--device", "usb:NOPE", "--seconds", "1", "--out", file.string()},
                     bad_out, bad_err),
            cli::kExitFailed);
  EXPECT_THAT(bad_err.str(), HasSubstr("no SPP plate with serial number NOPE"));
}

TEST_F(UsbEmulationTest, PlatesWithOtherUsbIdsAreFoundWhenAskedFor) {
  PlateSpec other = left_plate();
  other.serial = "EMU-OTHER";
  other.product_id = 0x0002;
  add_plate(other);
  std::ostringstream out, err;
  ASSERT_EQ(cli::run({"devices"}, out, err), cli::kExitOk) << err.str();
  EXPECT_THAT(out.str(), Not(HasSubstr("EMU-OTHER")));  // not a default id

  std::ostringstream found, found_err;
  ASSERT_EQ(cli::run({"devices", "--find", "usb:ids=1209:0001+1209:0002"}, found, found_err),
            cli::kExitOk)
      << found_err.str();
  const std::string address = "usb:serial=EMU-OTHER,ids=1209:0001+1209:0002";
  EXPECT_THAT(found.str(), HasSubstr(address));

  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "stance-usb-ids-test.stance";
  std::ostringstream rec_out, rec_err;
  EXPECT_EQ(cli::run({"record", "--device", address, "--seconds", "0.2", "--out", file.string()},
                     rec_out, rec_err),
            cli::kExitOk)
      << rec_err.str();
  std::filesystem::remove(file);

  std::ostringstream bad, bad_err;
  EXPECT_EQ(cli::run({"devices", "--find", "usb:ids=12:zz"}, bad, bad_err), cli::kExitFailed);
  EXPECT_THAT(bad_err.str(), HasSubstr("ids"));
}

}  // namespace
}  // namespace stance::usbemu
