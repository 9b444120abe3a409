// The USB driver's pure parts, without any USB: transfer sizing, options, plate selection and
// the device clock.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "usb_spp/device_clock.hpp"
#include "usb_spp/plate_finder.hpp"
#include "usb_spp/stream_intake.hpp"
#include "usb_spp/transfer_pool.hpp"
#include "usb_spp/usb_driver.hpp"
#include "usb_spp/usb_options.hpp"

namespace stance::usb {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using ::testing::AllOf;
using ::testing::HasSubstr;

EndpointInfo endpoint(EndpointType type, std::uint16_t packet) {
  EndpointInfo e;
  e.type = type;
  e.max_packet_bytes = packet;
  return e;
}

TEST(UsbTransferPlan, FullSpeedLayout1At1000Hz) {
  // 2 frames of 32 B per 64-byte packet; 10 ms = 10 frames = 5 packets.
  const TransferPlan p = plan_transfers(endpoint(EndpointType::kBulk, 64), 32, 1000);
  EXPECT_EQ(p.frames_per_packet, 2u);
  EXPECT_EQ(p.transfer_bytes, 320u);
  EXPECT_EQ(p.frames_per_transfer, 10u);
  EXPECT_EQ(p.transfers, 10);
}

TEST(UsbTransferPlan, FullSpeedLayout2At2000HzHasOneFramePerPacket) {
  // A 40-byte frame leaves 24 bytes of a 64-byte packet unused: every packet is short.
  const TransferPlan p = plan_transfers(endpoint(EndpointType::kBulk, 64), 40, 2000);
  EXPECT_EQ(p.frames_per_packet, 1u);
  EXPECT_EQ(p.transfer_bytes, 64u);  // one packet: a short packet ends the transfer anyway
  EXPECT_EQ(p.frames_per_transfer, 1u);
  EXPECT_EQ(p.transfers, 20);
}

TEST(UsbTransferPlan, HighSpeedLayout2At2000Hz) {
  const TransferPlan p = plan_transfers(endpoint(EndpointType::kInterrupt, 512), 40, 2000);
  EXPECT_EQ(p.frames_per_packet, 12u);  // 480 of 512 bytes: short packets
  EXPECT_EQ(p.transfer_bytes, 512u);
  EXPECT_EQ(p.frames_per_transfer, 12u);
  EXPECT_EQ(p.transfers, 20);
  const TransferPlan l1 = plan_transfers(endpoint(EndpointType::kBulk, 512), 32, 2000);
  EXPECT_EQ(l1.frames_per_packet, 16u);  // 512 of 512 bytes: full packets
  EXPECT_EQ(l1.transfer_bytes, 1024u);   // whole packets only
  EXPECT_EQ(l1.frames_per_transfer, 32u);
}

TEST(UsbTransferPlan, LowRatesKeepAFewTransfersQueued) {
  const TransferPlan p = plan_transfers(endpoint(EndpointType::kBulk, 64), 32, 100);
  EXPECT_EQ(p.transfer_bytes, 64u);
  EXPECT_EQ(p.transfers, 4);
  const TransferPlan longer =
      plan_transfers(endpoint(EndpointType::kBulk, 512), 32, 2000, milliseconds(100));
  EXPECT_EQ(longer.transfers, 32);               // capped
  EXPECT_EQ(longer.transfer_bytes, 13u * 512u);  // 200 frames in 16-frame packets
}

TEST(UsbOptions, DefaultsAndBareSerial) {
  const Result<UsbOptions> none = parse_usb_options("");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->serial.empty());
  ASSERT_EQ(none->ids.size(), 1u);
  EXPECT_EQ(none->ids[0], kDefaultVidPid);
  EXPECT_TRUE(none->hotplug);
  const Result<UsbOptions> bare = parse_usb_options("ABC123");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->serial, "ABC123");
}

TEST(UsbOptions, KeyValues) {
  const Result<UsbOptions> o =
      parse_usb_options("serial=ABC,ids=1209:0001+1209:00aB,hotplug=0,poll_ms=200,timeout_ms=300");
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->serial, "ABC");
  ASSERT_EQ(o->ids.size(), 2u);
  EXPECT_EQ(o->ids[1], (VidPid{0x1209, 0x00AB}));
  EXPECT_FALSE(o->hotplug);
  EXPECT_EQ(o->poll_interval, milliseconds(200));
  EXPECT_EQ(o->control_timeout, milliseconds(300));
}

TEST(UsbOptions, Errors) {
  EXPECT_THAT(parse_usb_options("ids=12345:1").error().message, HasSubstr("VID:PID"));
  EXPECT_THAT(parse_usb_options("ids=1209").error().message, HasSubstr("VID:PID"));
  EXPECT_THAT(parse_usb_options("hotplug=2").error().message, HasSubstr("0 or 1"));
  EXPECT_THAT(parse_usb_options("colour=red").error().message, HasSubstr("unknown usb option"));
  EXPECT_THAT(parse_usb_options("a,b").error().message, HasSubstr("not a serial number"));
  EXPECT_THAT(parse_usb_options("help").error().message, HasSubstr("ids=VID:PID"));
  EXPECT_THAT(parse_usb_options("poll_ms=1").error().message, HasSubstr("poll_ms"));
}

TEST(UsbVidPidText, RoundTrip) {
  EXPECT_EQ(to_string(VidPid{0x1209, 0x0001}), "1209:0001");
  const std::vector<VidPid> ids{{0x1209, 0x0001}, {0xABCD, 0x00EF}};
  EXPECT_EQ(to_string(ids), "1209:0001, abcd:00ef");
  EXPECT_EQ(parse_vid_pid("abcd:00ef").value(), ids[1]);
}

PlateCandidate candidate(const std::string& serial,
                         CandidateProblem problem = CandidateProblem::kNone) {
  PlateCandidate c;
  c.id = kDefaultVidPid;
  c.bus = 1;
  c.address = 7;
  c.serial = serial;
  c.problem = problem;
  c.problem_text = "why";
  return c;
}

TEST(UsbSelectPlate, WhatToDo) {
  const std::vector<VidPid> ids{kDefaultVidPid};
  std::vector<PlateCandidate> none;
  EXPECT_THAT(select_plate(none, "", ids).error().message,
              AllOf(HasSubstr("no SPP force plate found"), HasSubstr("1209:0001")));
  std::vector<PlateCandidate> two;
  two.push_back(candidate("A"));
  two.push_back(candidate("B"));
  EXPECT_THAT(select_plate(two, "", ids).error().message,
              AllOf(HasSubstr("2 SPP plates"), HasSubstr("A, B")));
  EXPECT_EQ(select_plate(two, "B", ids).value(), 1u);
  EXPECT_THAT(select_plate(two, "C", ids).error().message,
              AllOf(HasSubstr("serial number C"), HasSubstr("connected: A, B")));
  std::vector<PlateCandidate> locked;
  locked.push_back(candidate("", CandidateProblem::kNoPermission));
  EXPECT_THAT(select_plate(locked, "X", ids).error().message,
              AllOf(HasSubstr("no permission"), HasSubstr("bus 1, address 7"),
                    HasSubstr("60-stance-spp.rules")));
  // A plate that can be opened wins over one that cannot.
  locked.push_back(candidate("A"));
  EXPECT_EQ(select_plate(locked, "", ids).value(), 1u);
}

using TimePoint = DeviceClock::TimePoint;
TimePoint at_us(std::int64_t us) {
  return TimePoint(microseconds(us));
}

TEST(UsbDeviceClock, AnchorsOnStartAndMeasuresLatency) {
  DeviceClock clock;
  clock.start(at_us(1000000), 1000);
  // seq 0 sampled at START (device 5000 us), arrives 2 ms later.
  EXPECT_NEAR(clock.on_frame(0, 5000, at_us(1002000)), 0.002, 1e-9);
  EXPECT_NEAR(clock.on_frame(1, 6000, at_us(1003500)), 0.0025, 1e-9);
  EXPECT_EQ(clock.host_time(6000), at_us(1001000));
  EXPECT_NEAR(clock.mean_latency_s(), 0.00225, 1e-9);
  EXPECT_NEAR(clock.max_latency_s(), 0.0025, 1e-9);
}

TEST(UsbDeviceClock, FirstFrameAfterLossesIsPlacedByItsSeq) {
  DeviceClock clock;
  clock.start(at_us(0), 2000);
  // Frames 0..9 were lost: seq 10 was sampled 5 ms after START.
  EXPECT_NEAR(clock.on_frame(10, 77, at_us(6000)), 0.001, 1e-9);
}

TEST(UsbDeviceClock, WrapIsAStepForward) {
  DeviceClock clock;
  clock.start(at_us(0), 1000);
  std::uint32_t t = 0xFFFFFFFFu - 2500u;
  for (std::uint32_t seq = 0; seq < 10; ++seq, t += 1000u) {
    EXPECT_NEAR(clock.on_frame(seq, t, at_us(seq * 1000 + 3000)), 0.003, 1e-9) << seq;
  }
  EXPECT_EQ(clock.unwrapped_us(t - 1000u) - clock.unwrapped_us(0xFFFFFFFFu - 2500u), 9000);
  EXPECT_EQ(clock.reanchors(), 0u);
}

TEST(UsbDeviceClock, NeverMapsAFrameAfterItsArrival) {
  DeviceClock clock;
  clock.start(at_us(10000), 1000);  // START took long to reach the plate: anchored too late
  EXPECT_EQ(clock.on_frame(0, 0, at_us(9000)), 0.0);
  EXPECT_EQ(clock.host_time(0), at_us(9000));  // pulled back to the arrival
  EXPECT_NEAR(clock.on_frame(1, 1000, at_us(10500)), 0.0005, 1e-9);
}

TEST(UsbDeviceClock, ResetAndJumpReanchor) {
  DeviceClock clock;
  clock.start(at_us(0), 1000);
  (void)clock.on_frame(0, 500000, at_us(1000));
  (void)clock.on_frame(1, 501000, at_us(2000));
  EXPECT_EQ(clock.on_frame(0, 0, at_us(50000)), 0.0);  // device reset: seq and clock restart
  EXPECT_EQ(clock.reanchors(), 1u);
  EXPECT_EQ(clock.host_time(0), at_us(50000));
  (void)clock.on_frame(1, 20000000, at_us(51000));  // its clock jumped 20 s in 1 ms
  EXPECT_EQ(clock.reanchors(), 2u);
}

std::vector<std::uint8_t> encoded(std::uint32_t first_seq, int count,
                                  std::uint32_t bad_crc_seq = ~0u) {
  std::vector<std::uint8_t> bytes;
  for (int i = 0; i < count; ++i) {
    RawFrame f;
    f.seq = first_seq + static_cast<std::uint32_t>(i);
    f.t_us = f.seq * 1000u;
    f.counts[0] = static_cast<std::int32_t>(f.seq);
    const std::size_t at = bytes.size();
    spp::encode_frame(f, 4, bytes);
    if (f.seq == bad_crc_seq) bytes[at + 28] ^= 0xFF;
  }
  return bytes;
}

TEST(UsbStreamIntake, HandsOverFramesAndShiftsEventIndexes) {
  StreamIntake intake(4, 100, 10);
  intake.start(at_us(0), 1000);
  intake.on_transfer(encoded(0, 5), at_us(5000));
  intake.on_transfer(encoded(5, 5, 7), at_us(10000));  // seq 7 has a bad CRC
  ASSERT_TRUE(intake.has_pending());
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  frames.reserve(100);
  intake.swap_pending(frames, events);
  ASSERT_EQ(frames.size(), 9u);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, RecordingEventKind::kStreamError);
  EXPECT_EQ(events[0].frame_index, 7u);  // the frame after the bad one: seq 8
  EXPECT_EQ(frames[7].seq, 8u);
  EXPECT_FALSE(intake.has_pending());
  const PlateHealth h = intake.health();
  EXPECT_EQ(h.stream.frames_received, 9u);
  EXPECT_EQ(h.stream.crc_errors, 1u);
  EXPECT_EQ(h.stream.frames_lost, 1u);
  EXPECT_EQ(intake.transfers(), 2u);
}

TEST(UsbStreamIntake, ABackedUpReaderLosesWholeTransfersCounted) {
  StreamIntake intake(4, 100, 10);
  intake.start(at_us(0), 1000);
  for (int t = 0; t < 25; ++t) {
    intake.on_transfer(encoded(static_cast<std::uint32_t>(5 * t), 5), at_us(5000 * (t + 1)));
  }
  EXPECT_EQ(intake.host_overflow_frames(), 25u);
  const PlateHealth h = intake.health();
  EXPECT_EQ(h.stream.frames_received, 100u);
  EXPECT_EQ(h.stream.frames_lost, 25u);
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  intake.swap_pending(frames, events);
  EXPECT_EQ(frames.size(), 100u);
  EXPECT_EQ(frames.back().seq, 99u);
  // The buffer handed back keeps the promised room for the next frames.
  frames.clear();
  intake.swap_pending(frames, events);
  EXPECT_GE(frames.capacity(), 100u);
}

TEST(UsbDriverText, FirmwareAndHealth) {
  EXPECT_EQ(firmware_text(0x0102), "1.2");
  EXPECT_EQ(firmware_text(0x0A00), "10.0");
  UsbHealth h;
  h.plate.stream.frames_received = 1200;
  h.plate.stream.frames_lost = 3;
  h.plate.mean_latency_ms = 2.04;
  h.max_latency_ms = 7.0;
  EXPECT_EQ(health_summary(h),
            "1200 frames, 3 lost, 0 CRC errors, 0 resyncs, 0 overloads, 0 transfer errors, "
            "latency 2.0 ms (max 7.0)");
}

TEST(UsbUdevRule, GrantsAccessToTheDefaultIds) {
  std::ifstream file(STANCE_SOURCE_DIR "/udev/60-stance-spp.rules");
  ASSERT_TRUE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  char vendor[32];
  char product[32];
  std::snprintf(vendor, sizeof vendor, "ATTR{idVendor}==\"%04x\"", kDefaultVidPid.vendor_id);
  std::snprintf(product, sizeof product, "ATTR{idProduct}==\"%04x\"", kDefaultVidPid.product_id);
  EXPECT_THAT(text.str(),
              AllOf(HasSubstr(vendor), HasSubstr(product), HasSubstr("TAG+=\"uaccess\""),
                    HasSubstr("MODE=\"0660\""), HasSubstr("GROUP=\"plugdev\"")));
  EXPECT_THAT(no_permission_advice(), HasSubstr("udev/60-stance-spp.rules"));
}

}  // namespace
}  // namespace stance::usb
