#pragma once
// Builders of valid SPP frames and streams for the protocol tests.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/raw_frame.hpp"
#include "spp_wire/spp_wire.hpp"

namespace stance::spp::testing {

// A frame whose counts depend on seq (some negative), so frames are distinguishable.
inline RawFrame test_frame(std::uint32_t seq, int channel_count, std::uint16_t flags = 0) {
  RawFrame frame;
  frame.seq = seq;
  frame.t_us = seq * 1000u + 17u;
  frame.flags = flags;
  for (int i = 0; i < channel_count; ++i) {
    const auto base = static_cast<std::int32_t>(seq % 100000u) * 10 + i;
    frame.counts[i] = (i % 2 == 0) ? base : -base - 1;
  }
  return frame;
}

// `count` consecutive frames from `first_seq` (seq wraps like the device's).
inline std::vector<std::uint8_t> test_frames(std::uint32_t first_seq, std::size_t count,
                                             int channel_count) {
  std::vector<std::uint8_t> bytes;
  for (std::size_t i = 0; i < count; ++i) {
    encode_frame(test_frame(first_seq + static_cast<std::uint32_t>(i), channel_count),
                 channel_count, bytes);
  }
  return bytes;
}

inline void append(std::vector<std::uint8_t>& to, const std::vector<std::uint8_t>& bytes) {
  to.insert(to.end(), bytes.begin(), bytes.end());
}

}  // namespace stance::spp::testing
