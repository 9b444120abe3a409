#pragma once
// The trial file's KNEE chunk (format 1.2, docs/recording-format.md): the camera's marker tracks
// filmed with the plate. Optional: a trial without a camera has none.
#include <optional>
#include <span>
#include <string_view>

#include "core/knee/marker_frame.hpp"
#include "recording/trial_bytes.hpp"

namespace stance::trial_bytes {

inline constexpr std::string_view kKneeChunk = "KNEE";

void write_marker_chunk(ByteWriter& w, const knee::MarkerTrack& track);
// Checks every field; allocates only for frames the payload holds.
std::optional<Error> read_marker_chunk(std::span<const std::uint8_t> payload,
                                       const DecodeContext& ctx, knee::MarkerTrack& track);

}  // namespace stance::trial_bytes
