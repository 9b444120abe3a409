// Every injected device fault is seen by the real SPP decoder and counted exactly.
#include <gtest/gtest.h>

#include <vector>

#include "sim_test_util.hpp"
#include "simulated/simulated_plate.hpp"

namespace stance::sim {
namespace {

using test::Capture;
using test::open_plate;
using test::stream_for;

// At 1 kHz a transfer carries samples [10k, 10k + 10): the bursts below sit inside one transfer.

TEST(Faults, CrcErrorsAreCountedAndTheirFramesMissing) {
  auto plate = open_plate("realtime=0,crc_s=2.002,crc_frames=5");
  ASSERT_TRUE(plate);
  const Capture cap = stream_for(*plate, 4.0);
  const PlateHealth h = plate->health();
  EXPECT_EQ(plate->fault_truth().crc_corrupted, 5u);
  EXPECT_EQ(h.stream.crc_errors, 5u);
  EXPECT_EQ(h.stream.frames_lost, 5u);  // discarded in the host: a seq gap
  EXPECT_EQ(h.stream.frames_received, 4000u - 5u);
  EXPECT_EQ(h.stream.sync_errors, 0u);
  ASSERT_EQ(cap.frames.size(), 3995u);
  EXPECT_EQ(cap.frames[2001].seq, 2001u);
  EXPECT_EQ(cap.frames[2002].seq, 2007u);
  ASSERT_EQ(cap.events.size(), 1u);
  EXPECT_EQ(cap.events[0].kind, RecordingEventKind::kStreamError);
  EXPECT_EQ(cap.events[0].count, 5u);
  EXPECT_EQ(cap.events[0].frame_index, 2002u);
}

TEST(Faults, BadSyncIsOneErrorAndOneResyncPerBurst) {
  auto plate = open_plate("realtime=0,sync_s=3.001,sync_frames=3");
  ASSERT_TRUE(plate);
  const Capture cap = stream_for(*plate, 4.0);
  const PlateHealth h = plate->health();
  EXPECT_EQ(plate->fault_truth().sync_corrupted, 3u);
  // The decoder skips to the next frame boundary with 0xA55A: the three bad frames are one error.
  EXPECT_EQ(h.stream.sync_errors, 1u);
  EXPECT_EQ(h.stream.resyncs, 1u);
  EXPECT_EQ(h.stream.frames_lost, 3u);
  EXPECT_EQ(h.stream.crc_errors, 0u);
  EXPECT_EQ(cap.frames.size(), 3997u);
  ASSERT_EQ(cap.events.size(), 1u);
  EXPECT_EQ(cap.events[0].kind, RecordingEventKind::kStreamError);
}

TEST(Faults, DeviceDropIsALostGapFlaggedOnTheNextFrame) {
  auto plate = open_plate("realtime=0,drop_s=1.5,drop_frames=7");
  ASSERT_TRUE(plate);
  const Capture cap = stream_for(*plate, 3.0);
  EXPECT_EQ(plate->health().stream.frames_lost, 7u);
  EXPECT_EQ(plate->fault_truth().device_dropped, 7u);
  EXPECT_EQ(plate->status().frames_dropped, 7u);
  ASSERT_EQ(cap.frames.size(), 2993u);
  int flagged = 0;
  for (const auto& f : cap.frames) {
    if ((f.flags & frame_flag::kDeviceDropped) != 0) {
      ++flagged;
      EXPECT_EQ(f.seq, 1507u);  // the first frame after samples 1500..1506
    }
  }
  EXPECT_EQ(flagged, 1);
}

TEST(Faults, RandomLossIsCountedExactlyFromSeqGaps) {
  auto plate = open_plate("realtime=0,loss_prob=0.01,seed=21");
  ASSERT_TRUE(plate);
  const Capture cap = stream_for(*plate, 10.0);
  const FaultTruth truth = plate->fault_truth();
  ASSERT_FALSE(cap.frames.empty());
  // Frames lost after the last one received cannot show as a gap yet.
  const std::uint64_t trailing = truth.samples - 1 - cap.frames.back().seq;
  EXPECT_GT(truth.bus_lost, 70u);  // ~100 expected of 10000
  EXPECT_LT(truth.bus_lost, 130u);
  EXPECT_EQ(plate->health().stream.frames_lost, truth.bus_lost - trailing);
  EXPECT_EQ(cap.frames.size(), 10000u - truth.bus_lost);
  for (const auto& f : cap.frames) EXPECT_EQ(f.flags & frame_flag::kDeviceDropped, 0);
}

TEST(Faults, OverloadFramesAreFlaggedAtFullScale) {
  auto plate = open_plate("realtime=0,overload_s=1.0,overload_end_s=1.5,overload_ch=2");
  ASSERT_TRUE(plate);
  const Capture cap = stream_for(*plate, 2.0);
  EXPECT_EQ(plate->health().overload_frames, 500u);
  EXPECT_EQ(plate->fault_truth().overload_frames, 500u);
  for (const auto& f : cap.frames) {
    const bool in = f.seq >= 1000 && f.seq < 1500;
    ASSERT_EQ(f.flags & frame_flag::kOverloadMask, in ? 1u << 2 : 0u) << "seq " << f.seq;
    if (in) {
      ASSERT_EQ(f.counts[2], plate->plate_model().full_scale_counts());
    }
  }
}

TEST(Faults, AdcErrorFramesAreFlaggedWithStaleCounts) {
  auto plate = open_plate("realtime=0,adc_error_s=2.5,adc_error_frames=4");
  ASSERT_TRUE(plate);
  const Capture cap = stream_for(*plate, 3.0);
  EXPECT_EQ(plate->health().adc_error_frames, 4u);
  ASSERT_EQ(cap.frames.size(), 3000u);
  for (std::size_t i = 0; i < cap.frames.size(); ++i) {
    const bool in = i >= 2500 && i < 2504;
    ASSERT_EQ((cap.frames[i].flags & frame_flag::kAdcError) != 0, in) << i;
    if (in) {
      ASSERT_EQ(cap.frames[i].counts, cap.frames[2499].counts);
    }
  }
  EXPECT_NE(cap.frames[2504].counts, cap.frames[2499].counts);
}

TEST(Faults, DeviceResetIsOneResetWithItsEventAndNoLoss) {
  auto plate = open_plate("realtime=0,reset_s=2.0");
  ASSERT_TRUE(plate);
  const Capture cap = stream_for(*plate, 3.0);
  const PlateHealth h = plate->health();
  EXPECT_EQ(h.stream.device_resets, 1u);
  EXPECT_EQ(h.stream.frames_lost, 0u);
  ASSERT_EQ(cap.frames.size(), 3000u);
  ASSERT_EQ(cap.events.size(), 1u);
  EXPECT_EQ(cap.events[0].kind, RecordingEventKind::kDeviceReset);
  EXPECT_EQ(cap.events[0].frame_index, 2000u);
  EXPECT_EQ(cap.frames[1999].seq, 1999u);
  EXPECT_EQ(cap.frames[2000].seq, 0u);
  EXPECT_EQ(cap.frames[2000].t_us, 0u);  // the device's clock restarted with it
  EXPECT_EQ(cap.frames[2999].seq, 999u);
  EXPECT_EQ(plate->fault_truth().reset_samples, std::vector<std::uint64_t>{2000});
}

TEST(Faults, UnplugDeliversEverythingBeforeItThenStaysDisconnected) {
  auto plate = open_plate("realtime=0,unplug_s=2.345");
  ASSERT_TRUE(plate);
  const Capture cap = stream_for(*plate, 10.0);
  EXPECT_TRUE(cap.disconnected);
  ASSERT_EQ(cap.frames.size(), 2345u);
  EXPECT_EQ(cap.frames.back().seq, 2344u);
  EXPECT_TRUE(plate->fault_truth().unplugged);
  EXPECT_EQ(plate->fault_truth().unplug_sample, 2345u);
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(plate->read(frames, events, std::chrono::milliseconds(1)), ReadStatus::kDisconnected);
  }
  EXPECT_TRUE(frames.empty());
  EXPECT_FALSE(plate->start());
  EXPECT_FALSE(plate->set_rate(500));
}

// With the unplug on a transfer boundary, the read that finds the plate gone appends nothing.
TEST(Faults, UnplugOnATransferBoundary) {
  auto plate = open_plate("realtime=0,unplug_s=1.0");
  ASSERT_TRUE(plate);
  ASSERT_TRUE(plate->start());
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  ReadStatus r = ReadStatus::kFrames;
  int reads = 0;
  while (r == ReadStatus::kFrames) {
    r = plate->read(frames, events, std::chrono::milliseconds(1));
    ++reads;
  }
  EXPECT_EQ(r, ReadStatus::kDisconnected);
  EXPECT_EQ(frames.size(), 1000u);
  EXPECT_EQ(reads, 101);
}

}  // namespace
}  // namespace stance::sim
