#include "recording/trial_file.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <set>
#include <string_view>

#include "recording/trial_bytes.hpp"
#include "recording/trial_marker_chunk.hpp"
#include "support/atomic_file.hpp"

namespace stance {
namespace {

using namespace trial_bytes;  // NOLINT: the file format's own codec

// 0x89 is not ASCII and not a UTF-8 lead byte, so no text file (CSV) starts like this; CR LF and
// SUB (0x1A) catch a file mangled by a text-mode copy, as in PNG's signature.
constexpr std::array<std::uint8_t, 8> kMagic{0x89, 'S', 'T', 'N', 'C', '\r', '\n', 0x1A};
constexpr std::size_t kHeaderSize = 16;  // magic, u16 major, u16 minor, u32 CRC
constexpr std::size_t kChunkCrcSize = 4;

constexpr double kMaxRate_hz = 100000.0;

// Chunk tags, in the order the writer emits them. Every one is required in format 1.
constexpr std::string_view kMeta = "META";
constexpr std::string_view kPlat = "PLAT";
constexpr std::string_view kCalb = "CALB";
constexpr std::string_view kTare = "TARE";
constexpr std::string_view kRate = "RATE";
constexpr std::string_view kStrm = "STRM";
constexpr std::string_view kEvnt = "EVNT";
constexpr std::string_view kFram = "FRAM";
constexpr std::string_view kEnd = "END ";
constexpr std::array<std::string_view, 8> kRequiredChunks{kMeta, kPlat, kCalb, kTare,
                                                          kRate, kStrm, kEvnt, kFram};

// META keys. Anything under "extra." is TrialMetadata::extra.
constexpr std::string_view kKeyPatientCode = "patient_code";
constexpr std::string_view kKeyLimb = "limb";
constexpr std::string_view kKeyTask = "task";
constexpr std::string_view kKeyEyes = "eyes";
constexpr std::string_view kKeyAttempt = "attempt";
constexpr std::string_view kKeyRecordedAt = "recorded_at_utc";
constexpr std::string_view kKeySoftwareVersion = "software_version";
constexpr std::string_view kKeyDevice = "device";
constexpr std::string_view kKeyNotes = "notes";
constexpr std::string_view kKeyWrittenBy = "written_by";
constexpr std::string_view kKeyPlannedReps = "planned_reps";  // since 1.1, only when > 0
constexpr std::string_view kExtraPrefix = "extra.";
constexpr std::array<std::string_view, 10> kRequiredMetaKeys{
    kKeyPatientCode,     kKeyLimb,   kKeyTask,  kKeyEyes,     kKeyAttempt, kKeyRecordedAt,
    kKeySoftwareVersion, kKeyDevice, kKeyNotes, kKeyWrittenBy};

constexpr std::size_t kCalibrationPayloadSize = 4 + 4 + 4 * 4 + 36 * 4 + kMaxChannels * 4;
constexpr std::size_t kFrameFixedSize = 4 + 4 + 2;  // seq, t_us, flags; then the counts
constexpr std::size_t kMinEventSize = 1 + 8 + 4 + 4;

std::string software_name() {
  return std::string("Stance ") + STANCE_VERSION;
}

// A number for messages: "0.25", "1e+06", "nan", not std::to_string's "0.250000".
std::string number_text(double v) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%g", v);
  return text.data();
}

void write_meta(ByteWriter& w, const TrialMetadata& m) {
  const auto entry = [&w](std::string_view key, const std::string& value) {
    w.str(std::string(key));
    w.str(value);
  };
  const bool planned = m.planned_reps > 0;
  w.u32(static_cast<std::uint32_t>(kRequiredMetaKeys.size() + (planned ? 1 : 0) + m.extra.size()));
  entry(kKeyPatientCode, m.patient_code);
  entry(kKeyLimb, to_string(m.limb));
  entry(kKeyTask, to_string(m.task));
  entry(kKeyEyes, to_string(m.eyes));
  entry(kKeyAttempt, std::to_string(m.attempt));
  entry(kKeyRecordedAt, m.recorded_at_utc);
  entry(kKeySoftwareVersion, m.software_version);
  entry(kKeyDevice, m.device);
  entry(kKeyNotes, m.notes);
  entry(kKeyWrittenBy, software_name());
  if (planned) entry(kKeyPlannedReps, std::to_string(m.planned_reps));
  for (const auto& [key, value] : m.extra) entry(std::string(kExtraPrefix) + key, value);
}

void write_plate(ByteWriter& w, const PlateInfo& p) {
  w.u16(p.protocol_version);
  w.u16(p.firmware_version);
  w.u8(static_cast<std::uint8_t>(p.layout));
  w.u8(p.adc_bits);
  w.u16(p.max_rate_hz);
  w.u16(p.default_rate_hz);
  w.f64(p.width_m);
  w.f64(p.length_m);
  for (const CellPosition& c : p.cells) {
    w.f64(c.x_m);
    w.f64(c.y_m);
  }
  w.f64(p.origin_dz_m);
  w.f64(p.capacity_n);
  w.str(p.manufacturer);
  w.str(p.product);
  w.str(p.serial);
}

void write_calibration(ByteWriter& w, const Calibration& c) {
  w.u32(c.calibrated_at_unix_s);
  w.u32(c.flags);
  for (const float g : c.gain_n_per_count) w.f32(g);
  for (const float m : c.matrix) w.f32(m);
  for (const std::int32_t z : c.zero_counts) w.i32(z);
}

void write_tare(ByteWriter& w, const Tare& t) {
  w.u8(t.applied ? 1 : 0);
  for (const double z : t.zero_counts) w.f64(z);
  w.i64(t.taken_at_unix_s);
  for (const double g : t.gain_correction) w.f64(g);
  w.f64(t.last_check.mass_kg);
  w.f64(t.last_check.fz_error_n);
  w.f64(t.last_check.cop_error_mm);
  w.i64(t.last_check.checked_at_unix_s);
}

void write_counters(ByteWriter& w, const StreamCounters& c) {
  w.u64(c.frames_received);
  w.u64(c.frames_lost);
  w.u64(c.crc_errors);
  w.u64(c.sync_errors);
  w.u64(c.resyncs);
  w.u64(c.device_resets);
  w.u64(c.stale_frames);
}

void write_events(ByteWriter& w, const std::vector<RecordingEvent>& events) {
  w.u32(static_cast<std::uint32_t>(events.size()));
  for (const RecordingEvent& e : events) {
    w.u8(static_cast<std::uint8_t>(e.kind));
    w.u64(e.frame_index);
    w.u32(e.count);
    w.str(e.detail);
  }
}

void write_frames(ByteWriter& w, const Recording& r) {
  const int channels = channel_count(r.plate.layout);
  w.u32(static_cast<std::uint32_t>(channels));
  w.u64(r.frames.size());
  w.bytes().reserve(w.bytes().size() + r.frames.size() * (kFrameFixedSize + 4 * kMaxChannels) + 64);
  for (const RawFrame& f : r.frames) {
    w.u32(f.seq);
    w.u32(f.t_us);
    w.u16(f.flags);
    for (int ch = 0; ch < channels; ++ch) w.i32(f.counts[ch]);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading. Problems are reported without the file name; decode_trial() puts it in front.

std::optional<Error> read_meta(std::span<const std::uint8_t> payload, const DecodeContext& ctx,
                               TrialMetadata& m, std::string& written_by) {
  PayloadReader r(payload);
  const std::uint32_t count = r.u32();
  // Each entry holds at least its two length fields: a damaged count cannot make us loop long.
  if (count > r.remaining() / 8) {
    return corrupt("chunk META claims " + std::to_string(count) + " entries in " +
                   std::to_string(r.remaining()) + " bytes");
  }
  std::set<std::string> seen;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string key = r.str();
    std::string value = r.str();
    if (r.overran()) break;
    if (!seen.insert(key).second) return corrupt("META key '" + key + "' appears twice");
    if (key == kKeyPatientCode) {
      m.patient_code = std::move(value);
    } else if (key == kKeyLimb) {
      if (!parse_limb(value, m.limb)) {
        return corrupt("META limb '" + value + "' is not left, right or unspecified");
      }
    } else if (key == kKeyTask) {
      if (!parse_task(value, m.task)) {
        return corrupt("META task '" + value + "' is not stance, squat or unspecified");
      }
    } else if (key == kKeyEyes) {
      if (!parse_eyes(value, m.eyes)) {
        return corrupt("META eyes '" + value + "' is not open, closed or unspecified");
      }
    } else if (key == kKeyAttempt) {
      const char* end = value.data() + value.size();
      const auto [ptr, ec] = std::from_chars(value.data(), end, m.attempt);
      if (value.empty() || ec != std::errc() || ptr != end) {
        return corrupt("META attempt '" + value + "' is not a whole number");
      }
    } else if (key == kKeyPlannedReps) {
      const char* end = value.data() + value.size();
      const auto [ptr, ec] = std::from_chars(value.data(), end, m.planned_reps);
      if (value.empty() || ec != std::errc() || ptr != end || m.planned_reps < 1 ||
          m.planned_reps > 100) {
        return corrupt("META planned_reps '" + value + "' is not a whole number from 1 to 100");
      }
    } else if (key == kKeyRecordedAt) {
      m.recorded_at_utc = std::move(value);
    } else if (key == kKeySoftwareVersion) {
      m.software_version = std::move(value);
    } else if (key == kKeyDevice) {
      m.device = std::move(value);
    } else if (key == kKeyNotes) {
      m.notes = std::move(value);
    } else if (key == kKeyWrittenBy) {
      written_by = std::move(value);
    } else if (key.starts_with(kExtraPrefix)) {
      m.extra.emplace(key.substr(kExtraPrefix.size()), std::move(value));
    } else if (!ctx.newer_minor) {
      return corrupt("META has an unknown key '" + key + "'");
    }
  }
  if (auto e = check_payload_end(r, kMeta, ctx)) return e;
  for (const std::string_view key : kRequiredMetaKeys) {
    if (seen.count(std::string(key)) == 0) {
      return corrupt("META lacks the key '" + std::string(key) + "'");
    }
  }
  return std::nullopt;
}

std::optional<Error> read_plate(std::span<const std::uint8_t> payload, const DecodeContext& ctx,
                                PlateInfo& p) {
  PayloadReader r(payload);
  p.protocol_version = r.u16();
  p.firmware_version = r.u16();
  const std::uint8_t layout = r.u8();
  p.adc_bits = r.u8();
  p.max_rate_hz = r.u16();
  p.default_rate_hz = r.u16();
  p.width_m = r.f64();
  p.length_m = r.f64();
  for (CellPosition& c : p.cells) {
    c.x_m = r.f64();
    c.y_m = r.f64();
  }
  p.origin_dz_m = r.f64();
  p.capacity_n = r.f64();
  p.manufacturer = r.str();
  p.product = r.str();
  p.serial = r.str();
  if (auto e = check_payload_end(r, kPlat, ctx)) return e;

  if (layout != static_cast<std::uint8_t>(PlateLayout::kFourCell) &&
      layout != static_cast<std::uint8_t>(PlateLayout::kSixComponent)) {
    return corrupt("PLAT layout " + std::to_string(layout) +
                   " is neither 1 (four load cells) nor 2 (six-component)");
  }
  p.layout = static_cast<PlateLayout>(layout);
  if (p.adc_bits > 32) {
    return corrupt("PLAT adc_bits " + std::to_string(p.adc_bits) + " exceeds 32");
  }
  bool cells_finite = true;
  for (const CellPosition& c : p.cells) cells_finite = cells_finite && all_finite({c.x_m, c.y_m});
  if (!cells_finite || !all_finite({p.width_m, p.length_m, p.origin_dz_m, p.capacity_n})) {
    return corrupt("PLAT holds a non-finite number (NaN or infinity)");
  }
  if (p.width_m <= 0.0 || p.length_m <= 0.0) {
    return corrupt("PLAT plate size " + number_text(p.width_m) + " m × " + number_text(p.length_m) +
                   " m is not positive");
  }
  if (p.capacity_n < 0.0) return corrupt("PLAT capacity_n is negative");
  return std::nullopt;
}

std::optional<Error> read_calibration(std::span<const std::uint8_t> payload,
                                      const DecodeContext& ctx, Calibration& c) {
  PayloadReader r(payload);
  c.calibrated_at_unix_s = r.u32();
  c.flags = r.u32();
  bool finite = true;
  for (float& g : c.gain_n_per_count) {
    g = r.f32();
    finite = finite && std::isfinite(g);
  }
  for (float& m : c.matrix) {
    m = r.f32();
    finite = finite && std::isfinite(m);
  }
  for (std::int32_t& z : c.zero_counts) z = r.i32();
  if (auto e = check_payload_end(r, kCalb, ctx)) return e;
  if (!finite) return corrupt("CALB holds a non-finite number (NaN or infinity)");
  return std::nullopt;
}

std::optional<Error> read_tare(std::span<const std::uint8_t> payload, const DecodeContext& ctx,
                               Tare& t) {
  PayloadReader r(payload);
  const std::uint8_t applied = r.u8();
  bool finite = true;
  for (double& z : t.zero_counts) {
    z = r.f64();
    finite = finite && std::isfinite(z);
  }
  t.taken_at_unix_s = r.i64();
  for (double& g : t.gain_correction) {
    g = r.f64();
    finite = finite && std::isfinite(g);
  }
  t.last_check.mass_kg = r.f64();
  t.last_check.fz_error_n = r.f64();
  t.last_check.cop_error_mm = r.f64();
  t.last_check.checked_at_unix_s = r.i64();
  finite = finite && std::isfinite(t.last_check.mass_kg) &&
           std::isfinite(t.last_check.fz_error_n) && std::isfinite(t.last_check.cop_error_mm);
  if (auto e = check_payload_end(r, kTare, ctx)) return e;
  if (applied > 1)
    return corrupt("TARE applied flag is " + std::to_string(applied) + ", not 0 or 1");
  t.applied = applied == 1;
  if (!finite) return corrupt("TARE holds a non-finite number (NaN or infinity)");
  for (const double g : t.gain_correction) {
    if (!(g > 0.5 && g < 2.0)) {
      return corrupt("TARE gain correction " + std::to_string(g) + " is outside 0.5..2");
    }
  }
  return std::nullopt;
}

std::optional<Error> read_rate(std::span<const std::uint8_t> payload, const DecodeContext& ctx,
                               double& rate_hz) {
  PayloadReader r(payload);
  rate_hz = r.f64();
  if (auto e = check_payload_end(r, kRate, ctx)) return e;
  // Written this way round so that NaN fails too.
  if (!(rate_hz > 0.0 && rate_hz <= kMaxRate_hz)) {
    return corrupt("RATE " + number_text(rate_hz) + " Hz is not in (0, 100000] Hz");
  }
  return std::nullopt;
}

std::optional<Error> read_counters(std::span<const std::uint8_t> payload, const DecodeContext& ctx,
                                   StreamCounters& c) {
  PayloadReader r(payload);
  c.frames_received = r.u64();
  c.frames_lost = r.u64();
  c.crc_errors = r.u64();
  c.sync_errors = r.u64();
  c.resyncs = r.u64();
  c.device_resets = r.u64();
  c.stale_frames = r.u64();
  return check_payload_end(r, kStrm, ctx);
}

// The frame layout is frozen for format 1: the payload size must match exactly in every minor.
std::optional<Error> read_frames(std::span<const std::uint8_t> payload, PlateLayout layout,
                                 std::vector<RawFrame>& frames) {
  PayloadReader r(payload);
  const std::uint32_t channels = r.u32();
  const std::uint64_t frame_count = r.u64();
  if (r.overran()) return corrupt("chunk FRAM is shorter than its 12-byte header");
  if (channels != 4 && channels != 6) {
    return corrupt("FRAM channel count " + std::to_string(channels) + " is neither 4 nor 6");
  }
  if (channels != static_cast<std::uint32_t>(channel_count(layout))) {
    return corrupt("FRAM has " + std::to_string(channels) + " channels but the plate (PLAT) has " +
                   std::to_string(channel_count(layout)));
  }
  const std::size_t frame_size = kFrameFixedSize + 4 * channels;
  const std::size_t rest = r.remaining();
  // Divide rather than multiply: a damaged count must not overflow or allocate gigabytes.
  if (frame_count > rest / frame_size || frame_count * frame_size != rest) {
    return corrupt("FRAM frame count " + std::to_string(frame_count) +
                   " does not match payload size (" + std::to_string(rest) + " bytes of " +
                   std::to_string(frame_size) + "-byte frames)");
  }
  frames.resize(static_cast<std::size_t>(frame_count));
  const std::uint8_t* p = payload.data() + 12;
  for (RawFrame& f : frames) {
    f.seq = static_cast<std::uint32_t>(read_le(p, 4));
    f.t_us = static_cast<std::uint32_t>(read_le(p + 4, 4));
    f.flags = static_cast<std::uint16_t>(read_le(p + 8, 2));
    p += kFrameFixedSize;
    for (std::uint32_t ch = 0; ch < channels; ++ch, p += 4) {
      f.counts[ch] = static_cast<std::int32_t>(static_cast<std::uint32_t>(read_le(p, 4)));
    }
  }
  return std::nullopt;
}

std::optional<Error> read_events(std::span<const std::uint8_t> payload, const DecodeContext& ctx,
                                 std::size_t frame_count, std::vector<RecordingEvent>& events) {
  PayloadReader r(payload);
  const std::uint32_t count = r.u32();
  if (count > r.remaining() / kMinEventSize) {
    return corrupt("chunk EVNT claims " + std::to_string(count) + " events in " +
                   std::to_string(r.remaining()) + " bytes");
  }
  events.reserve(count);
  for (std::uint32_t i = 0; i < count && !r.overran(); ++i) {
    RecordingEvent e;
    const std::uint8_t kind = r.u8();
    e.frame_index = r.u64();
    e.count = r.u32();
    e.detail = r.str();
    if (r.overran()) break;
    if (kind < static_cast<std::uint8_t>(RecordingEventKind::kDeviceReset) ||
        kind > static_cast<std::uint8_t>(RecordingEventKind::kNote)) {
      return corrupt("EVNT event " + std::to_string(i) + " has unknown kind " +
                     std::to_string(kind));
    }
    e.kind = static_cast<RecordingEventKind>(kind);
    // An event may sit just after the last frame (e.g. interrupted at the end), not beyond.
    if (e.frame_index > frame_count) {
      return corrupt("EVNT event " + std::to_string(i) + " points at frame " +
                     std::to_string(e.frame_index) + " but there are only " +
                     std::to_string(frame_count));
    }
    events.push_back(std::move(e));
  }
  return check_payload_end(r, kEvnt, ctx);
}

// Everything but the file name; decode_trial() and write_trial_file() add their own context.
Result<Recording> decode(std::span<const std::uint8_t> bytes, TrialFileInfo* info) {
  const std::size_t magic_seen = std::min(bytes.size(), kMagic.size());
  if (!std::equal(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(magic_seen),
                  kMagic.begin())) {
    return Error{"not a Stance trial file (bad magic) — choose a file saved by Stance"};
  }
  if (bytes.empty()) return truncated("the file is empty (0 bytes)");
  if (bytes.size() < kHeaderSize) {
    return truncated("the file ends inside the " + std::to_string(kHeaderSize) +
                     "-byte header, after " + std::to_string(bytes.size()) + " bytes");
  }
  const std::uint16_t major = static_cast<std::uint16_t>(read_le(&bytes[8], 2));
  const std::uint16_t minor = static_cast<std::uint16_t>(read_le(&bytes[10], 2));
  const auto header_crc = static_cast<std::uint32_t>(read_le(&bytes[12], 4));
  // The 16-byte header is the same in every format version, so its CRC can be checked first and
  // a damaged version number is reported as damage, not as "update Stance".
  if (crc32(bytes.first(12)) != header_crc) return corrupt("CRC mismatch in the file header");
  if (major > kTrialFormatMajor) {
    return Error{"was written by a newer Stance (format " + std::to_string(major) +
                 "); this version reads format " + std::to_string(kTrialFormatMajor) +
                 " — update Stance"};
  }
  if (major < kTrialFormatMajor) {
    return corrupt("format version " + std::to_string(major) + " never existed");
  }
  DecodeContext ctx;
  ctx.newer_minor = minor > kTrialFormatMinor;

  // Pass 1: walk the chunks, checking lengths and CRCs, to END. Chunks may come in any order.
  std::array<std::optional<std::span<const std::uint8_t>>, kRequiredChunks.size()> found{};
  std::optional<std::span<const std::uint8_t>> knee_chunk;  // optional, since 1.2
  std::size_t pos = kHeaderSize;
  std::string previous = "the header";
  for (;;) {
    const std::size_t remaining = bytes.size() - pos;
    if (remaining == 0) {
      return truncated("the file ends after " + previous + " without an END chunk");
    }
    if (remaining < kChunkHeaderSize) {
      return truncated("the file ends inside the chunk header after " + previous + " (" +
                       std::to_string(remaining) + " of 12 bytes)");
    }
    const auto tag_bytes = bytes.subspan(pos, 4);
    const std::string tag = printable_tag(tag_bytes);
    const std::uint64_t length = read_le(&bytes[pos + 4], 8);
    const std::size_t available = remaining - kChunkHeaderSize;
    if (length > available) {
      return truncated("chunk " + tag + " claims " + std::to_string(length) + " bytes but only " +
                       std::to_string(available) + " remain");
    }
    if (available - length < kChunkCrcSize) {
      return truncated("the CRC of chunk " + tag + " is cut off");
    }
    const auto chunk_size = kChunkHeaderSize + static_cast<std::size_t>(length);
    const auto stored_crc = static_cast<std::uint32_t>(read_le(&bytes[pos + chunk_size], 4));
    if (crc32(bytes.subspan(pos, chunk_size)) != stored_crc) {
      return corrupt("CRC mismatch in chunk " + tag + " (at byte " + std::to_string(pos) + ")");
    }
    const auto payload = bytes.subspan(pos + kChunkHeaderSize, static_cast<std::size_t>(length));
    pos += chunk_size + kChunkCrcSize;
    const std::string_view tag_view(reinterpret_cast<const char*>(tag_bytes.data()), 4);
    if (tag_view == kEnd) {
      if (length != 0) return corrupt("the END chunk is not empty");
      if (pos != bytes.size()) {
        return corrupt(std::to_string(bytes.size() - pos) +
                       " unexpected bytes after the END chunk");
      }
      break;
    }
    if (tag_view == kKneeChunk) {
      if (knee_chunk) return corrupt("chunk " + tag + " appears twice");
      knee_chunk = payload;
    }
    const auto known = std::find(kRequiredChunks.begin(), kRequiredChunks.end(), tag_view);
    if (known != kRequiredChunks.end()) {
      auto& slot = found[static_cast<std::size_t>(known - kRequiredChunks.begin())];
      if (slot) return corrupt("chunk " + tag + " appears twice");
      slot = payload;
    }
    // Unknown chunks are skipped: a newer minor version may add chunks this reader ignores.
    previous = "chunk " + tag;
  }
  for (std::size_t i = 0; i < kRequiredChunks.size(); ++i) {
    if (!found[i]) return corrupt("missing chunk " + tag_name(kRequiredChunks[i]));
  }

  // Pass 2: decode in dependency order (FRAM needs PLAT's layout, EVNT needs the frame count).
  const auto chunk = [&found](std::string_view tag) {
    const auto it = std::find(kRequiredChunks.begin(), kRequiredChunks.end(), tag);
    return *found[static_cast<std::size_t>(it - kRequiredChunks.begin())];
  };
  Recording rec;
  TrialFileInfo file_info;
  file_info.format_major = major;
  file_info.format_minor = minor;
  if (auto e = read_meta(chunk(kMeta), ctx, rec.metadata, file_info.written_by)) return *e;
  if (auto e = read_plate(chunk(kPlat), ctx, rec.plate)) return *e;
  if (auto e = read_calibration(chunk(kCalb), ctx, rec.calibration)) return *e;
  if (auto e = read_tare(chunk(kTare), ctx, rec.tare)) return *e;
  if (auto e = read_rate(chunk(kRate), ctx, rec.rate_hz)) return *e;
  if (auto e = read_counters(chunk(kStrm), ctx, rec.counters)) return *e;
  if (auto e = read_frames(chunk(kFram), rec.plate.layout, rec.frames)) return *e;
  if (auto e = read_events(chunk(kEvnt), ctx, rec.frames.size(), rec.events)) return *e;
  if (knee_chunk) {
    auto track = std::make_shared<knee::MarkerTrack>();
    if (auto e = read_marker_chunk(*knee_chunk, ctx, *track)) return *e;
    rec.markers = std::move(track);
  }
  if (info != nullptr) *info = std::move(file_info);
  return rec;
}

}  // namespace

std::vector<std::uint8_t> encode_trial(const Recording& recording) {
  ByteWriter w;
  w.raw(kMagic);
  w.u16(kTrialFormatMajor);
  w.u16(kTrialFormatMinor);
  w.u32(crc32(std::span(w.bytes()).first(12)));

  const auto chunk = [&w](std::string_view tag, const auto& write_payload) {
    const std::size_t start = w.begin_chunk(tag);
    write_payload();
    w.end_chunk(start);
  };
  chunk(kMeta, [&] { write_meta(w, recording.metadata); });
  chunk(kPlat, [&] { write_plate(w, recording.plate); });
  chunk(kCalb, [&] { write_calibration(w, recording.calibration); });
  chunk(kTare, [&] { write_tare(w, recording.tare); });
  chunk(kRate, [&] { w.f64(recording.rate_hz); });
  chunk(kStrm, [&] { write_counters(w, recording.counters); });
  chunk(kEvnt, [&] { write_events(w, recording.events); });
  chunk(kFram, [&] { write_frames(w, recording); });
  if (recording.markers) chunk(kKneeChunk, [&] { write_marker_chunk(w, *recording.markers); });
  chunk(kEnd, [] {});
  return std::move(w.bytes());
}

Result<Recording> decode_trial(std::span<const std::uint8_t> bytes,
                               const std::string& name_for_errors, TrialFileInfo* info) {
  Result<Recording> result = decode(bytes, info);
  if (result) return result;
  std::string message = name_for_errors + ": " + result.error().message;
  if (result.error().message.starts_with(kTruncated)) {
    message += " — the file was cut short (copy it again from the original or re-record)";
  } else if (result.error().message.starts_with(kCorrupt)) {
    message +=
        " — the file is damaged (copy it again from the original, use a backup or re-record)";
  }
  return Error{std::move(message)};
}

Status write_trial_file(const std::filesystem::path& path, const Recording& recording,
                        const WriteOptions& options) {
  // Refuse a target that may not be written before encoding and checking the whole recording.
  if (Status s = check_write_target(path, options); !s) return s;
  const std::vector<std::uint8_t> bytes = encode_trial(recording);
  // Never save a file that Stance itself would refuse to open later.
  if (Result<Recording> check = decode(bytes, nullptr); !check) {
    std::string problem = check.error().message;
    if (problem.starts_with(kCorrupt)) problem.erase(0, kCorrupt.size());
    return Error{"cannot save '" + path.string() + "': the recording is not valid (" + problem +
                 ") — nothing was written; please report this as a bug"};
  }
  return write_file_atomically(path, bytes, options);
}

Result<Recording> read_trial_file(const std::filesystem::path& path, TrialFileInfo* info) {
  Result<std::vector<std::uint8_t>> bytes = read_file_bytes(path);
  if (!bytes) return bytes.error();
  return decode_trial(*bytes, "'" + path.string() + "'", info);
}

bool looks_like_trial_file(std::span<const std::uint8_t> first_bytes) {
  return first_bytes.size() >= kMagic.size() &&
         std::equal(kMagic.begin(), kMagic.end(), first_bytes.begin());
}

}  // namespace stance
