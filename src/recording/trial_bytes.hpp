#pragma once
// The trial file's byte codec (docs/recording-format.md): CRC-32, explicit little-endian packing
// of chunks, a bounds-checked payload reader and the reader's error kinds. Shared by the chunks'
// writers and readers (trial_file.cpp, trial_marker_chunk.cpp); not for other formats.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "support/result.hpp"

namespace stance::trial_bytes {

inline constexpr std::size_t kChunkHeaderSize = 12;  // tag, u64 payload length

// CRC-32 as in zlib, PNG and Ethernet (reflected, polynomial 0xEDB88320, init and final xor
// 0xFFFFFFFF): any language has it, so an independent reader can check files.
inline constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}
inline constexpr auto kCrcTable = make_crc_table();

inline std::uint32_t crc32(std::span<const std::uint8_t> bytes) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (const std::uint8_t b : bytes) c = kCrcTable[(c ^ b) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

// ---------------------------------------------------------------------------------------------
// Writing: explicit little-endian packing, never a struct memcpy (no padding, no host order).

class ByteWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) { little_endian(v, 2); }
  void u32(std::uint32_t v) { little_endian(v, 4); }
  void u64(std::uint64_t v) { little_endian(v, 8); }
  void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void f32(float v) { u32(std::bit_cast<std::uint32_t>(v)); }
  void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
  // resize + memcpy rather than vector::insert: GCC 12 at -O2 reports a false
  // -Wstringop-overflow on the insert of a span.
  void raw(std::span<const std::uint8_t> bytes) { append(bytes.data(), bytes.size()); }
  void str(const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    append(s.data(), s.size());
  }

  // A chunk is begun with its tag and a length to be patched, and ended with its CRC.
  std::size_t begin_chunk(std::string_view tag) {
    const std::size_t start = out_.size();
    append(tag.data(), tag.size());
    u64(0);
    return start;
  }
  void end_chunk(std::size_t start) {
    const std::uint64_t length = out_.size() - start - kChunkHeaderSize;
    for (std::size_t i = 0; i < 8; ++i) {
      out_[start + 4 + i] = static_cast<std::uint8_t>(length >> (8 * i));
    }
    u32(crc32(std::span(out_).subspan(start)));
  }

  std::vector<std::uint8_t>& bytes() { return out_; }

 private:
  void append(const void* data, std::size_t size) {
    if (size == 0) return;
    const std::size_t at = out_.size();
    out_.resize(at + size);
    std::memcpy(out_.data() + at, data, size);
  }

  void little_endian(std::uint64_t v, int byte_count) {
    for (int i = 0; i < byte_count; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  std::vector<std::uint8_t> out_;
};

// Problems are "truncated: …" or "corrupt: …"; decode_trial() adds what to do about them.
inline constexpr std::string_view kTruncated = "truncated: ";
inline constexpr std::string_view kCorrupt = "corrupt: ";

inline Error truncated(const std::string& problem) {
  return Error{std::string(kTruncated) + problem};
}
inline Error corrupt(const std::string& problem) {
  return Error{std::string(kCorrupt) + problem};
}

// A tag as text for messages, even when its bytes are not printable.
inline std::string printable_tag(std::span<const std::uint8_t> tag) {
  std::string out;
  for (const std::uint8_t b : tag) {
    if (b >= 0x20 && b < 0x7F) {
      out += static_cast<char>(b);
    } else {
      std::array<char, 5> hex{};
      std::snprintf(hex.data(), hex.size(), "\\x%02X", b);
      out += hex.data();
    }
  }
  // "END " reads better without its padding.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

inline std::string tag_name(std::string_view tag) {
  return printable_tag(std::span(reinterpret_cast<const std::uint8_t*>(tag.data()), tag.size()));
}

inline std::uint64_t read_le(const std::uint8_t* p, int byte_count) {
  std::uint64_t v = 0;
  for (int i = 0; i < byte_count; ++i) v |= std::uint64_t{p[i]} << (8 * i);
  return v;
}

// Reads fields from one chunk's payload. Reading past the end yields zeros and sets overran():
// the caller checks it once, before trusting any value.
class PayloadReader {
 public:
  explicit PayloadReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  std::size_t remaining() const { return bytes_.size() - pos_; }
  bool overran() const { return overran_; }

  std::uint8_t u8() { return static_cast<std::uint8_t>(little_endian(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(little_endian(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(little_endian(4)); }
  std::uint64_t u64() { return little_endian(8); }
  std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  float f32() { return std::bit_cast<float>(u32()); }
  double f64() { return std::bit_cast<double>(u64()); }
  std::string str() {
    const std::uint32_t length = u32();
    const std::uint8_t* p = take(length);  // checked against the payload before any allocation
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), length);
  }

 private:
  const std::uint8_t* take(std::size_t n) {
    if (overran_ || n > remaining()) {
      overran_ = true;
      return nullptr;
    }
    const std::uint8_t* p = bytes_.data() + pos_;
    pos_ += n;
    return p;
  }
  std::uint64_t little_endian(int byte_count) {
    const std::uint8_t* p = take(static_cast<std::size_t>(byte_count));
    return p == nullptr ? 0 : read_le(p, byte_count);
  }

  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
  bool overran_ = false;
};

struct DecodeContext {
  // A file from a newer minor version may append fields to a chunk and add META keys: those are
  // ignored. A file of this minor version or older must contain exactly what this reader knows.
  bool newer_minor = false;
};

// After the fields of a chunk were read: was the payload long enough, and not longer?
inline std::optional<Error> check_payload_end(const PayloadReader& r, std::string_view tag,
                                              const DecodeContext& ctx) {
  if (r.overran()) return corrupt("chunk " + tag_name(tag) + " is shorter than its fields");
  if (r.remaining() != 0 && !ctx.newer_minor) {
    return corrupt("chunk " + tag_name(tag) + " has " + std::to_string(r.remaining()) +
                   " unexpected bytes after its fields");
  }
  return std::nullopt;
}

inline bool all_finite(std::initializer_list<double> values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace stance::trial_bytes
