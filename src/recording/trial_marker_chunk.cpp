#include "recording/trial_marker_chunk.hpp"

#include <limits>
#include <string>

namespace stance::trial_bytes {
namespace {

constexpr std::size_t kMarkerFrameSize = 8 + 1 + 3 * 2 * 4;  // t_s, found mask, x y per marker
constexpr int kMaxImageSide_px = 16384;
constexpr double kMaxCameraRate_hz = 1000.0;
constexpr double kMaxCoordinate_px = 1.0e6;

bool plausible_point(float x, float y) {
  return std::isfinite(x) && std::isfinite(y) && std::abs(x) <= kMaxCoordinate_px &&
         std::abs(y) <= kMaxCoordinate_px;
}

}  // namespace

void write_marker_chunk(ByteWriter& w, const knee::MarkerTrack& t) {
  w.str(t.camera);
  w.f64(t.rate_hz);
  w.u32(static_cast<std::uint32_t>(t.width_px));
  w.u32(static_cast<std::uint32_t>(t.height_px));
  w.u8(t.interrupted ? 1 : 0);
  w.str(t.end_reason);
  w.u64(t.frames.size());
  for (const knee::MarkerFrame& f : t.frames) {
    w.f64(f.t_s);
    std::uint8_t found = 0;
    for (std::size_t m = 0; m < f.markers.size(); ++m) {
      if (f.markers[m]) found |= static_cast<std::uint8_t>(1u << m);
    }
    w.u8(found);
    for (const auto& p : f.markers) {
      w.f32(p ? static_cast<float>(p->x_px) : 0.0f);
      w.f32(p ? static_cast<float>(p->y_px) : 0.0f);
    }
  }
}

std::optional<Error> read_marker_chunk(std::span<const std::uint8_t> payload,
                                       const DecodeContext& ctx, knee::MarkerTrack& t) {
  PayloadReader r(payload);
  t.camera = r.str();
  t.rate_hz = r.f64();
  const std::uint32_t width = r.u32(), height = r.u32();
  const std::uint8_t interrupted = r.u8();
  t.end_reason = r.str();
  const std::uint64_t count = r.u64();
  if (r.overran()) return corrupt("chunk KNEE is shorter than its fields");
  if (!(t.rate_hz > 0.0 && t.rate_hz <= kMaxCameraRate_hz)) {
    return corrupt("KNEE camera rate " + std::to_string(t.rate_hz) + " Hz is impossible");
  }
  if (width == 0 || height == 0 || width > kMaxImageSide_px || height > kMaxImageSide_px) {
    return corrupt("KNEE picture size " + std::to_string(width) + " x " + std::to_string(height) +
                   " is impossible");
  }
  if (interrupted > 1) return corrupt("KNEE interrupted flag is not 0 or 1");
  t.width_px = static_cast<int>(width);
  t.height_px = static_cast<int>(height);
  t.interrupted = interrupted == 1;
  // The frames' layout is fixed: their count must fill the rest exactly (checked before any
  // allocation, so a count cannot ask for more than the file holds).
  if (count > r.remaining() / kMarkerFrameSize ||
      (!ctx.newer_minor && count * kMarkerFrameSize != r.remaining())) {
    return corrupt("KNEE claims " + std::to_string(count) + " frames but holds " +
                   std::to_string(r.remaining()) + " bytes of them");
  }
  t.frames.resize(static_cast<std::size_t>(count));
  double previous_s = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < t.frames.size(); ++i) {
    knee::MarkerFrame& f = t.frames[i];
    f.t_s = r.f64();
    const std::uint8_t found = r.u8();
    if (!std::isfinite(f.t_s) || f.t_s < previous_s || found > 7) {
      return corrupt("KNEE frame " + std::to_string(i) + " has an impossible time or mask");
    }
    previous_s = f.t_s;
    for (std::size_t m = 0; m < f.markers.size(); ++m) {
      const float x = r.f32(), y = r.f32();
      if (!plausible_point(x, y)) {
        return corrupt("KNEE frame " + std::to_string(i) + " has an impossible marker position");
      }
      if ((found >> m) & 1u) f.markers[m] = knee::PointPx{x, y};
    }
  }
  return check_payload_end(r, kKneeChunk, ctx);
}

}  // namespace stance::trial_bytes
