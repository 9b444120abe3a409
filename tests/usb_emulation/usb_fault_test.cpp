// Faults injected by the emulated plate, each detected and counted exactly by the driver: the
// plate's own record of what it sent (PlateTruth) is the reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "usb_emulation/usb_test_support.hpp"

namespace stance::usbemu {
namespace {

// High-speed bulk, several frames per transfer, so faults land inside transfers too.
PlateSpec fault_spec() {
  PlateSpec spec;
  spec.speed = BusSpeed::kHigh;
  spec.completion_frames = 4;
  return spec;
}

// Streams until the plate has sent `frames` frames, stops, and reads everything.
Received stream(usb::UsbPlate& plate, EmulatedPlate& emulated, std::uint64_t frames) {
  Received got;
  EXPECT_TRUE(plate.start().ok());
  read_until_sent(plate, emulated, frames, got);
  EXPECT_TRUE(plate.stop().ok());
  read_for(plate, std::chrono::milliseconds(30), got);
  return got;
}

std::uint64_t stream_error_count(const std::vector<RecordingEvent>& events) {
  std::uint64_t n = 0;
  for (const RecordingEvent& e : events) {
    if (e.kind == RecordingEventKind::kStreamError) n += e.count;
  }
  return n;
}

std::vector<std::uint32_t> seqs(const std::vector<RawFrame>& frames) {
  std::vector<std::uint32_t> out;
  for (const RawFrame& f : frames) out.push_back(f.seq);
  return out;
}

// The seqs 0..last without `missing`.
std::vector<std::uint32_t> expected_seqs(std::uint32_t last, std::vector<std::uint32_t> missing) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t s = 0; s <= last; ++s) {
    if (std::find(missing.begin(), missing.end(), s) == missing.end()) out.push_back(s);
  }
  return out;
}

TEST_F(UsbEmulationTest, CrcErrorsAreCountedAndTheFramesLeftOut) {
  FaultPlan faults;
  faults.bad_crc = {100, 250, 251, 400};
  EmulatedPlate& emulated = add_plate(fault_spec(), faults);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  const Received got = stream(*plate, emulated, 500);

  const PlateTruth truth = emulated.truth();
  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(truth.bad_crc, 4u);
  EXPECT_EQ(h.plate.stream.crc_errors, 4u);
  EXPECT_EQ(h.plate.stream.sync_errors, 0u);
  EXPECT_EQ(h.plate.stream.frames_lost, 4u);  // the gaps stay visible as missing seqs
  EXPECT_EQ(h.plate.stream.frames_received, truth.frames_sent_intact);
  EXPECT_EQ(got.frames.size(), truth.frames_sent_intact);
  ASSERT_FALSE(got.frames.empty());
  EXPECT_EQ(seqs(got.frames), expected_seqs(got.frames.back().seq, {100, 250, 251, 400}));
  EXPECT_EQ(stream_error_count(got.events), 4u);
  for (const RecordingEvent& e : got.events) {
    ASSERT_LT(e.frame_index, got.frames.size());
    const std::uint32_t after = got.frames[e.frame_index].seq;
    EXPECT_TRUE(after == 101 || after == 252 || after == 401) << after;
  }
}

TEST_F(UsbEmulationTest, BadSyncIsCountedAndTheStreamResynchronises) {
  FaultPlan faults;
  faults.bad_sync = {120, 301, 302, 480};  // 301-302: one run, so one sync error
  EmulatedPlate& emulated = add_plate(fault_spec(), faults);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  const Received got = stream(*plate, emulated, 600);

  const PlateTruth truth = emulated.truth();
  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(truth.bad_sync, 4u);
  EXPECT_GE(truth.sync_errors, 3u);  // 3, or 4 when 301 and 302 came in different transfers
  EXPECT_EQ(h.plate.stream.sync_errors, truth.sync_errors);
  EXPECT_EQ(h.plate.stream.resyncs, truth.resyncs);
  EXPECT_EQ(h.plate.stream.crc_errors, 0u);
  EXPECT_EQ(h.plate.stream.frames_lost, 4u);
  EXPECT_EQ(h.plate.stream.frames_received, truth.frames_sent_intact);
  ASSERT_FALSE(got.frames.empty());
  EXPECT_EQ(seqs(got.frames), expected_seqs(got.frames.back().seq, {120, 301, 302, 480}));
  EXPECT_EQ(stream_error_count(got.events), truth.sync_errors);
}

TEST_F(UsbEmulationTest, FramesTheDeviceDroppedAreCountedAndFlagged) {
  FaultPlan faults;
  faults.drop = {{200, 5}, {500, 1}};
  EmulatedPlate& emulated = add_plate(fault_spec(), faults);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  const Received got = stream(*plate, emulated, 600);

  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(emulated.truth().frames_dropped, 6u);
  EXPECT_EQ(h.plate.stream.frames_lost, 6u);
  EXPECT_EQ(h.plate.stream.frames_received, got.frames.size());
  ASSERT_FALSE(got.frames.empty());
  EXPECT_EQ(seqs(got.frames), expected_seqs(got.frames.back().seq, {200, 201, 202, 203, 204, 500}));
  std::vector<std::uint32_t> flagged;
  for (const RawFrame& f : got.frames) {
    if ((f.flags & frame_flag::kDeviceDropped) != 0) flagged.push_back(f.seq);
  }
  EXPECT_EQ(flagged, (std::vector<std::uint32_t>{205, 501}));
  // The plate's own count, read with GET_STATUS.
  const Result<spp::StatusBlock> status = plate->status();
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->frames_dropped, 6u);
  EXPECT_FALSE(status->streaming);
}

TEST_F(UsbEmulationTest, DeviceResetIsDetectedAndTheClockReanchored) {
  FaultPlan faults;
  faults.reset_after = 300;
  EmulatedPlate& emulated = add_plate(fault_spec(), faults);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  const Received got = stream(*plate, emulated, 600);

  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(emulated.truth().device_resets, 1u);
  EXPECT_EQ(h.plate.stream.device_resets, 1u);
  EXPECT_EQ(h.plate.stream.frames_lost, 0u);
  EXPECT_EQ(h.plate.stream.frames_received, emulated.truth().frames_sent);
  ASSERT_EQ(got.events.size(), 1u);
  EXPECT_EQ(got.events[0].kind, RecordingEventKind::kDeviceReset);
  ASSERT_EQ(got.events[0].frame_index, 301u);
  EXPECT_EQ(got.frames[300].seq, 300u);
  EXPECT_EQ(got.frames[301].seq, 0u);
  EXPECT_EQ(got.frames[301].t_us, 0u);  // its clock restarted too
  EXPECT_EQ(h.clock_reanchors, 1u);
  EXPECT_LT(h.plate.mean_latency_ms, 1000.0);
  // After the reset the clock maps on: a frame maps 1 ms after the one before.
  const auto step = plate->host_time(got.frames.back().t_us) -
                    plate->host_time(got.frames[got.frames.size() - 2].t_us);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::microseconds>(step).count(), 1000);
}

TEST_F(UsbEmulationTest, OverloadAndAdcErrorFlagsAreKeptAndCounted) {
  FaultPlan faults;
  faults.overload = {10, 11, 12};
  faults.adc_error = {20};
  EmulatedPlate& emulated = add_plate(fault_spec(), faults);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  const Received got = stream(*plate, emulated, 100);

  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(h.plate.overload_frames, 3u);
  EXPECT_EQ(h.plate.adc_error_frames, 1u);
  ASSERT_GT(got.frames.size(), 20u);
  EXPECT_TRUE(frames_are_contiguous(got.frames, 4));
  EXPECT_EQ(got.frames[11].flags, 0x0001);
  EXPECT_EQ(got.frames[20].flags, frame_flag::kAdcError);
  EXPECT_EQ(got.frames[21].flags, 0);
}

TEST_F(UsbEmulationTest, FailedTransfersAreCountedAndResubmittedWithoutLoss) {
  FaultPlan faults;
  faults.urb_error = {2, 5, 6};  // early: reached however many frames a transfer carries
  EmulatedPlate& emulated = add_plate(fault_spec(), faults);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  const Received got = stream(*plate, emulated, 400);

  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(emulated.truth().in_urbs_failed, 3u);
  EXPECT_EQ(h.plate.transfer_errors, 3u);
  EXPECT_EQ(h.plate.stream.frames_lost, 0u);
  EXPECT_EQ(got.frames.size(), emulated.truth().frames_sent);
  EXPECT_TRUE(frames_are_contiguous(got.frames, 4));
}

TEST_F(UsbEmulationTest, StalledEndpointIsClearedAndTheStreamGoesOn) {
  FaultPlan faults;
  faults.urb_stall = 10;
  EmulatedPlate& emulated = add_plate(fault_spec(), faults);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  const Received got = stream(*plate, emulated, 500);

  const PlateTruth truth = emulated.truth();
  const usb::UsbHealth h = plate->usb_health();
  EXPECT_GE(truth.in_urbs_failed, 1u);
  EXPECT_EQ(h.plate.transfer_errors, truth.in_urbs_failed);
  EXPECT_EQ(truth.clear_halts, 1u);
  EXPECT_EQ(h.stalls_cleared, 1u);
  EXPECT_EQ(h.plate.stream.frames_lost, 0u);
  EXPECT_EQ(got.frames.size(), truth.frames_sent);
  EXPECT_GT(got.frames.size(), 400u);
  EXPECT_TRUE(frames_are_contiguous(got.frames, 4));
}

TEST_F(UsbEmulationTest, DeviceClockWrapIsHandled) {
  PlateSpec spec = fault_spec();
  spec.clock_start_us = 0xFFFFFFFFu - 250000u;  // wraps about 0.25 s after plugging in
  EmulatedPlate& emulated = add_plate(spec);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  const Received got = stream(*plate, emulated, 600);

  ASSERT_GT(got.frames.size(), 500u);
  EXPECT_TRUE(frames_are_contiguous(got.frames, 4));
  bool wrapped = false;
  for (std::size_t i = 1; i < got.frames.size(); ++i) {
    wrapped = wrapped || got.frames[i].t_us < got.frames[i - 1].t_us;
    const auto step =
        plate->host_time(got.frames[i].t_us) - plate->host_time(got.frames[i - 1].t_us);
    ASSERT_EQ(std::chrono::duration_cast<std::chrono::microseconds>(step).count(), 1000) << i;
  }
  EXPECT_TRUE(wrapped);
  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(h.clock_reanchors, 0u);
  EXPECT_GT(h.plate.mean_latency_ms, 0.0);
  EXPECT_LT(h.plate.mean_latency_ms, 1000.0);
  EXPECT_LT(h.max_latency_ms, 5000.0);
  // The last frame was sampled before it arrived, and not long before.
  const auto age = std::chrono::steady_clock::now() - plate->host_time(got.frames.back().t_us);
  EXPECT_GT(age.count(), 0);
  EXPECT_LT(age, std::chrono::seconds(5));
}

}  // namespace
}  // namespace stance::usbemu
