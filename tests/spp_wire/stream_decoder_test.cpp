#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "spp_test_frames.hpp"
#include "spp_wire/spp_wire.hpp"

namespace stance::spp {
namespace {

using testing::append;
using ::testing::HasSubstr;
using testing::test_frame;
using testing::test_frames;

constexpr std::size_t kFrame4 = 32;  // bytes of a 4-channel frame

// One decoder with its outputs, as the USB driver will hold them.
struct Harness {
  explicit Harness(int channel_count) : decoder(channel_count) {}
  void feed(const std::vector<std::uint8_t>& transfer) { decoder.decode(transfer, frames, events); }
  std::vector<std::uint32_t> seqs() const {
    std::vector<std::uint32_t> out;
    for (const RawFrame& frame : frames) out.push_back(frame.seq);
    return out;
  }
  StreamDecoder decoder;
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
};

std::vector<std::uint32_t> seq_range(std::uint32_t first, std::uint32_t count) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < count; ++i) out.push_back(first + i);
  return out;
}

void expect_counters(const StreamCounters& c, std::uint64_t received, std::uint64_t lost,
                     std::uint64_t crc, std::uint64_t sync, std::uint64_t resyncs,
                     std::uint64_t resets, std::uint64_t stale = 0) {
  EXPECT_EQ(c.frames_received, received);
  EXPECT_EQ(c.frames_lost, lost);
  EXPECT_EQ(c.crc_errors, crc);
  EXPECT_EQ(c.sync_errors, sync);
  EXPECT_EQ(c.resyncs, resyncs);
  EXPECT_EQ(c.device_resets, resets);
  EXPECT_EQ(c.stale_frames, stale);
}

TEST(StreamDecoder, ManyFramesInOneTransfer) {
  for (const int channels : {4, 6}) {
    Harness h(channels);
    h.decoder.on_start_stream();
    h.feed(test_frames(0, 10, channels));
    ASSERT_EQ(h.frames.size(), 10u) << channels << " channels";
    for (std::uint32_t i = 0; i < 10; ++i) {
      const RawFrame want = test_frame(i, channels);
      EXPECT_EQ(h.frames[i].seq, want.seq);
      EXPECT_EQ(h.frames[i].t_us, want.t_us);
      EXPECT_EQ(h.frames[i].counts, want.counts);
    }
    expect_counters(h.decoder.counters(), 10, 0, 0, 0, 0, 0);
    EXPECT_TRUE(h.events.empty());
  }
}

TEST(StreamDecoder, AnyNumberOfFramesPerTransfer) {
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(test_frames(0, 1, 4));
  h.feed({});  // an empty transfer is nothing
  h.feed(test_frames(1, 3, 4));
  h.feed(test_frames(4, 16, 4));
  EXPECT_EQ(h.seqs(), seq_range(0, 20));
  expect_counters(h.decoder.counters(), 20, 0, 0, 0, 0, 0);
  EXPECT_TRUE(h.events.empty());
}

TEST(StreamDecoder, BadCrcFramesAreSkippedAndCountedExactly) {
  auto bytes = test_frames(0, 10, 4);
  bytes[2 * kFrame4 + 14] ^= 0x01;  // a count byte of frame 2
  bytes[7 * kFrame4 + 28] ^= 0x80;  // the CRC of frame 7
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(bytes);
  EXPECT_EQ(h.seqs(), (std::vector<std::uint32_t>{0, 1, 3, 4, 5, 6, 8, 9}));
  expect_counters(h.decoder.counters(), 8, 2, 2, 0, 0, 0);
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].kind, RecordingEventKind::kStreamError);
  EXPECT_EQ(h.events[0].frame_index, 2u);
  EXPECT_EQ(h.events[0].count, 2u);
}

TEST(StreamDecoder, BadSyncResynchronisesAtTheNextFrameBoundary) {
  auto bytes = test_frames(0, 10, 4);
  bytes[3 * kFrame4] = 0x00;  // sync of frame 3
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(bytes);
  EXPECT_EQ(h.seqs(), (std::vector<std::uint32_t>{0, 1, 2, 4, 5, 6, 7, 8, 9}));
  expect_counters(h.decoder.counters(), 9, 1, 0, 1, 1, 0);
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].kind, RecordingEventKind::kStreamError);
  EXPECT_EQ(h.events[0].frame_index, 3u);
  EXPECT_EQ(h.events[0].count, 1u);
}

TEST(StreamDecoder, ConsecutiveBadSyncsAreOneErrorAndOneResync) {
  auto bytes = test_frames(0, 10, 6);
  bytes[3 * 40 + 1] = 0x00;
  bytes[4 * 40] = 0x00;
  bytes[5 * 40 + 1] = 0xA4;
  Harness h(6);
  h.decoder.on_start_stream();
  h.feed(bytes);
  EXPECT_EQ(h.seqs(), (std::vector<std::uint32_t>{0, 1, 2, 6, 7, 8, 9}));
  expect_counters(h.decoder.counters(), 7, 3, 0, 1, 1, 0);
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].count, 1u);
}

TEST(StreamDecoder, BadSyncWithNoLaterFrameDropsTheRest) {
  auto bytes = test_frames(0, 5, 4);
  bytes[4 * kFrame4] = 0x11;  // the last frame
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(bytes);
  EXPECT_EQ(h.seqs(), seq_range(0, 4));
  expect_counters(h.decoder.counters(), 4, 0, 0, 1, 0, 0);
  h.feed(test_frames(5, 2, 4));  // the next transfer is fine again; frame 4 shows as lost
  expect_counters(h.decoder.counters(), 6, 1, 0, 1, 0, 0);
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].frame_index, 4u);
}

TEST(StreamDecoder, ResyncNeedsAWholeFrameAfterTheSyncWord) {
  auto bytes = test_frames(0, 4, 4);
  bytes[2 * kFrame4] = 0;                   // frame 2 loses its sync...
  bytes.resize(3 * kFrame4 + kFrame4 / 2);  // ...and frame 3 is cut: its sync alone is no frame
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(bytes);
  EXPECT_EQ(h.seqs(), seq_range(0, 2));
  expect_counters(h.decoder.counters(), 2, 0, 0, 1, 0, 0);
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].count, 1u);
}

TEST(StreamDecoder, GarbageOfAWholeFrameBetweenFramesIsSkipped) {
  std::vector<std::uint8_t> bytes = test_frames(0, 4, 4);
  for (std::size_t i = 0; i < kFrame4; ++i) bytes.push_back(static_cast<std::uint8_t>(0x30 + i));
  append(bytes, test_frames(4, 6, 4));
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(bytes);
  EXPECT_EQ(h.seqs(), seq_range(0, 10));
  expect_counters(h.decoder.counters(), 10, 0, 0, 1, 1, 0);
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].frame_index, 4u);
}

TEST(StreamDecoder, MisalignedGarbageLosesTheRestOfThatTransferOnly) {
  // Frames never straddle a frame boundary on the wire, so the decoder resynchronises only on
  // its own frame boundaries: after 7 stray bytes nothing more of this transfer can be trusted.
  std::vector<std::uint8_t> bytes = test_frames(0, 5, 4);
  for (int i = 0; i < 7; ++i) bytes.push_back(0xEE);
  append(bytes, test_frames(5, 5, 4));
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(bytes);
  EXPECT_EQ(h.seqs(), seq_range(0, 5));
  expect_counters(h.decoder.counters(), 5, 0, 0, 1, 0, 0);

  h.feed(test_frames(10, 5, 4));
  EXPECT_EQ(h.frames.size(), 10u);
  expect_counters(h.decoder.counters(), 10, 5, 0, 1, 0, 0);
}

TEST(StreamDecoder, TrailingPartialFrameIsDroppedAsASyncError) {
  std::vector<std::uint8_t> bytes = test_frames(0, 4, 4);
  bytes.resize(3 * kFrame4 + 10);
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(bytes);
  EXPECT_EQ(h.seqs(), seq_range(0, 3));
  expect_counters(h.decoder.counters(), 3, 0, 0, 1, 0, 0);
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].kind, RecordingEventKind::kStreamError);
  EXPECT_EQ(h.events[0].frame_index, 3u);
  EXPECT_EQ(h.events[0].count, 1u);
}

TEST(StreamDecoder, ErrorsOfOneTransferMakeOneEventCountingThemAll) {
  auto bytes = test_frames(0, 8, 4);
  bytes[1 * kFrame4 + 5] ^= 0x04;  // crc error
  bytes[3 * kFrame4] = 0;          // sync error, resync at frame 4
  bytes[6 * kFrame4 + 9] ^= 0x20;  // crc error
  bytes.resize(bytes.size() + 5);  // trailing partial: sync error
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(bytes);
  EXPECT_EQ(h.seqs(), (std::vector<std::uint32_t>{0, 2, 4, 5, 7}));
  expect_counters(h.decoder.counters(), 5, 3, 2, 2, 1, 0);
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].frame_index, 1u);
  EXPECT_EQ(h.events[0].count, 4u);

  auto second = test_frames(8, 3, 4);
  second[2 * kFrame4 + 20] ^= 0xFF;
  h.feed(second);
  ASSERT_EQ(h.events.size(), 2u);  // a new transfer, a new event
  EXPECT_EQ(h.events[1].frame_index, 7u);
  EXPECT_EQ(h.events[1].count, 1u);
}

TEST(StreamDecoder, SeqGapCountsLostFrames) {
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(test_frames(0, 5, 4));
  h.feed(test_frames(10, 5, 4));  // frames 5..9 never arrived
  EXPECT_EQ(h.frames.size(), 10u);
  expect_counters(h.decoder.counters(), 10, 5, 0, 0, 0, 0);
  EXPECT_TRUE(h.events.empty());  // the gap stays visible as a seq jump in the frames
  EXPECT_EQ(h.frames[5].seq, 10u);
}

TEST(StreamDecoder, FirstFrameAfterStartIsExpectedToBeSeqZero) {
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(test_frames(3, 2, 4));
  expect_counters(h.decoder.counters(), 2, 3, 0, 0, 0, 0);
}

TEST(StreamDecoder, WithoutStartTheFirstFrameSetsTheSequence) {
  Harness h(4);  // e.g. joining a plate that already streams
  h.feed(test_frames(5000, 3, 4));
  expect_counters(h.decoder.counters(), 3, 0, 0, 0, 0, 0);
}

TEST(StreamDecoder, SeqWrapIsNotALoss) {
  Harness h(4);
  h.feed(test_frames(0xFFFFFFFEu, 5, 4));  // ...FE, ...FF, 0, 1, 2
  EXPECT_EQ(h.seqs(), (std::vector<std::uint32_t>{0xFFFFFFFEu, 0xFFFFFFFFu, 0, 1, 2}));
  expect_counters(h.decoder.counters(), 5, 0, 0, 0, 0, 0);
  EXPECT_TRUE(h.events.empty());
}

TEST(StreamDecoder, GapAcrossTheWrapIsCounted) {
  Harness h(4);
  h.feed(test_frames(0xFFFFFFFDu, 1, 4));
  h.feed(test_frames(2, 1, 4));  // FE, FF, 0, 1 lost
  expect_counters(h.decoder.counters(), 2, 4, 0, 0, 0, 0);
}

TEST(StreamDecoder, DeviceResetIsDetectedWithItsEventAtTheRightFrame) {
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(test_frames(0, 100, 4));
  auto bytes = test_frames(100, 3, 4);
  append(bytes, test_frames(0, 4, 4));  // the device restarted counting mid-transfer
  h.feed(bytes);
  ASSERT_EQ(h.frames.size(), 107u);
  expect_counters(h.decoder.counters(), 107, 0, 0, 0, 0, 1);
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].kind, RecordingEventKind::kDeviceReset);
  EXPECT_EQ(h.events[0].frame_index, 103u);
  EXPECT_EQ(h.frames[103].seq, 0u);  // the frame after the reset is kept
  EXPECT_THAT(h.events[0].detail, HasSubstr("device reset: seq went back from 102 to 0"));

  h.feed(test_frames(4, 2, 4));  // and the count goes on from there
  expect_counters(h.decoder.counters(), 109, 0, 0, 0, 0, 1);
}

TEST(StreamDecoder, ResetWithTheFirstFramesMissingCountsThemLost) {
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(test_frames(0, 50, 4));
  h.feed(test_frames(2, 3, 4));
  expect_counters(h.decoder.counters(), 53, 2, 0, 0, 0, 1);
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].frame_index, 50u);
  EXPECT_THAT(h.events[0].detail, HasSubstr("from 49 to 2"));
}

TEST(StreamDecoder, SeqZeroAfterStartStreamIsNotAReset) {
  Harness h(4);
  h.decoder.on_start_stream();
  h.feed(test_frames(0, 50, 4));
  h.decoder.on_start_stream();  // this host restarted the stream
  h.feed(test_frames(0, 50, 4));
  expect_counters(h.decoder.counters(), 100, 0, 0, 0, 0, 0);
  EXPECT_TRUE(h.events.empty());
}

// Frames of one stream at 1000 Hz whose seq 0 was sampled at device time `t0_us`.
std::vector<std::uint8_t> stream_frames(std::uint32_t t0_us, std::uint32_t first_seq,
                                        std::size_t count) {
  std::vector<std::uint8_t> bytes;
  for (std::uint32_t seq = first_seq; seq < first_seq + count; ++seq) {
    RawFrame frame = test_frame(seq, 4);
    frame.t_us = t0_us + seq * 1000u;
    encode_frame(frame, 4, bytes);
  }
  return bytes;
}

TEST(StreamDecoder, FramesOfTheLastStreamAfterStartStreamAreToldApartByTheirOrigin) {
  // The last stream began at device time 0xFFFF0000 (its t_us wrap on the way); the next one
  // 300 ms after its last frame was sampled. Its tail, seqs 400..449, arrives after START_STREAM.
  constexpr std::uint32_t kOldT0 = 0xFFFF0000u;
  const RawFrame last_read = [&] {
    RawFrame f = test_frame(399, 4);
    f.t_us = kOldT0 + 399u * 1000u;
    return f;
  }();
  const std::uint32_t new_t0 = last_read.t_us + 300000u;
  for (const std::uint32_t first_new_seq : {0u, 3u, 420u}) {  // its first frames may be lost
    Harness h(4);
    h.decoder.on_start_stream(stream_origin(last_read, 1000));
    std::vector<std::uint8_t> bytes = stream_frames(kOldT0, 400, 50);
    append(bytes, stream_frames(new_t0, first_new_seq, 20));
    h.feed(bytes);
    EXPECT_EQ(h.seqs(), seq_range(first_new_seq, 20));
    expect_counters(h.decoder.counters(), 20, first_new_seq, 0, 0, 0, 0);
    EXPECT_EQ(h.decoder.previous_stream_frames(), 50u);
    EXPECT_TRUE(h.events.empty());
  }
}

TEST(StreamOrigin, OfAStreamOfUnknownRateFromTwoOfItsFrames) {
  RawFrame earlier = test_frame(7, 4);
  earlier.t_us = 0xFFFFF000u + 7u * 2000u;  // 500 Hz, across the t_us wrap
  RawFrame later = test_frame(10, 4);       // two frames lost between them
  later.t_us = 0xFFFFF000u + 10u * 2000u;
  const auto origin = stream_origin(earlier, later);
  ASSERT_TRUE(origin.has_value());
  EXPECT_EQ(origin->t0_us, 0xFFFFF000u);
  EXPECT_EQ(origin->period_us, 2000u);
  RawFrame same = test_frame(4, 4);
  same.t_us = 0xFFFFF000u + 4u * 2000u;
  EXPECT_TRUE(belongs_to(*origin, same));
  same.t_us += 1500;  // three quarters of a period later: another stream
  EXPECT_FALSE(belongs_to(*origin, same));
  EXPECT_FALSE(stream_origin(later, later).has_value());  // no period from one frame
  later.t_us += 1;                                        // not a whole period apart
  EXPECT_FALSE(stream_origin(earlier, later).has_value());
}

TEST(StreamDecoder, ABackwardSeqBelow65536IsAResetAboveItStale) {
  Harness h(4);
  h.feed(test_frames(200000, 2, 4));
  h.feed(test_frames(65535, 1, 4));  // a reset, with the 65535 frames after it lost
  expect_counters(h.decoder.counters(), 3, 65535, 0, 0, 0, 1);
  Harness g(4);
  g.feed(test_frames(200000, 2, 4));
  g.feed(test_frames(65536, 1, 4));
  expect_counters(g.decoder.counters(), 2, 0, 0, 0, 0, 0, 1);
  EXPECT_TRUE(g.events.empty());
}

TEST(StreamDecoder, StaleOrDuplicateFramesAreDroppedAndCounted) {
  Harness h(4);
  h.feed(test_frames(100000, 10, 4));
  h.feed(test_frames(100005, 1, 4));  // a duplicate, far from 0: not a reset
  h.feed(test_frames(100010, 2, 4));
  EXPECT_EQ(h.seqs(), seq_range(100000, 12));
  expect_counters(h.decoder.counters(), 12, 0, 0, 0, 0, 0, 1);
  EXPECT_TRUE(h.events.empty());
}

TEST(StreamDecoder, OverloadAndAdcErrorFramesAreKeptWithTheirFlagsAndCounted) {
  std::vector<std::uint8_t> bytes;
  const std::vector<std::uint16_t> flags{0,
                                         1u << 2,
                                         frame_flag::kAdcError,
                                         frame_flag::kOverloadMask | frame_flag::kAdcError,
                                         frame_flag::kDeviceDropped,
                                         1u << 5};
  for (std::uint32_t i = 0; i < flags.size(); ++i)
    encode_frame(test_frame(i, 6, flags[i]), 6, bytes);
  Harness h(6);
  h.decoder.on_start_stream();
  h.feed(bytes);
  ASSERT_EQ(h.frames.size(), flags.size());
  for (std::size_t i = 0; i < flags.size(); ++i) EXPECT_EQ(h.frames[i].flags, flags[i]) << i;
  EXPECT_EQ(h.decoder.overload_frames(), 3u);
  EXPECT_EQ(h.decoder.adc_error_frames(), 2u);
  expect_counters(h.decoder.counters(), 6, 0, 0, 0, 0, 0);
}

TEST(StreamDecoder, FramesOfTheWrongSizeNeverDecode) {
  // A 6-channel stream read as 4-channel: every boundary is wrong, nothing may come out as valid.
  Harness h(4);
  h.feed(test_frames(0, 8, 6));
  EXPECT_TRUE(h.frames.empty());
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.decoder.counters().crc_errors + h.decoder.counters().sync_errors, h.events[0].count);
}

}  // namespace
}  // namespace stance::spp
