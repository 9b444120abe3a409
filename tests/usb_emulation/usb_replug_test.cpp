// Unplug and replug: nothing received is lost, a recording is kept and marked interrupted, the
// same plate (serial number) is found again by hotplug or by polling, another plate is never
// taken for it, and recording resumes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "device/trial_recorder.hpp"
#include "usb_emulation/usb_test_support.hpp"

namespace stance::usbemu {
namespace {

using ::testing::HasSubstr;

TEST_F(UsbEmulationTest, UnplugMidStreamKeepsEverythingReceived) {
  EmulatedPlate& emulated = add_plate(PlateSpec{});
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  ASSERT_TRUE(plate->start().ok());
  Received got;
  read_until_sent(*plate, emulated, 300, got);
  const int in_flight = emulated.in_urbs_in_flight();
  emulated.unplug();
  read_for(*plate, std::chrono::seconds(2), got);  // ends at kDisconnected

  EXPECT_TRUE(got.disconnected);
  const PlateTruth truth = emulated.truth();
  EXPECT_EQ(got.frames.size(), truth.frames_sent);  // every frame on the bus arrived
  EXPECT_TRUE(frames_are_contiguous(got.frames, 4));
  EXPECT_GE(truth.in_urbs_shutdown + 1, static_cast<std::uint64_t>(in_flight));
  EXPECT_FALSE(plate->connected());
  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(h.disconnects, 1u);
  EXPECT_EQ(h.plate.stream.frames_received, got.frames.size());
  // It stays disconnected, and says so.
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  EXPECT_EQ(plate->read(frames, events, std::chrono::milliseconds(10)), ReadStatus::kDisconnected);
  const Status s = plate->start();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message, HasSubstr("unplugged"));
  EXPECT_FALSE(plate->set_rate(500).ok());
  EXPECT_FALSE(plate->status().ok());
  EXPECT_TRUE(plate->stop().ok());
}

struct ReplugCase {
  bool hotplug;
};

void PrintTo(const ReplugCase& c, std::ostream* os) {
  *os << (c.hotplug ? "hotplug" : "polling");
}

class UsbReplugTest : public UsbEmulationTest, public ::testing::WithParamInterface<ReplugCase> {
 protected:
  // Hotplug: polling so slow that only a hotplug event can explain a prompt reconnection.
  std::string options() const {
    return GetParam().hotplug ? "hotplug=1,poll_ms=60000" : "hotplug=0,poll_ms=50";
  }
};

TEST_P(UsbReplugTest, SamePlateIsFoundAgainAndStreamsAgain) {
  EmulatedPlate& emulated = add_plate(PlateSpec{});
  auto plate = open_plate(options());
  ASSERT_NE(plate, nullptr);
  ASSERT_TRUE(plate->set_rate(2000).ok());
  ASSERT_TRUE(plate->start().ok());
  Received got;
  read_until_sent(*plate, emulated, 200, got);
  const int first_address = emulated.device_number();
  emulated.unplug();
  read_for(*plate, std::chrono::seconds(2), got);
  ASSERT_TRUE(got.disconnected);
  EXPECT_EQ(got.frames.size(), emulated.truth().frames_sent);

  const auto t0 = std::chrono::steady_clock::now();
  emulated.plug();
  ASSERT_TRUE(plate->wait_connected(std::chrono::seconds(3)));
  const auto found_after = std::chrono::steady_clock::now() - t0;
  EXPECT_LT(found_after, std::chrono::seconds(2));
  EXPECT_NE(emulated.device_number(), first_address);
  EXPECT_EQ(emulated.rate_hz(), 2000);  // given back after its power-up default
  EXPECT_EQ(plate->rate_hz(), 2000);
  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(h.disconnects, 1u);
  EXPECT_EQ(h.reconnects, 1u);
  EXPECT_TRUE(h.connected);

  // A new stream from the same object.
  ASSERT_TRUE(plate->start().ok());
  Received again;
  read_until_sent(*plate, emulated, 400, again);
  ASSERT_TRUE(plate->stop().ok());
  read_for(*plate, std::chrono::milliseconds(20), again);
  EXPECT_FALSE(again.disconnected);
  EXPECT_EQ(again.frames.size(), emulated.truth().frames_sent);
  EXPECT_TRUE(frames_are_contiguous(again.frames, 4));
  std::printf("  found again %.0f ms after plugging in (%s)\n",
              std::chrono::duration<double, std::milli>(found_after).count(),
              GetParam().hotplug ? "hotplug" : "polling");
}

TEST_P(UsbReplugTest, AnotherPlateIsNeverTakenForIt) {
  PlateSpec a;
  a.serial = "EMU-A";
  PlateSpec b;
  b.serial = "EMU-B";
  EmulatedPlate& plate_a = add_plate(a);
  EmulatedPlate& plate_b = add_plate(b, {}, false);
  auto plate = open_plate(options());
  ASSERT_NE(plate, nullptr);
  plate_a.unplug();
  Received got;
  read_for(*plate, std::chrono::seconds(1), got);
  ASSERT_FALSE(plate->connected());

  plate_b.plug();  // same IDs, another serial number
  EXPECT_FALSE(plate->wait_connected(std::chrono::milliseconds(400)));
  // EMU-B was left alone: another program (here: another UsbPlate) can claim it.
  auto other = open_plate("EMU-B");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->info().serial, "EMU-B");

  plate_a.plug();
  ASSERT_TRUE(plate->wait_connected(std::chrono::seconds(3)));
  EXPECT_EQ(plate->info().serial, "EMU-A");
  EXPECT_EQ(plate->usb_health().reconnects, 1u);
  EXPECT_TRUE(other->connected());
}

INSTANTIATE_TEST_SUITE_P(HotplugAndPolling, UsbReplugTest,
                         ::testing::Values(ReplugCase{true}, ReplugCase{false}),
                         [](const ::testing::TestParamInfo<ReplugCase>& param_info) {
                           return std::string(param_info.param.hotplug ? "Hotplug" : "Polling");
                         });

TEST_F(UsbEmulationTest, RecordingIsKeptWhenUnpluggedAndResumesAfterReplug) {
  EmulatedPlate& emulated = add_plate(PlateSpec{});
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);

  RecordRequest request;
  request.seconds = 5.0;
  request.metadata.patient_code = "P-USB";
  std::thread unplugger([&] {
    (void)emulated.wait_frames_sent(300, std::chrono::seconds(3));
    emulated.unplug();
  });
  const Result<RecordOutcome> first = record_trial(*plate, request);
  unplugger.join();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->interrupted);
  EXPECT_THAT(first->interruption, HasSubstr("unplugged"));
  const Recording& r = first->recording;
  EXPECT_EQ(r.frames.size(), emulated.truth().frames_sent);
  EXPECT_TRUE(frames_are_contiguous(r.frames, 4));
  ASSERT_FALSE(r.events.empty());
  EXPECT_EQ(r.events.back().kind, RecordingEventKind::kInterrupted);
  EXPECT_EQ(r.events.back().frame_index, r.frames.size());
  EXPECT_EQ(r.plate.serial, "EMU-0001");
  EXPECT_EQ(r.counters.frames_received, r.frames.size());

  // Recording resumes on the same plate object once the same plate is back.
  emulated.plug();
  ASSERT_TRUE(plate->wait_connected(std::chrono::seconds(3)));
  request.seconds = 0.3;
  const Result<RecordOutcome> second = record_trial(*plate, request);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->interrupted) << second->interruption;
  EXPECT_GE(second->recording.frames.size(), 300u);
  EXPECT_TRUE(frames_are_contiguous(second->recording.frames, 4));
  EXPECT_EQ(second->recording.counters.frames_lost, 0u);
  // Every frame counted is in the recording, also those drained while the plate was stopped.
  EXPECT_EQ(second->recording.counters.frames_received, second->recording.frames.size());
}

}  // namespace
}  // namespace stance::usbemu
