#pragma once
// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum kept with every stored
// recording: it is recomputed on every read, so a damaged recording is reported, never analysed.
#include <cstdint>
#include <span>

namespace stance::store {

std::uint32_t crc32c(std::span<const std::uint8_t> bytes);

}  // namespace stance::store
