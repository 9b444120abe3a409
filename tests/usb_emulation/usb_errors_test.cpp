// What a person sees when a plate cannot be used: no plate, no permission, busy, unsupported
// protocol, a refused rate, several plates; and a clean, prompt stop with transfers in flight.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "usb_emulation/usb_test_support.hpp"
#include "usb_spp/usb_options.hpp"

namespace stance::usbemu {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

std::string open_error(const std::string& options) {
  Result<usb::UsbOptions> parsed = usb::parse_usb_options(options);
  if (!parsed) return "options: " + parsed.error().message;
  Result<std::unique_ptr<usb::UsbPlate>> plate = usb::UsbPlate::open(*parsed);
  return plate ? std::string("(opened)") : plate.error().message;
}

TEST_F(UsbEmulationTest, NoPlate) {
  EXPECT_THAT(open_error(""), AllOf(HasSubstr("no SPP force plate found"), HasSubstr("1209:0001"),
                                    HasSubstr("plugged in")));
}

TEST_F(UsbEmulationTest, NoPlateWithThatSerial) {
  PlateSpec spec;
  spec.serial = "EMU-A";
  add_plate(spec);
  EXPECT_THAT(open_error("OTHER"),
              AllOf(HasSubstr("no SPP plate with serial number OTHER"), HasSubstr("EMU-A")));
}

TEST_F(UsbEmulationTest, OtherUsbIdsAreFoundWhenListed) {
  PlateSpec spec;
  spec.product_id = 0x0002;
  add_plate(spec);
  EXPECT_THAT(open_error(""), HasSubstr("no SPP force plate found"));
  auto plate = open_plate("ids=1209:0001+1209:0002");
  ASSERT_NE(plate, nullptr);
  EXPECT_EQ(plate->info().serial, spec.serial);
}

TEST_F(UsbEmulationTest, NoPermission) {
  EmulatedPlate& emulated = add_plate(PlateSpec{});
  emulated.deny_access();
  std::string error;
  {
    const UnprivilegedScope unprivileged;
    error = open_error("");
  }
  EXPECT_THAT(error, AllOf(HasSubstr("no permission"), HasSubstr("60-stance-spp.rules"),
                           HasSubstr("udevadm"), HasSubstr("bus 1, address")));
  // With permission (the rule installed), the same plate opens.
  emulated.allow_access();
  EXPECT_NE(open_plate(), nullptr);
}

TEST_F(UsbEmulationTest, PlateBusyInAnotherProgram) {
  EmulatedPlate& emulated = add_plate(PlateSpec{});
  emulated.set_claimed_elsewhere(true);
  EXPECT_THAT(open_error(""),
              AllOf(HasSubstr("EMU-0001"), HasSubstr("busy"), HasSubstr("another program")));
}

TEST_F(UsbEmulationTest, PlateBusyInThisProgram) {
  add_plate(PlateSpec{});
  auto first = open_plate();
  ASSERT_NE(first, nullptr);
  EXPECT_THAT(open_error("EMU-0001"), HasSubstr("busy"));
  first.reset();
  EXPECT_NE(open_plate(), nullptr);  // released on close
}

TEST_F(UsbEmulationTest, UnsupportedProtocolVersionInTheInfoBlock) {
  PlateSpec spec;
  spec.protocol_version = 2;
  add_plate(spec);
  EXPECT_THAT(open_error(""), AllOf(HasSubstr("unsupported protocol version"),
                                    HasSubstr("SPP version 2"), HasSubstr("update Stance")));
}

TEST_F(UsbEmulationTest, UnsupportedProtocolInTheInterfaceDescriptor) {
  PlateSpec spec;
  spec.interface_protocol = 0x02;
  add_plate(spec);
  EXPECT_THAT(open_error(""), AllOf(HasSubstr("unsupported plate"), HasSubstr("SPP version 2"),
                                    HasSubstr("update Stance")));
}

TEST_F(UsbEmulationTest, DeviceWithTheIdsButNoSppInterface) {
  PlateSpec spec;
  spec.interface_class = 0x03;  // a HID device that happens to share the IDs
  add_plate(spec);
  EXPECT_THAT(open_error(""), AllOf(HasSubstr("cannot use the device"), HasSubstr("0x03")));
}

TEST_F(UsbEmulationTest, SeveralPlatesNeedASerial) {
  PlateSpec a;
  a.serial = "EMU-A";
  PlateSpec b;
  b.serial = "EMU-B";
  add_plate(a);
  add_plate(b);
  EXPECT_THAT(open_error(""), AllOf(HasSubstr("2 SPP plates"), HasSubstr("EMU-A"),
                                    HasSubstr("EMU-B"), HasSubstr("usb:SERIAL")));
  auto plate = open_plate("serial=EMU-B");
  ASSERT_NE(plate, nullptr);
  EXPECT_EQ(plate->info().serial, "EMU-B");
}

TEST_F(UsbEmulationTest, RatesThePlateRefuses) {
  PlateSpec spec;
  spec.max_rate_hz = 1000;
  spec.refused_rates = {500};
  EmulatedPlate& emulated = add_plate(spec);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);

  // Refused by the plate itself: a STALL on SET_RATE.
  Status s = plate->set_rate(500);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message,
              AllOf(HasSubstr("refused 500 Hz"), HasSubstr("STALL"), HasSubstr("1000 Hz")));
  EXPECT_EQ(plate->rate_hz(), 1000);
  EXPECT_EQ(emulated.rate_hz(), 1000);
  // Known beforehand: no request is sent.
  s = plate->set_rate(2000);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message, HasSubstr("at most 1000 Hz"));
  s = plate->set_rate(300);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message, HasSubstr("not a rate"));
  // Opening set the plate's default (SPP cannot read a rate back); then only the 500 Hz try.
  EXPECT_EQ(emulated.truth().set_rate_requests, (std::vector<std::uint16_t>{1000, 500}));
  // A rate it takes.
  EXPECT_TRUE(plate->set_rate(250).ok());
  EXPECT_EQ(emulated.rate_hz(), 250);
  // Not while streaming.
  ASSERT_TRUE(plate->start().ok());
  s = plate->set_rate(100);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message, HasSubstr("while the plate streams"));
  EXPECT_TRUE(plate->stop().ok());
}

TEST_F(UsbEmulationTest, PlateLeftStreamingAtAnotherRateIsBroughtToAKnownState) {
  EmulatedPlate& emulated = add_plate(PlateSpec{});
  emulated.leave_streaming(500);  // SPP cannot read the rate back: it must be set
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  EXPECT_FALSE(emulated.streaming());
  EXPECT_EQ(emulated.rate_hz(), 1000);
  EXPECT_EQ(plate->rate_hz(), 1000);
  ASSERT_TRUE(plate->start().ok());
  Received got;
  read_until_sent(*plate, emulated, 200, got);
  ASSERT_TRUE(plate->stop().ok());
  read_for(*plate, std::chrono::milliseconds(20), got);
  EXPECT_EQ(got.frames.size(), emulated.truth().frames_sent);
  EXPECT_TRUE(frames_are_contiguous(got.frames, 4));
  EXPECT_EQ(plate->health().stream.frames_lost, 0u);
}

// Transfers that never complete on their own: the plate waits for 1000 frames per transfer.
PlateSpec slow_spec() {
  PlateSpec spec;
  spec.completion_frames = 1000;
  return spec;
}

TEST_F(UsbEmulationTest, StopIsCleanAndPromptWithTransfersInFlight) {
  EmulatedPlate& emulated = add_plate(slow_spec());
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  ASSERT_TRUE(plate->set_rate(2000).ok());
  ASSERT_TRUE(plate->start().ok());
  const int transfers = plate->transfer_plan().transfers;
  ASSERT_TRUE(emulated.wait_in_flight(transfers, std::chrono::seconds(1)));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // 200 frames wait on the plate

  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(plate->stop().ok());
  const auto stop_time = std::chrono::steady_clock::now() - t0;
  EXPECT_LT(stop_time, std::chrono::milliseconds(250));
  EXPECT_EQ(emulated.in_urbs_in_flight(), 0);
  EXPECT_FALSE(emulated.streaming());
  // What the plate had queued at STOP_STREAM was still collected, then the rest cancelled.
  const PlateTruth truth = emulated.truth();
  EXPECT_GT(truth.frames_sent, 150u);
  // Completed transfers are resubmitted until the cancel: all of them were in flight then.
  EXPECT_EQ(truth.in_urbs_cancelled, static_cast<std::uint64_t>(transfers));
  Received got;
  read_for(*plate, std::chrono::milliseconds(20), got);
  EXPECT_EQ(got.frames.size(), truth.frames_sent);
  EXPECT_TRUE(frames_are_contiguous(got.frames, 4));
  EXPECT_TRUE(truth.protocol_violations.empty());
  std::printf("  stop with %d transfers in flight took %.1f ms\n", transfers,
              std::chrono::duration<double, std::milli>(stop_time).count());
}

TEST_F(UsbEmulationTest, FramesLeftFromTheLastStreamAreNotTakenForTheNext) {
  PlateSpec spec = slow_spec();  // the first stream's frames all wait in the plate...
  spec.late_leftovers = true;    // ...and come only with the next stream's first transfers
  EmulatedPlate& emulated = add_plate(spec);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  Received first;
  ASSERT_TRUE(plate->start().ok());
  read_for(*plate, std::chrono::milliseconds(100), first);
  ASSERT_TRUE(plate->stop().ok());
  EXPECT_TRUE(first.frames.empty());

  emulated.set_completion_frames(0);
  Received second;
  ASSERT_TRUE(plate->start().ok());
  read_for(*plate, std::chrono::milliseconds(200), second);
  ASSERT_TRUE(plate->stop().ok());
  read_for(*plate, std::chrono::milliseconds(20), second);
  EXPECT_GT(emulated.truth().late_leftover_frames, 50u);  // they came, before START_STREAM
  ASSERT_GT(second.frames.size(), 100u);
  EXPECT_TRUE(frames_are_contiguous(second.frames, 4));
  EXPECT_EQ(second.frames.size(), emulated.truth().frames_sent);
  const PlateHealth h = plate->health();
  EXPECT_EQ(h.stream.frames_lost, 0u);
  EXPECT_EQ(h.stream.device_resets, 0u);
  EXPECT_EQ(h.stream.stale_frames, 0u);
  EXPECT_TRUE(second.events.empty());
}

// Issue 13 item 4: on a slow host the last stream's tail came after the next START_STREAM, and the
// new stream began with the old seqs, 100 frames "lost" and a device reset.
TEST_F(UsbEmulationTest, FramesOfTheLastStreamSentAfterTheNextStartAreNotTakenForIt) {
  PlateSpec spec;
  spec.leftovers_after_start = true;  // no pause can tell these frames from the new stream's
  EmulatedPlate& emulated = add_plate(spec);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  Received first;
  ASSERT_TRUE(plate->start().ok());
  read_until_sent(*plate, emulated, 100, first);
  emulated.set_completion_frames(1000);  // from now on the plate keeps its frames
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(plate->stop().ok());
  read_for(*plate, std::chrono::milliseconds(20), first);
  ASSERT_FALSE(first.frames.empty());
  EXPECT_TRUE(frames_are_contiguous(first.frames, 4));

  emulated.set_completion_frames(0);
  Received second;
  ASSERT_TRUE(plate->start().ok());
  read_until_sent(*plate, emulated, 200, second);
  ASSERT_TRUE(plate->stop().ok());
  read_for(*plate, std::chrono::milliseconds(20), second);
  const PlateTruth truth = emulated.truth();
  EXPECT_GT(truth.earlier_stream_frames_sent, 20u);  // the old tail came after START_STREAM
  ASSERT_FALSE(second.frames.empty());
  EXPECT_EQ(second.frames.front().seq, 0u);
  EXPECT_TRUE(frames_are_contiguous(second.frames, 4));
  EXPECT_EQ(second.frames.size(), truth.frames_sent);
  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(h.plate.stream.frames_received, truth.frames_sent);
  EXPECT_EQ(h.plate.stream.frames_lost, 0u);
  EXPECT_EQ(h.plate.stream.device_resets, 0u);
  EXPECT_EQ(h.plate.stream.stale_frames, 0u);
  EXPECT_EQ(h.previous_stream_frames, truth.earlier_stream_frames_sent);
  EXPECT_TRUE(second.events.empty());
}

TEST_F(UsbEmulationTest, ClosingWhileStreamingIsCleanAndPrompt) {
  EmulatedPlate& emulated = add_plate(slow_spec());
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  ASSERT_TRUE(plate->start().ok());
  ASSERT_TRUE(emulated.wait_in_flight(plate->transfer_plan().transfers, std::chrono::seconds(1)));

  const auto t0 = std::chrono::steady_clock::now();
  plate.reset();  // stop, cancel, wait, interrupt the event thread, join, libusb_exit
  const auto close_time = std::chrono::steady_clock::now() - t0;
  EXPECT_LT(close_time, std::chrono::milliseconds(250));
  EXPECT_EQ(emulated.in_urbs_in_flight(), 0);
  EXPECT_FALSE(emulated.streaming());
  EXPECT_TRUE(emulated.truth().protocol_violations.empty());
  std::printf("  close while streaming took %.1f ms\n",
              std::chrono::duration<double, std::milli>(close_time).count());
}

}  // namespace
}  // namespace stance::usbemu
