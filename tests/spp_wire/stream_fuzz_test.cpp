// Randomised tests of the stream decoder with fixed seeds: random bytes must never crash it or
// break its bookkeeping, and random single-byte corruptions of a valid stream must give exactly
// the counts an independent model of section 5 predicts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "spp_test_frames.hpp"
#include "spp_wire/spp_wire.hpp"

namespace stance::spp {
namespace {

// What must hold whatever was fed in.
void expect_consistent(const StreamDecoder& decoder, const std::vector<RawFrame>& frames,
                       const std::vector<RecordingEvent>& events) {
  const StreamCounters& c = decoder.counters();
  EXPECT_EQ(c.frames_received, frames.size());
  EXPECT_LE(c.resyncs, c.sync_errors);
  std::uint64_t error_count = 0;
  std::uint64_t reset_events = 0;
  std::uint64_t previous_index = 0;
  for (const RecordingEvent& event : events) {
    if (event.kind == RecordingEventKind::kStreamError) error_count += event.count;
    if (event.kind == RecordingEventKind::kDeviceReset) ++reset_events;
    EXPECT_LE(event.frame_index, frames.size());
    EXPECT_GE(event.frame_index, previous_index) << "events must be in frame order";
    previous_index = event.frame_index;
  }
  EXPECT_EQ(error_count, c.sync_errors + c.crc_errors);
  EXPECT_EQ(reset_events, c.device_resets);
  std::uint64_t overloaded = 0;
  std::uint64_t adc_errors = 0;
  for (const RawFrame& frame : frames) {
    if ((frame.flags & frame_flag::kOverloadMask) != 0) ++overloaded;
    if ((frame.flags & frame_flag::kAdcError) != 0) ++adc_errors;
  }
  EXPECT_EQ(decoder.overload_frames(), overloaded);
  EXPECT_EQ(decoder.adc_error_frames(), adc_errors);
}

TEST(StreamFuzz, RandomBytesAndMangledFramesNeverBreakTheDecoder) {
  std::mt19937 rng(20261125);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> percent(0, 99);
  for (const int channels : {4, 6}) {
    StreamDecoder decoder(channels);
    std::vector<RawFrame> frames;
    std::vector<RecordingEvent> events;
    std::uint32_t seq = 0;
    for (int transfer = 0; transfer < 3000; ++transfer) {
      std::vector<std::uint8_t> bytes;
      const int pieces = percent(rng) % 8;
      for (int piece = 0; piece < pieces; ++piece) {
        const int kind = percent(rng);
        if (kind < 50) {  // a valid frame, sometimes with a jump, a reset or random flags
          if (percent(rng) < 5) seq += static_cast<std::uint32_t>(byte(rng) * byte(rng));
          if (percent(rng) < 2) seq = static_cast<std::uint32_t>(byte(rng));
          if (percent(rng) < 2) seq -= static_cast<std::uint32_t>(byte(rng));
          const auto flags = static_cast<std::uint16_t>(percent(rng) < 10 ? byte(rng) << 1 : 0);
          encode_frame(testing::test_frame(seq++, channels, flags), channels, bytes);
        } else if (kind < 70) {  // random bytes, sometimes starting like a frame
          const int length = byte(rng) % 50;
          if (percent(rng) < 50) {
            bytes.push_back(0x5A);
            bytes.push_back(0xA5);
          }
          for (int i = 0; i < length; ++i) bytes.push_back(static_cast<std::uint8_t>(byte(rng)));
        } else if (!bytes.empty()) {  // flip, cut or duplicate what is there
          const auto at = static_cast<std::size_t>(byte(rng) * 256 + byte(rng)) % bytes.size();
          if (kind < 85) {
            bytes[at] ^= static_cast<std::uint8_t>(1 + byte(rng) % 255);
          } else if (kind < 95) {
            bytes.resize(at);
          } else {
            const std::vector<std::uint8_t> copy(bytes.begin() + static_cast<std::ptrdiff_t>(at),
                                                 bytes.end());
            testing::append(bytes, copy);
          }
        }
      }
      if (percent(rng) < 1) decoder.on_start_stream();
      decoder.decode(bytes, frames, events);
    }
    expect_consistent(decoder, frames, events);
    // The mix must have exercised every path, or this test proves little.
    const StreamCounters& c = decoder.counters();
    EXPECT_GT(c.frames_received, 1000u);
    EXPECT_GT(c.crc_errors, 0u);
    EXPECT_GT(c.sync_errors, 0u);
    EXPECT_GT(c.resyncs, 0u);
    EXPECT_GT(c.frames_lost, 0u);
    EXPECT_GT(c.device_resets, 0u);
    EXPECT_GT(c.stale_frames, 0u);
  }
}

TEST(StreamFuzz, PureNoiseNeverDecodes) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255);
  StreamDecoder decoder(4);
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  for (int transfer = 0; transfer < 2000; ++transfer) {
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(byte(rng) + byte(rng)));
    for (auto& b : bytes) b = static_cast<std::uint8_t>(byte(rng));
    decoder.decode(bytes, frames, events);
  }
  expect_consistent(decoder, frames, events);
  // A random frame passes sync and CRC with odds of 2^-32.
  EXPECT_EQ(frames.size(), 0u);
}

// Single-byte corruptions of a valid stream, whole frames per transfer. A flip in the sync word
// breaks sync, a flip in any other byte up to the CRC breaks the CRC (CRC-16 catches every error
// burst of 16 bits or fewer), a flip in the reserved word changes nothing. A run of broken syncs
// inside one transfer is one sync error, plus one resync when a frame follows it.
TEST(StreamFuzz, CorruptedValidStreamGivesExactlyTheModelsCounts) {
  std::mt19937 rng(4242);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<int> flip(1, 255);
  for (const int channels : {4, 6}) {
    const std::size_t size = frame_size(channels);
    std::uniform_int_distribution<std::size_t> position(0, size - 1);
    std::uniform_int_distribution<std::size_t> frames_per_transfer(1, 12);

    StreamDecoder decoder(channels);
    decoder.on_start_stream();
    std::vector<RawFrame> frames;
    std::vector<RecordingEvent> events;
    std::vector<std::uint32_t> expected_seqs;
    std::uint64_t expected_crc = 0;
    std::uint64_t expected_sync = 0;
    std::uint64_t expected_resyncs = 0;
    std::uint64_t expected_error_events = 0;

    const std::uint32_t total = 20000;
    std::uint32_t seq = 0;
    while (seq < total) {
      const auto count = static_cast<std::uint32_t>(
          std::min<std::size_t>(frames_per_transfer(rng), total - 1 - seq));
      const bool last = count == 0;  // the last frame goes alone and clean, so no loss is hidden
      const std::uint32_t n = last ? 1 : count;
      std::vector<std::uint8_t> bytes = testing::test_frames(seq, n, channels);
      bool in_sync_run = false;
      bool any_error = false;
      for (std::uint32_t i = 0; i < n; ++i) {
        const std::size_t at = (percent(rng) < 8 && !last) ? position(rng) : size;
        if (at < size) bytes[i * size + at] ^= static_cast<std::uint8_t>(flip(rng));
        if (at < 2) {
          if (!in_sync_run) {
            ++expected_sync;
            any_error = true;
          }
          in_sync_run = true;
          continue;
        }
        if (in_sync_run) ++expected_resyncs;
        in_sync_run = false;
        if (at < size - 2) {
          ++expected_crc;
          any_error = true;
        } else {
          expected_seqs.push_back(seq + i);
        }
      }
      if (any_error) ++expected_error_events;
      decoder.decode(bytes, frames, events);
      seq += n;
    }

    expect_consistent(decoder, frames, events);
    std::vector<std::uint32_t> seqs;
    for (const RawFrame& frame : frames) seqs.push_back(frame.seq);
    EXPECT_EQ(seqs, expected_seqs);
    const StreamCounters& c = decoder.counters();
    EXPECT_EQ(c.frames_received, expected_seqs.size());
    EXPECT_EQ(c.frames_received + c.frames_lost, total);
    EXPECT_EQ(c.crc_errors, expected_crc);
    EXPECT_EQ(c.sync_errors, expected_sync);
    EXPECT_EQ(c.resyncs, expected_resyncs);
    EXPECT_EQ(events.size(), expected_error_events);
    EXPECT_EQ(c.device_resets, 0u);
    EXPECT_EQ(c.stale_frames, 0u);
    EXPECT_GT(expected_sync, 50u);
    EXPECT_GT(expected_resyncs, 30u);
    EXPECT_GT(expected_crc, 500u);
  }
}

}  // namespace
}  // namespace stance::spp
