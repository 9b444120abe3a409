#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "spp_test_frames.hpp"
#include "spp_wire/spp_wire.hpp"

namespace stance::spp {
namespace {

TEST(Frame, SizesFollowTheChannelCount) {
  EXPECT_EQ(frame_size(4), 32u);
  EXPECT_EQ(frame_size(6), 40u);
  EXPECT_EQ(frame_size(-3), frame_size(0));  // clamped: never indexes past RawFrame::counts
  EXPECT_EQ(frame_size(99), frame_size(kMaxChannels));
}

TEST(Frame, BytesAreLittleEndianAtTheDocumentedOffsets) {
  RawFrame frame;
  frame.flags = 0x0201;
  frame.seq = 0x04030201;
  frame.t_us = 0xA1B2C3D4;
  frame.counts = {-2, 0x11223344, 0, -8388608, 99, 99};  // channels 4 and 5 are not sent
  std::vector<std::uint8_t> bytes;
  encode_frame(frame, 4, bytes);
  const std::vector<std::uint8_t> expected_head{
      0x5A, 0xA5,              // sync 0xA55A
      0x01, 0x02,              // flags
      0x01, 0x02, 0x03, 0x04,  // seq
      0xD4, 0xC3, 0xB2, 0xA1,  // t_us
      0xFE, 0xFF, 0xFF, 0xFF,  // -2
      0x44, 0x33, 0x22, 0x11,  // 0x11223344
      0x00, 0x00, 0x00, 0x00,  // 0
      0x00, 0x00, 0x80, 0xFF,  // -2^23, sign-extended
  };
  ASSERT_EQ(bytes.size(), 32u);
  EXPECT_EQ(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 28), expected_head);
  const std::uint16_t crc = crc16_ccitt_false(std::span<const std::uint8_t>(bytes).first(28));
  EXPECT_EQ(bytes[28], crc & 0xFF);
  EXPECT_EQ(bytes[29], crc >> 8);
  EXPECT_EQ(bytes[30], 0);  // reserved
  EXPECT_EQ(bytes[31], 0);
}

TEST(Frame, EncodeAppends) {
  std::vector<std::uint8_t> bytes{1, 2, 3};
  encode_frame(testing::test_frame(5, 6), 6, bytes);
  ASSERT_EQ(bytes.size(), 3u + 40u);
  EXPECT_EQ(bytes[0], 1);
  EXPECT_EQ(bytes[3], 0x5A);
  EXPECT_EQ(bytes[4], 0xA5);
}

void expect_round_trip(int channel_count) {
  RawFrame in;
  in.seq = 0xFFFFFFFF;
  in.t_us = 123456789;
  in.flags = frame_flag::kAdcError | 0x0005;
  for (int i = 0; i < channel_count; ++i) in.counts[i] = (i % 2 == 0 ? -1 : 1) * (1000 * i + 7);
  in.counts[0] = -8388608;
  std::vector<std::uint8_t> bytes;
  encode_frame(in, channel_count, bytes);
  ASSERT_EQ(bytes.size(), frame_size(channel_count));

  RawFrame out;
  out.counts.fill(42);  // must be overwritten, also past channel_count
  ASSERT_EQ(decode_frame(bytes, channel_count, out), FrameCheck::kOk);
  EXPECT_EQ(out.seq, in.seq);
  EXPECT_EQ(out.t_us, in.t_us);
  EXPECT_EQ(out.flags, in.flags);
  for (int i = 0; i < kMaxChannels; ++i) {
    EXPECT_EQ(out.counts[i], i < channel_count ? in.counts[i] : 0) << "channel " << i;
  }
}

TEST(Frame, RoundTripFourChannelsWithNegativeCounts) {
  expect_round_trip(4);
}
TEST(Frame, RoundTripSixChannelsWithNegativeCounts) {
  expect_round_trip(6);
}

TEST(Frame, DecodeReportsWhatIsWrong) {
  std::vector<std::uint8_t> bytes;
  encode_frame(testing::test_frame(7, 4), 4, bytes);
  RawFrame out;
  out.seq = 999;

  EXPECT_EQ(decode_frame(std::span<const std::uint8_t>(bytes).first(31), 4, out),
            FrameCheck::kTooShort);
  EXPECT_EQ(decode_frame({}, 4, out), FrameCheck::kTooShort);
  // A 4-channel frame is too short for a 6-channel decoder.
  EXPECT_EQ(decode_frame(bytes, 6, out), FrameCheck::kTooShort);

  auto bad_sync = bytes;
  bad_sync[1] = 0xA6;
  EXPECT_EQ(decode_frame(bad_sync, 4, out), FrameCheck::kBadSync);

  for (std::size_t at = 2; at < 30; ++at) {  // every byte the CRC covers, and the CRC itself
    auto bad = bytes;
    bad[at] ^= 0x10;
    EXPECT_EQ(decode_frame(bad, 4, out), FrameCheck::kBadCrc) << "byte " << at;
  }
  EXPECT_EQ(out.seq, 999u) << "a rejected frame must leave the output alone";

  auto reserved = bytes;  // the reserved word is outside the CRC and ignored
  reserved[31] = 0x77;
  EXPECT_EQ(decode_frame(reserved, 4, out), FrameCheck::kOk);
  EXPECT_EQ(out.seq, 7u);
}

TEST(Frame, DecodeReadsOnlyTheFirstFrame) {
  std::vector<std::uint8_t> bytes = testing::test_frames(10, 2, 4);
  bytes.push_back(0xEE);
  RawFrame out;
  ASSERT_EQ(decode_frame(bytes, 4, out), FrameCheck::kOk);
  EXPECT_EQ(out.seq, 10u);
}

TEST(Rates, AllowedRatesUpToTheMaximum) {
  for (const std::uint16_t rate : kAllowedRates_hz) {
    EXPECT_TRUE(rate_allowed(rate, 2000)) << rate;
    EXPECT_EQ(rate_allowed(rate, 500), rate <= 500) << rate;
  }
  EXPECT_TRUE(rate_allowed(1000, 1000));
  EXPECT_FALSE(rate_allowed(2000, 1000));
  EXPECT_FALSE(rate_allowed(0, 2000));
  EXPECT_FALSE(rate_allowed(150, 2000));
  EXPECT_FALSE(rate_allowed(4000, 65535));
  EXPECT_FALSE(rate_allowed(100, 99));
}

}  // namespace
}  // namespace stance::spp
