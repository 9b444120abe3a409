// Which stream a frame belongs to, from what it carries: seq and t_us (see spp_wire.hpp).
#include <cstdint>
#include <optional>

#include "spp_wire/spp_wire.hpp"

namespace stance::spp {

StreamOrigin stream_origin(const RawFrame& frame, std::uint16_t rate_hz) {
  const std::uint32_t period_us = 1000000u / (rate_hz == 0 ? 1u : rate_hz);
  // Modulo 2^32 on both sides: the wraps of seq and of t_us change nothing.
  return StreamOrigin{frame.t_us - frame.seq * period_us, period_us};
}

std::optional<StreamOrigin> stream_origin(const RawFrame& earlier, const RawFrame& later) {
  const std::uint32_t frames = later.seq - earlier.seq;
  const std::uint32_t elapsed_us = later.t_us - earlier.t_us;
  if (frames == 0 || frames >= 0x10000u || elapsed_us % frames != 0) return std::nullopt;
  const std::uint32_t period_us = elapsed_us / frames;
  if (period_us == 0 || period_us > 1000000u) return std::nullopt;
  return StreamOrigin{later.t_us - later.seq * period_us, period_us};
}

bool belongs_to(const StreamOrigin& origin, const RawFrame& frame) {
  const std::uint32_t t0 = frame.t_us - frame.seq * origin.period_us;
  const auto offset = static_cast<std::int32_t>(t0 - origin.t0_us);
  const std::int64_t distance = offset < 0 ? -static_cast<std::int64_t>(offset) : offset;
  return distance <= origin.period_us / 2;
}

}  // namespace stance::spp
