// One stream frame (section 5) to bytes and back.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "spp_wire/spp_wire.hpp"
#include "spp_wire/wire.hpp"

namespace stance::spp {
namespace {

constexpr std::size_t kSyncOffset = 0;
constexpr std::size_t kFlagsOffset = 2;
constexpr std::size_t kSeqOffset = 4;
constexpr std::size_t kTimeOffset = 8;
constexpr std::size_t kCountsOffset = 12;

constexpr std::size_t crc_offset(int channel_count) {
  return kCountsOffset + 4 * static_cast<std::size_t>(channel_count);
}

}  // namespace

void encode_frame(const RawFrame& frame, int channel_count, std::vector<std::uint8_t>& out) {
  const int channels = clamp_channel_count(channel_count);
  const std::size_t start = out.size();
  out.resize(start + frame_size(channels));
  const std::span<std::uint8_t> bytes = std::span<std::uint8_t>(out).subspan(start);

  wire::put_u16(bytes, kSyncOffset, kSync);
  wire::put_u16(bytes, kFlagsOffset, frame.flags);
  wire::put_u32(bytes, kSeqOffset, frame.seq);
  wire::put_u32(bytes, kTimeOffset, frame.t_us);
  for (int i = 0; i < channels; ++i) {
    wire::put_i32(bytes, kCountsOffset + 4 * static_cast<std::size_t>(i), frame.counts[i]);
  }
  const std::size_t crc_at = crc_offset(channels);
  wire::put_u16(bytes, crc_at, crc16_ccitt_false(bytes.first(crc_at)));
  wire::put_u16(bytes, crc_at + 2, 0);  // reserved
}

FrameCheck decode_frame(std::span<const std::uint8_t> bytes, int channel_count, RawFrame& frame) {
  const int channels = clamp_channel_count(channel_count);
  if (bytes.size() < frame_size(channels)) return FrameCheck::kTooShort;
  if (wire::get_u16(bytes, kSyncOffset) != kSync) return FrameCheck::kBadSync;
  const std::size_t crc_at = crc_offset(channels);
  if (wire::get_u16(bytes, crc_at) != crc16_ccitt_false(bytes.first(crc_at))) {
    return FrameCheck::kBadCrc;
  }

  frame.flags = wire::get_u16(bytes, kFlagsOffset);
  frame.seq = wire::get_u32(bytes, kSeqOffset);
  frame.t_us = wire::get_u32(bytes, kTimeOffset);
  frame.counts.fill(0);
  for (int i = 0; i < channels; ++i) {
    frame.counts[i] = wire::get_i32(bytes, kCountsOffset + 4 * static_cast<std::size_t>(i));
  }
  return FrameCheck::kOk;
}

}  // namespace stance::spp
