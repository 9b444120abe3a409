// The trial file: exact round trips, refusal of every truncated or damaged file, the byte layout
// as documented in docs/recording-format.md (checked by an independent mini reader below), and
// the atomic writer's behaviour on success and failure.
#include "recording/trial_file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <csignal>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/atomic_file.hpp"

namespace stance {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

// ---- fixtures --------------------------------------------------------------------------------

Recording make_recording(PlateLayout layout, std::size_t frame_count = 300) {
  Recording r;
  TrialMetadata& m = r.metadata;
  m.patient_code = "P-0042-Ærø-患者";
  m.limb = Limb::kRight;
  m.task = Task::kSingleLegSquat;
  m.eyes = Eyes::kClosed;
  m.attempt = -3;  // odd on purpose: kept verbatim
  m.recorded_at_utc = "2026-11-25T14:19:10Z";
  m.software_version = "Stance 0.0.9-test";
  m.device = "usb:SN-ÄÖÜ-001";
  m.notes = "line one\nline two = with equals; emoji 🦵 and a NUL-free tab\t.";
  m.extra = {{"room", "2.14"}, {"with=equals", "a\nb"}, {"", "empty key"}, {"ключ", "значение"}};

  PlateInfo& p = r.plate;
  p.protocol_version = 1;
  p.firmware_version = 0x0203;
  p.layout = layout;
  p.adc_bits = 24;
  p.max_rate_hz = 2000;
  p.default_rate_hz = 1000;
  p.width_m = 0.4001;
  p.length_m = 0.6002;
  p.cells = {CellPosition{-0.18, 0.28}, CellPosition{0.18, 0.28}, CellPosition{-0.18, -0.28},
             CellPosition{0.18, -0.28}};
  p.origin_dz_m = 0.041;
  p.capacity_n = 2500.5;
  p.manufacturer = "Plates & Söhne GmbH";
  p.product = "SPP-6 “Balance”";
  p.serial = "SN-ÄÖÜ-001";

  Calibration& c = r.calibration;
  c.calibrated_at_unix_s = 1764000000u;
  c.flags = 0xA5A5A5A5u;
  for (int i = 0; i < 4; ++i) c.gain_n_per_count[i] = 0.001f * static_cast<float>(i + 1);
  for (int i = 0; i < 36; ++i) c.matrix[i] = static_cast<float>(i) * -0.25f + 1e-7f;
  c.zero_counts = {-8388608,
                   8388607,
                   0,
                   12345,
                   std::numeric_limits<std::int32_t>::min(),
                   std::numeric_limits<std::int32_t>::max()};

  r.tare.applied = true;
  r.tare.zero_counts = {1.5, -2.25, 1e9, -1e-9, 0.0, 123456.789};
  r.tare.taken_at_unix_s = -1234567890123;  // negative on purpose: sign must survive
  r.tare.gain_correction = {1.01, 0.99, 1.0, 1.002};
  r.tare.last_check = {20.0, -0.35, 1.25, 1764000000};

  r.rate_hz = 1000.0;
  const int channels = channel_count(layout);
  r.frames.resize(frame_count);
  for (std::size_t i = 0; i < frame_count; ++i) {
    RawFrame& f = r.frames[i];
    f.seq = static_cast<std::uint32_t>(0xFFFFFF00u + i);  // wraps through 0
    f.t_us = static_cast<std::uint32_t>(0xFFFF0000u + i * 1000u);
    f.flags = static_cast<std::uint16_t>(i % 7 == 0 ? frame_flag::kAdcError | 0x3 : i % 11);
    for (int ch = 0; ch < channels; ++ch) {
      f.counts[ch] = static_cast<std::int32_t>((static_cast<std::int64_t>(i) * 7919 + ch * 104729) %
                                               16777216) -
                     8388608;
    }
  }
  if (frame_count > 0) r.frames.back().counts[0] = std::numeric_limits<std::int32_t>::min();

  r.events = {
      {RecordingEventKind::kDeviceReset, frame_count / 3, 0, "seq went back to 0"},
      {RecordingEventKind::kStreamError, frame_count / 2, 3, "3 CRC errors"},
      {RecordingEventKind::kNote, 0, 0, "Patient sagte: „Knie zieht“"},
      {RecordingEventKind::kInterrupted, frame_count, 1, "plate unplugged"},
  };
  r.counters = {1000001, 12, 3, 4, 5, 6, 7};
  return r;
}

void expect_equal(const Recording& a, const Recording& b) {
  EXPECT_EQ(a.metadata.patient_code, b.metadata.patient_code);
  EXPECT_EQ(a.metadata.limb, b.metadata.limb);
  EXPECT_EQ(a.metadata.task, b.metadata.task);
  EXPECT_EQ(a.metadata.eyes, b.metadata.eyes);
  EXPECT_EQ(a.metadata.attempt, b.metadata.attempt);
  EXPECT_EQ(a.metadata.recorded_at_utc, b.metadata.recorded_at_utc);
  EXPECT_EQ(a.metadata.software_version, b.metadata.software_version);
  EXPECT_EQ(a.metadata.device, b.metadata.device);
  EXPECT_EQ(a.metadata.notes, b.metadata.notes);
  EXPECT_EQ(a.metadata.extra, b.metadata.extra);

  EXPECT_EQ(a.plate.protocol_version, b.plate.protocol_version);
  EXPECT_EQ(a.plate.firmware_version, b.plate.firmware_version);
  EXPECT_EQ(a.plate.layout, b.plate.layout);
  EXPECT_EQ(a.plate.adc_bits, b.plate.adc_bits);
  EXPECT_EQ(a.plate.max_rate_hz, b.plate.max_rate_hz);
  EXPECT_EQ(a.plate.default_rate_hz, b.plate.default_rate_hz);
  EXPECT_EQ(a.plate.width_m, b.plate.width_m);
  EXPECT_EQ(a.plate.length_m, b.plate.length_m);
  for (std::size_t i = 0; i < a.plate.cells.size(); ++i) {
    EXPECT_EQ(a.plate.cells[i].x_m, b.plate.cells[i].x_m) << i;
    EXPECT_EQ(a.plate.cells[i].y_m, b.plate.cells[i].y_m) << i;
  }
  EXPECT_EQ(a.plate.origin_dz_m, b.plate.origin_dz_m);
  EXPECT_EQ(a.plate.capacity_n, b.plate.capacity_n);
  EXPECT_EQ(a.plate.manufacturer, b.plate.manufacturer);
  EXPECT_EQ(a.plate.product, b.plate.product);
  EXPECT_EQ(a.plate.serial, b.plate.serial);

  EXPECT_EQ(a.calibration.calibrated_at_unix_s, b.calibration.calibrated_at_unix_s);
  EXPECT_EQ(a.calibration.flags, b.calibration.flags);
  EXPECT_EQ(a.calibration.gain_n_per_count, b.calibration.gain_n_per_count);
  EXPECT_EQ(a.calibration.matrix, b.calibration.matrix);
  EXPECT_EQ(a.calibration.zero_counts, b.calibration.zero_counts);

  EXPECT_EQ(a.tare.applied, b.tare.applied);
  EXPECT_EQ(a.tare.zero_counts, b.tare.zero_counts);
  EXPECT_EQ(a.tare.taken_at_unix_s, b.tare.taken_at_unix_s);
  EXPECT_EQ(a.tare.gain_correction, b.tare.gain_correction);
  EXPECT_EQ(a.tare.last_check.mass_kg, b.tare.last_check.mass_kg);
  EXPECT_EQ(a.tare.last_check.fz_error_n, b.tare.last_check.fz_error_n);
  EXPECT_EQ(a.tare.last_check.cop_error_mm, b.tare.last_check.cop_error_mm);
  EXPECT_EQ(a.tare.last_check.checked_at_unix_s, b.tare.last_check.checked_at_unix_s);

  EXPECT_EQ(a.rate_hz, b.rate_hz);

  ASSERT_EQ(a.frames.size(), b.frames.size());
  const int channels = channel_count(a.plate.layout);
  for (std::size_t i = 0; i < a.frames.size(); ++i) {
    const RawFrame& fa = a.frames[i];
    const RawFrame& fb = b.frames[i];
    ASSERT_EQ(fa.seq, fb.seq) << "frame " << i;
    ASSERT_EQ(fa.t_us, fb.t_us) << "frame " << i;
    ASSERT_EQ(fa.flags, fb.flags) << "frame " << i;
    for (int ch = 0; ch < channels; ++ch) ASSERT_EQ(fa.counts[ch], fb.counts[ch]) << i << "/" << ch;
  }

  ASSERT_EQ(a.events.size(), b.events.size());
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    EXPECT_EQ(a.events[i].kind, b.events[i].kind) << i;
    EXPECT_EQ(a.events[i].frame_index, b.events[i].frame_index) << i;
    EXPECT_EQ(a.events[i].count, b.events[i].count) << i;
    EXPECT_EQ(a.events[i].detail, b.events[i].detail) << i;
  }

  EXPECT_EQ(a.counters.frames_received, b.counters.frames_received);
  EXPECT_EQ(a.counters.frames_lost, b.counters.frames_lost);
  EXPECT_EQ(a.counters.crc_errors, b.counters.crc_errors);
  EXPECT_EQ(a.counters.sync_errors, b.counters.sync_errors);
  EXPECT_EQ(a.counters.resyncs, b.counters.resyncs);
  EXPECT_EQ(a.counters.device_resets, b.counters.device_resets);
  EXPECT_EQ(a.counters.stale_frames, b.counters.stale_frames);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// ---- an independent mini reader, written from docs/recording-format.md ---------------------

// Bitwise CRC-32 (IEEE 802.3, reflected), deliberately not the library's table version.
std::uint32_t reference_crc32(const std::uint8_t* data, std::size_t size) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::uint64_t le(const Bytes& b, std::size_t at, int n) {
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i) v |= std::uint64_t{b[at + i]} << (8 * i);
  return v;
}

void put_le(Bytes& b, std::uint64_t v, int n) {
  for (int i = 0; i < n; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

struct Chunk {
  std::string tag;
  Bytes payload;
};

struct ParsedFile {
  std::uint16_t major = 0;
  std::uint16_t minor = 0;
  std::vector<Chunk> chunks;  // END included
};

ParsedFile parse_file(const Bytes& b) {
  ParsedFile f;
  f.major = static_cast<std::uint16_t>(le(b, 8, 2));
  f.minor = static_cast<std::uint16_t>(le(b, 10, 2));
  EXPECT_EQ(le(b, 12, 4), reference_crc32(b.data(), 12));
  std::size_t pos = 16;
  while (pos < b.size()) {
    Chunk c;
    c.tag.assign(reinterpret_cast<const char*>(&b[pos]), 4);
    const auto length = static_cast<std::size_t>(le(b, pos + 4, 8));
    c.payload.assign(b.begin() + static_cast<std::ptrdiff_t>(pos + 12),
                     b.begin() + static_cast<std::ptrdiff_t>(pos + 12 + length));
    EXPECT_EQ(le(b, pos + 12 + length, 4), reference_crc32(&b[pos], 12 + length)) << c.tag;
    pos += 12 + length + 4;
    f.chunks.push_back(std::move(c));
  }
  EXPECT_EQ(pos, b.size());
  return f;
}

Bytes build_file(std::uint16_t major, std::uint16_t minor, const std::vector<Chunk>& chunks) {
  Bytes b = {0x89, 'S', 'T', 'N', 'C', '\r', '\n', 0x1A};
  put_le(b, major, 2);
  put_le(b, minor, 2);
  put_le(b, reference_crc32(b.data(), 12), 4);
  for (const Chunk& c : chunks) {
    const std::size_t start = b.size();
    b.insert(b.end(), c.tag.begin(), c.tag.end());
    put_le(b, c.payload.size(), 8);
    b.insert(b.end(), c.payload.begin(), c.payload.end());
    put_le(b, reference_crc32(&b[start], b.size() - start), 4);
  }
  return b;
}

Chunk& find_chunk(ParsedFile& f, const std::string& tag) {
  for (Chunk& c : f.chunks) {
    if (c.tag == tag) return c;
  }
  ADD_FAILURE() << "no chunk " << tag;
  return f.chunks.front();
}

Bytes small_file() {
  Recording r = make_recording(PlateLayout::kFourCell, 3);
  r.metadata.extra = {{"k", "v"}};
  r.metadata.notes = "n";
  r.events.resize(1);
  return encode_trial(r);
}

std::string decode_error(const Bytes& bytes) {
  const Result<Recording> r = decode_trial(bytes, "t.stance");
  return r ? std::string() : r.error().message;
}

// ---- round trips ------------------------------------------------------------------------------

TEST(TrialFileTest, RoundTripFourCellKeepsEveryField) {
  const Recording original = make_recording(PlateLayout::kFourCell);
  TrialFileInfo info;
  const Result<Recording> back = decode_trial(encode_trial(original), "mem", &info);
  ASSERT_TRUE(back) << back.error().message;
  expect_equal(original, *back);
  EXPECT_EQ(info.format_major, kTrialFormatMajor);
  EXPECT_EQ(info.format_minor, kTrialFormatMinor);
  EXPECT_EQ(info.written_by, std::string("Stance ") + STANCE_VERSION);
}

TEST(TrialFileTest, RoundTripSixComponentKeepsEveryField) {
  const Recording original = make_recording(PlateLayout::kSixComponent);
  const Result<Recording> back = decode_trial(encode_trial(original), "mem");
  ASSERT_TRUE(back) << back.error().message;
  expect_equal(original, *back);
}

TEST(TrialFileTest, RoundTripOfEmptyAndDefaultRecording) {
  Recording r;
  r.rate_hz = 100.0;
  const Result<Recording> back = decode_trial(encode_trial(r), "mem");
  ASSERT_TRUE(back) << back.error().message;
  expect_equal(r, *back);
}

TEST(TrialFileTest, PlannedRepetitionsTravelWithTheRecording) {
  // Format 1.1: the squats a protocol asked for, so the recording alone says how to analyse it.
  Recording r;
  r.rate_hz = 100.0;
  r.metadata.task = Task::kSingleLegSquat;
  r.metadata.planned_reps = 3;
  const Result<Recording> back = decode_trial(encode_trial(r), "mem");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->metadata.planned_reps, 3);
  EXPECT_EQ(back->metadata.squats_asked(), 3);
  r.metadata.planned_reps = 0;  // not said: no key, and the default applies
  const Bytes plain = encode_trial(r);
  EXPECT_EQ(std::search(plain.begin(), plain.end(), std::begin("planned_reps"),
                        std::end("planned_reps") - 1),
            plain.end());
  const Result<Recording> old = decode_trial(plain, "mem");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->metadata.squats_asked(), kDefaultSquatReps);
}

// Format 1.2: the camera's marker tracks (chunk KNEE) travel with the trial, lost markers stay
// lost, and a chunk that claims more frames than it holds is refused before any allocation.
knee::MarkerTrack sample_track() {
  knee::MarkerTrack t;
  t.camera = "sim-camera:task=squat";
  t.rate_hz = 30.0;
  t.width_px = 640;
  t.height_px = 480;
  t.interrupted = true;
  t.end_reason = "unplugged";
  for (int i = 0; i < 90; ++i) {
    knee::MarkerFrame f;
    f.t_s = i / 30.0;
    f.at(knee::Marker::kHip) = knee::PointPx{300.25 + i, 120.5};
    if (i % 7 != 3) f.at(knee::Marker::kKnee) = knee::PointPx{310.0, 260.75 - i * 0.5};
    f.at(knee::Marker::kAnkle) = knee::PointPx{305.0, 400.0};
    t.frames.push_back(f);
  }
  return t;
}

TEST(TrialFileTest, MarkerTracksTravelWithTheRecording) {
  Recording r = make_recording(PlateLayout::kFourCell, 30);
  const knee::MarkerTrack track = sample_track();
  r.markers = std::make_shared<knee::MarkerTrack>(track);
  const Result<Recording> back = decode_trial(encode_trial(r), "mem");
  ASSERT_TRUE(back) << back.error().message;
  expect_equal(r, *back);
  ASSERT_TRUE(back->markers);
  const knee::MarkerTrack& b = *back->markers;
  EXPECT_EQ(b.camera, track.camera);
  EXPECT_EQ(b.rate_hz, track.rate_hz);
  EXPECT_EQ(b.width_px, 640);
  EXPECT_EQ(b.height_px, 480);
  EXPECT_TRUE(b.interrupted);
  EXPECT_EQ(b.end_reason, "unplugged");
  ASSERT_EQ(b.frames.size(), track.frames.size());
  for (std::size_t i = 0; i < track.frames.size(); ++i) {
    EXPECT_EQ(b.frames[i].t_s, track.frames[i].t_s);
    for (const knee::Marker m : knee::kMarkers) {
      ASSERT_EQ(b.frames[i].at(m).has_value(), track.frames[i].at(m).has_value()) << i;
      if (!track.frames[i].at(m)) continue;
      EXPECT_FLOAT_EQ(static_cast<float>(b.frames[i].at(m)->x_px),
                      static_cast<float>(track.frames[i].at(m)->x_px));
      EXPECT_FLOAT_EQ(static_cast<float>(b.frames[i].at(m)->y_px),
                      static_cast<float>(track.frames[i].at(m)->y_px));
    }
  }
  // Without a camera there is no KNEE chunk at all.
  r.markers.reset();
  const Bytes plain = encode_trial(r);
  EXPECT_EQ(std::search(plain.begin(), plain.end(), std::begin("KNEE"), std::end("KNEE") - 1),
            plain.end());
  const Result<Recording> none = decode_trial(plain, "mem");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->markers);
}

TEST(TrialFileTest, AMarkerChunkThatClaimsTooMuchIsRefused) {
  Recording r = make_recording(PlateLayout::kFourCell, 10);
  r.markers = std::make_shared<knee::MarkerTrack>(sample_track());
  Bytes bytes = encode_trial(r);
  const auto at = std::search(bytes.begin(), bytes.end(), std::begin("KNEE"), std::end("KNEE") - 1);
  ASSERT_NE(at, bytes.end());
  const std::size_t chunk = static_cast<std::size_t>(at - bytes.begin());
  // The frame count: after the camera string, rate, size, flag and reason string.
  const std::size_t payload = chunk + 12;
  const auto camera_len = static_cast<std::size_t>(le(bytes, payload, 4));
  std::size_t count_at = payload + 4 + camera_len + 8 + 4 + 4 + 1;
  const auto reason_len = static_cast<std::size_t>(le(bytes, count_at, 4));
  count_at += 4 + reason_len;
  for (int i = 0; i < 8; ++i) bytes[count_at + static_cast<std::size_t>(i)] = 0xFF;  // 2^64 - 1
  // Keep the chunk's CRC right, so only the count is wrong.
  const auto length = static_cast<std::size_t>(le(bytes, chunk + 4, 8));
  const auto crc = reference_crc32(&bytes[chunk], 12 + length);
  for (int i = 0; i < 4; ++i) {
    bytes[chunk + 12 + length + static_cast<std::size_t>(i)] =
        static_cast<std::uint8_t>(crc >> (8 * i));
  }
  const Result<Recording> back = decode_trial(bytes, "mem");
  ASSERT_FALSE(back);
  EXPECT_NE(back.error().message.find("KNEE claims"), std::string::npos) << back.error().message;
}

TEST(TrialFileTest, EncodingIsDeterministic) {
  const Recording r = make_recording(PlateLayout::kSixComponent);
  EXPECT_EQ(encode_trial(r), encode_trial(r));
}

TEST(TrialFileTest, FileRoundTripThroughDisk) {
  const fs::path dir =
      fs::temp_directory_path() / ("stance-trial-rt-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const PlateLayout layout : {PlateLayout::kFourCell, PlateLayout::kSixComponent}) {
    const Recording original = make_recording(layout, 5000);
    const fs::path path = dir / ("trial-" + std::to_string(channel_count(layout)) + ".stance");
    ASSERT_TRUE(write_trial_file(path, original));
    const Result<Recording> back = read_trial_file(path);
    ASSERT_TRUE(back) << back.error().message;
    expect_equal(original, *back);
  }
  fs::remove_all(dir);
}

// ---- the documented byte layout ----------------------------------------------------------------

TEST(TrialFileTest, ReferenceCrcIsIeee) {
  const char* check = "123456789";
  EXPECT_EQ(reference_crc32(reinterpret_cast<const std::uint8_t*>(check), 9), 0xCBF43926u);
}

TEST(TrialFileTest, LayoutMatchesTheDocument) {
  const Recording r = make_recording(PlateLayout::kFourCell, 2);
  const Bytes b = encode_trial(r);
  const Bytes magic = {0x89, 'S', 'T', 'N', 'C', '\r', '\n', 0x1A};
  ASSERT_TRUE(std::equal(magic.begin(), magic.end(), b.begin()));
  ParsedFile f = parse_file(b);
  EXPECT_EQ(f.major, 1);
  EXPECT_EQ(f.minor, kTrialFormatMinor);
  std::vector<std::string> tags;
  for (const Chunk& c : f.chunks) tags.push_back(c.tag);
  EXPECT_EQ(tags, (std::vector<std::string>{"META", "PLAT", "CALB", "TARE", "RATE", "STRM", "EVNT",
                                            "FRAM", "END "}));

  // RATE: one f64.
  const Bytes& rate = find_chunk(f, "RATE").payload;
  ASSERT_EQ(rate.size(), 8u);
  EXPECT_EQ(std::bit_cast<double>(le(rate, 0, 8)), 1000.0);

  // PLAT: u16 u16 u8 u8 u16 u16, then f64 fields, then three strings.
  const Bytes& plat = find_chunk(f, "PLAT").payload;
  EXPECT_EQ(le(plat, 2, 2), 0x0203u);
  EXPECT_EQ(plat[4], 1);   // layout
  EXPECT_EQ(plat[5], 24);  // adc_bits
  EXPECT_EQ(le(plat, 6, 2), 2000u);
  EXPECT_EQ(std::bit_cast<double>(le(plat, 10, 8)), 0.4001);
  EXPECT_EQ(std::bit_cast<double>(le(plat, 26, 8)), -0.18);  // cell 0 x
  const std::size_t strings_at = 10 + 8 * (2 + 8 + 2);
  const auto manufacturer_size = static_cast<std::size_t>(le(plat, strings_at, 4));
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&plat[strings_at + 4]), manufacturer_size),
            r.plate.manufacturer);

  // CALB: fixed 192 bytes; the last six i32 are the zeros.
  const Bytes& calb = find_chunk(f, "CALB").payload;
  ASSERT_EQ(calb.size(), 192u);
  EXPECT_EQ(static_cast<std::int32_t>(le(calb, 168, 4)), -8388608);

  // TARE: u8, six f64, i64, four f64 gain corrections, the last check (3 × f64, i64).
  const Bytes& tare = find_chunk(f, "TARE").payload;
  ASSERT_EQ(tare.size(), 1u + 48u + 8u + 32u + 32u);
  EXPECT_EQ(static_cast<std::int64_t>(le(tare, 49, 8)), -1234567890123);
  EXPECT_EQ(std::bit_cast<double>(le(tare, 57, 8)), 1.01);
  EXPECT_EQ(static_cast<std::int64_t>(le(tare, 113, 8)), 1764000000);

  // STRM: seven u64.
  const Bytes& strm = find_chunk(f, "STRM").payload;
  ASSERT_EQ(strm.size(), 56u);
  EXPECT_EQ(le(strm, 0, 8), 1000001u);
  EXPECT_EQ(le(strm, 48, 8), 7u);

  // FRAM: u32 channels, u64 count, then 26-byte frames for a four-cell plate.
  const Bytes& fram = find_chunk(f, "FRAM").payload;
  EXPECT_EQ(le(fram, 0, 4), 4u);
  EXPECT_EQ(le(fram, 4, 8), 2u);
  ASSERT_EQ(fram.size(), 12u + 2u * 26u);
  EXPECT_EQ(le(fram, 12 + 26, 4), r.frames[1].seq);
  EXPECT_EQ(le(fram, 12 + 26 + 4, 4), r.frames[1].t_us);
  EXPECT_EQ(le(fram, 12 + 26 + 8, 2), r.frames[1].flags);
  EXPECT_EQ(static_cast<std::int32_t>(le(fram, 12 + 26 + 10 + 12, 4)), r.frames[1].counts[3]);

  // EVNT: u32 count, then u8 kind, u64 frame index, u32 count, string.
  const Bytes& evnt = find_chunk(f, "EVNT").payload;
  EXPECT_EQ(le(evnt, 0, 4), 4u);
  EXPECT_EQ(evnt[4], 1);
  EXPECT_EQ(le(evnt, 5, 8), r.events[0].frame_index);

  EXPECT_TRUE(find_chunk(f, "END ").payload.empty());
}

TEST(TrialFileTest, LooksLikeTrialFile) {
  const Bytes b = small_file();
  EXPECT_TRUE(looks_like_trial_file(b));
  EXPECT_TRUE(looks_like_trial_file(std::span(b).first(8)));
  EXPECT_FALSE(looks_like_trial_file(std::span(b).first(7)));
  const std::string csv = "time,fx,fy,fz\n0,1,2,3\n";
  EXPECT_FALSE(looks_like_trial_file(
      std::span(reinterpret_cast<const std::uint8_t*>(csv.data()), csv.size())));
  EXPECT_FALSE(looks_like_trial_file({}));
}

// ---- refusal of damaged files -----------------------------------------------------------------

TEST(TrialFileTest, EveryTruncationIsRejected) {
  const Bytes full = small_file();
  ASSERT_TRUE(decode_trial(full, "t.stance"));
  for (std::size_t n = 0; n < full.size(); ++n) {
    const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    const std::string error = decode_error(cut);
    ASSERT_FALSE(error.empty()) << "a file cut at " << n << " bytes was accepted";
    EXPECT_TRUE(contains(error, "t.stance: ")) << error;
    EXPECT_TRUE(contains(error, "truncated")) << "cut at " << n << ": " << error;
  }
}

TEST(TrialFileTest, EveryFlippedByteIsRejected) {
  const Bytes full = small_file();
  for (std::size_t i = 0; i < full.size(); ++i) {
    for (const std::uint8_t mask : {std::uint8_t{0xFF}, static_cast<std::uint8_t>(1u << (i % 8))}) {
      Bytes damaged = full;
      damaged[i] ^= mask;
      const std::string error = decode_error(damaged);
      ASSERT_FALSE(error.empty()) << "byte " << i << " ^ " << int{mask} << " was not detected";
      EXPECT_TRUE(contains(error, "corrupt") || contains(error, "bad magic") ||
                  contains(error, "truncated"))
          << error;
    }
  }
}

TEST(TrialFileTest, RandomMultiByteDamageIsRejected) {
  const Bytes full = encode_trial(make_recording(PlateLayout::kSixComponent, 50));
  std::mt19937 rng(12345);
  std::uniform_int_distribution<std::size_t> where(0, full.size() - 1);
  std::uniform_int_distribution<int> value(1, 255);
  for (int trial = 0; trial < 2000; ++trial) {
    Bytes damaged = full;
    for (int k = 0; k < 1 + trial % 4; ++k) {
      damaged[where(rng)] ^= static_cast<std::uint8_t>(value(rng));
    }
    ASSERT_FALSE(decode_error(damaged).empty()) << "damage " << trial << " was not detected";
  }
}

// Damage with recomputed CRCs reaches the payload decoders: whatever it does, decoding must end
// in a value or a message (the sanitizer build checks it never reads out of bounds).
TEST(TrialFileTest, PayloadMutationsWithValidCrcsNeverCrash) {
  const ParsedFile original = parse_file(encode_trial(make_recording(PlateLayout::kFourCell, 6)));
  std::mt19937 rng(777);
  int rejected = 0;
  for (int trial = 0; trial < 5000; ++trial) {
    ParsedFile f = original;
    Chunk& c = f.chunks[static_cast<std::size_t>(rng() % (f.chunks.size() - 1))];
    switch (rng() % 3) {
      case 0:
        if (!c.payload.empty())
          c.payload[rng() % c.payload.size()] ^= static_cast<std::uint8_t>(1u + rng() % 255);
        break;
      case 1:
        c.payload.resize(rng() % (c.payload.size() + 1));
        break;
      default:
        c.payload.insert(
            c.payload.begin() + static_cast<std::ptrdiff_t>(rng() % (c.payload.size() + 1)),
            static_cast<std::uint8_t>(rng()));
        break;
    }
    const Result<Recording> r = decode_trial(build_file(1, 0, f.chunks), "t.stance");
    if (!r) {
      ++rejected;
      EXPECT_TRUE(contains(r.error().message, "t.stance: corrupt: ")) << r.error().message;
    }
  }
  EXPECT_GT(rejected, 2500);
}

TEST(TrialFileTest, BadMagicNamesTheProblem) {
  const std::string csv = "time_s,fz_n\n0.000,712.5\n0.001,713.0\n";
  const Bytes bytes(csv.begin(), csv.end());
  const std::string error = decode_error(bytes);
  EXPECT_TRUE(contains(error, "t.stance: not a Stance trial file (bad magic)")) << error;
}

TEST(TrialFileTest, NewerMajorVersionAsksForUpdate) {
  ParsedFile f = parse_file(small_file());
  const std::string error = decode_error(build_file(2, 0, f.chunks));
  EXPECT_TRUE(contains(error,
                       "t.stance: was written by a newer Stance (format 2); this version "
                       "reads format 1 — update Stance"))
      << error;
}

TEST(TrialFileTest, FormatZeroIsRefused) {
  ParsedFile f = parse_file(small_file());
  EXPECT_TRUE(contains(decode_error(build_file(0, 0, f.chunks)), "corrupt")) << "format 0";
}

TEST(TrialFileTest, UnknownChunksAreSkipped) {
  const Recording original = make_recording(PlateLayout::kFourCell, 10);
  ParsedFile f = parse_file(encode_trial(original));
  f.chunks.insert(f.chunks.begin() + 2, Chunk{"XTRA", Bytes(37, 0xAB)});
  f.chunks.insert(f.chunks.end() - 1, Chunk{"zzzz", Bytes{}});
  const Result<Recording> back = decode_trial(build_file(1, 0, f.chunks), "t.stance");
  ASSERT_TRUE(back) << back.error().message;
  expect_equal(original, *back);
}

TEST(TrialFileTest, ChunksMayComeInAnyOrder) {
  const Recording original = make_recording(PlateLayout::kSixComponent, 10);
  ParsedFile f = parse_file(encode_trial(original));
  std::reverse(f.chunks.begin(), f.chunks.end() - 1);  // END stays last
  const Result<Recording> back = decode_trial(build_file(1, 0, f.chunks), "t.stance");
  ASSERT_TRUE(back) << back.error().message;
  expect_equal(original, *back);
}

TEST(TrialFileTest, NewerMinorMayExtendChunksAndMeta) {
  const Recording original = make_recording(PlateLayout::kFourCell, 10);
  ParsedFile f = parse_file(encode_trial(original));
  Chunk& plat = find_chunk(f, "PLAT");
  plat.payload.insert(plat.payload.end(), {1, 2, 3, 4});
  Chunk& meta = find_chunk(f, "META");
  const auto count = static_cast<std::uint32_t>(le(meta.payload, 0, 4)) + 1;
  for (int i = 0; i < 4; ++i) meta.payload[i] = static_cast<std::uint8_t>(count >> (8 * i));
  const std::string key = "future_key";
  const std::string value = "future value";
  put_le(meta.payload, key.size(), 4);
  meta.payload.insert(meta.payload.end(), key.begin(), key.end());
  put_le(meta.payload, value.size(), 4);
  meta.payload.insert(meta.payload.end(), value.begin(), value.end());

  TrialFileInfo info;
  const Result<Recording> newer = decode_trial(build_file(1, 7, f.chunks), "t.stance", &info);
  ASSERT_TRUE(newer) << newer.error().message;
  expect_equal(original, *newer);
  EXPECT_EQ(info.format_minor, 7);

  // The same additions in a file that claims this reader's own minor version are damage.
  const std::string error = decode_error(build_file(1, 0, f.chunks));
  EXPECT_TRUE(contains(error, "corrupt")) << error;
}

// Edits one chunk of a valid file (with valid CRCs) and returns the decode error.
template <typename Edit>
std::string error_after_edit(const std::string& tag, Edit edit,
                             PlateLayout layout = PlateLayout::kFourCell) {
  ParsedFile f = parse_file(encode_trial(make_recording(layout, 4)));
  edit(find_chunk(f, tag).payload);
  return decode_error(build_file(1, 0, f.chunks));
}

void put_f64_at(Bytes& b, std::size_t at, double v) {
  const auto bits = std::bit_cast<std::uint64_t>(v);
  for (int i = 0; i < 8; ++i) b[at + i] = static_cast<std::uint8_t>(bits >> (8 * i));
}

TEST(TrialFileTest, ImpossibleValuesAreRejectedPrecisely) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const auto expect_error = [](const std::string& error, const std::string& part) {
    EXPECT_TRUE(contains(error, part)) << "expected '" << part << "' in: " << error;
    EXPECT_TRUE(contains(error, "t.stance: corrupt: ")) << error;
  };
  expect_error(error_after_edit("RATE", [](Bytes& p) { put_f64_at(p, 0, 0.0); }),
               "RATE 0 Hz is not in (0, 100000] Hz");
  expect_error(error_after_edit("RATE", [](Bytes& p) { put_f64_at(p, 0, -5.0); }), "RATE -5 Hz");
  expect_error(error_after_edit("RATE", [](Bytes& p) { put_f64_at(p, 0, 100001.0); }), "RATE");
  expect_error(error_after_edit("RATE", [nan](Bytes& p) { put_f64_at(p, 0, nan); }), "RATE nan");
  expect_error(error_after_edit("PLAT", [](Bytes& p) { p[4] = 3; }), "PLAT layout 3");
  expect_error(error_after_edit("PLAT", [inf](Bytes& p) { put_f64_at(p, 10, inf); }),
               "PLAT holds a non-finite number");
  expect_error(error_after_edit("PLAT", [](Bytes& p) { put_f64_at(p, 18, 0.0); }),
               "is not positive");
  expect_error(error_after_edit("CALB",
                                [](Bytes& p) {
                                  const auto bits = std::bit_cast<std::uint32_t>(
                                      std::numeric_limits<float>::quiet_NaN());
                                  for (int i = 0; i < 4; ++i) {
                                    p[20 + i] = static_cast<std::uint8_t>(bits >> (8 * i));
                                  }
                                }),
               "CALB holds a non-finite number");
  expect_error(error_after_edit("TARE", [nan](Bytes& p) { put_f64_at(p, 1, nan); }),
               "TARE holds a non-finite number");
  expect_error(error_after_edit("TARE", [](Bytes& p) { p[0] = 2; }), "TARE applied flag is 2");
  expect_error(error_after_edit("TARE", [](Bytes& p) { put_f64_at(p, 57, 3.0); }),
               "TARE gain correction");
  expect_error(error_after_edit("FRAM", [](Bytes& p) { p[0] = 5; }),
               "FRAM channel count 5 is neither 4 nor 6");
  expect_error(error_after_edit("FRAM", [](Bytes& p) { p[0] = 6; }),
               "FRAM has 6 channels but the plate (PLAT) has 4");
  expect_error(error_after_edit("FRAM", [](Bytes& p) { p[4] = 5; }),
               "FRAM frame count 5 does not match payload size");
  expect_error(error_after_edit("FRAM", [](Bytes& p) { p[11] = 0x40; }),  // 2^62 + 4 frames
               "does not match payload size");
  expect_error(error_after_edit("FRAM", [](Bytes& p) { p.pop_back(); }),
               "does not match payload size");
  expect_error(error_after_edit("EVNT", [](Bytes& p) { p[4] = 9; }), "unknown kind 9");
  expect_error(error_after_edit("EVNT", [](Bytes& p) { p[5] = 200; }),
               "EVNT event 0 points at frame 200 but there are only 4");
  expect_error(error_after_edit("EVNT", [](Bytes& p) { p[3] = 0x7F; }), "chunk EVNT claims");
  expect_error(error_after_edit("META", [](Bytes& p) { p[3] = 0x7F; }), "chunk META claims");
  // A string length near 4 GiB inside a payload must fail cleanly, not allocate.
  expect_error(error_after_edit("PLAT",
                                [](Bytes& p) {
                                  const std::size_t at = 10 + 8 * 12;
                                  p[at + 3] = 0xFF;
                                }),
               "chunk PLAT is shorter than its fields");
  expect_error(error_after_edit("STRM", [](Bytes& p) { p.push_back(0); }),
               "chunk STRM has 1 unexpected bytes");
}

TEST(TrialFileTest, BadMetaValuesAreRejected) {
  // Replaces the value of the first META entry whose key is `key`.
  const auto with_meta = [](const std::string& key, const std::string& new_value) {
    return error_after_edit("META", [&](Bytes& p) {
      std::size_t pos = 4;
      Bytes out(p.begin(), p.begin() + 4);
      while (pos < p.size()) {
        const auto key_size = static_cast<std::size_t>(le(p, pos, 4));
        const std::string k(reinterpret_cast<const char*>(&p[pos + 4]), key_size);
        const std::size_t value_at = pos + 4 + key_size;
        const auto value_size = static_cast<std::size_t>(le(p, value_at, 4));
        out.insert(out.end(), p.begin() + static_cast<std::ptrdiff_t>(pos),
                   p.begin() + static_cast<std::ptrdiff_t>(value_at));
        if (k == key) {
          put_le(out, new_value.size(), 4);
          out.insert(out.end(), new_value.begin(), new_value.end());
        } else {
          out.insert(out.end(), p.begin() + static_cast<std::ptrdiff_t>(value_at),
                     p.begin() + static_cast<std::ptrdiff_t>(value_at + 4 + value_size));
        }
        pos = value_at + 4 + value_size;
      }
      p = out;
    });
  };
  EXPECT_TRUE(contains(with_meta("limb", "middle"), "META limb 'middle'"));
  EXPECT_TRUE(contains(with_meta("task", "jump"), "META task 'jump'"));
  EXPECT_TRUE(contains(with_meta("eyes", "half"), "META eyes 'half'"));
  EXPECT_TRUE(contains(with_meta("attempt", "2x"), "META attempt '2x' is not a whole number"));
  EXPECT_TRUE(contains(with_meta("attempt", ""), "META attempt '' is not a whole number"));
  EXPECT_EQ(with_meta("limb", "left"), "");  // the editor itself keeps a valid file valid
  // A standard key renamed to an unknown one: unknown key (this minor) and then missing.
  EXPECT_TRUE(contains(error_after_edit("META", [](Bytes& p) { p[8] = 'X'; }), "unknown key"));
}

TEST(TrialFileTest, StructuralDamageIsNamed) {
  ParsedFile f = parse_file(small_file());
  {
    std::vector<Chunk> chunks = f.chunks;
    chunks.erase(chunks.begin() + 1);  // PLAT
    EXPECT_TRUE(contains(decode_error(build_file(1, 0, chunks)), "missing chunk PLAT"));
  }
  {
    ASSERT_GT(f.chunks.size(), 3u);
    // Built by appending: GCC 12 -O2 gives a false -Warray-bounds on a self-insert.
    std::vector<Chunk> chunks(f.chunks.begin(), f.chunks.begin() + 3);
    chunks.push_back(f.chunks[2]);  // CALB twice
    for (std::size_t i = 3; i < f.chunks.size(); ++i) chunks.push_back(f.chunks[i]);
    EXPECT_TRUE(contains(decode_error(build_file(1, 0, chunks)), "chunk CALB appears twice"));
  }
  {
    std::vector<Chunk> chunks = f.chunks;
    chunks.back().payload = {0};
    EXPECT_TRUE(contains(decode_error(build_file(1, 0, chunks)), "END chunk is not empty"));
  }
  {
    Bytes bytes = build_file(1, 0, f.chunks);
    bytes.push_back(0);
    EXPECT_TRUE(contains(decode_error(bytes), "1 unexpected bytes after the END chunk"));
  }
  {
    Bytes bytes = small_file();
    bytes[16 + 4 + 7] = 0x80;  // META length 2^63 + n
    const std::string error = decode_error(bytes);
    EXPECT_TRUE(contains(error, "truncated: chunk META claims")) << error;
    EXPECT_TRUE(contains(error, "the file was cut short")) << error;
  }
  {
    Bytes bytes = small_file();
    // Damage a byte inside the CALB payload: the CRC names the chunk.
    ParsedFile parsed = parse_file(bytes);
    std::size_t pos = 16;
    for (const Chunk& c : parsed.chunks) {
      if (c.tag == "CALB") break;
      pos += 12 + c.payload.size() + 4;
    }
    bytes[pos + 12 + 50] ^= 0x10;
    EXPECT_TRUE(contains(decode_error(bytes), "t.stance: corrupt: CRC mismatch in chunk CALB"));
  }
}

// ---- writing and reading files -----------------------------------------------------------------

class TrialFileDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("stance-trial-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }

  std::vector<std::string> entries(const fs::path& dir) const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  static Bytes slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
  }

  fs::path dir_;
};

TEST_F(TrialFileDiskTest, ReplacingIsOnlyOnRequestAndLeavesNoTemporaryFile) {
  const fs::path path = dir_ / "trial.stance";
  const Recording first = make_recording(PlateLayout::kFourCell, 100);
  Recording second = make_recording(PlateLayout::kSixComponent, 200);
  second.metadata.patient_code = "P-0043";
  ASSERT_TRUE(write_trial_file(path, first));
  EXPECT_EQ(slurp(path), encode_trial(first));
  const Status refused = write_trial_file(path, second);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(contains(refused.error().message, "already exists")) << refused.error().message;
  EXPECT_TRUE(contains(refused.error().message, "--force")) << refused.error().message;
  EXPECT_EQ(slurp(path), encode_trial(first));
  EXPECT_EQ(entries(dir_), std::vector<std::string>{"trial.stance"});
  ASSERT_TRUE(write_trial_file(path, second, {IfExists::kReplace, {}}));
  EXPECT_EQ(slurp(path), encode_trial(second));
  EXPECT_EQ(entries(dir_), std::vector<std::string>{"trial.stance"});

  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "clinical data must be private to its owner";
}

TEST_F(TrialFileDiskTest, RelativePathWritesIntoTheCurrentFolder) {
  const fs::path old_cwd = fs::current_path();
  fs::current_path(dir_);
  const Bytes bytes = {1, 2, 3};
  const Status s = write_file_atomically("plain-name.bin", bytes);
  fs::current_path(old_cwd);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(slurp(dir_ / "plain-name.bin"), bytes);
}

TEST_F(TrialFileDiskTest, MissingFolderGivesAClearErrorAndCreatesNothing) {
  const fs::path path = dir_ / "no-such-folder" / "trial.stance";
  const Status s = write_trial_file(path, make_recording(PlateLayout::kFourCell, 10));
  ASSERT_FALSE(s);
  EXPECT_TRUE(contains(s.error().message, path.string())) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "No such file or directory")) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "create it or choose another folder"))
      << s.error().message;
  EXPECT_TRUE(entries(dir_).empty());
}

TEST_F(TrialFileDiskTest, ReadOnlyFolderGivesAClearErrorAndLeavesTheOldFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
  const fs::path path = dir_ / "trial.stance";
  const Bytes old_bytes = {9, 9, 9};
  ASSERT_TRUE(write_file_atomically(path, old_bytes));
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
  const Status s =
      write_trial_file(path, make_recording(PlateLayout::kFourCell, 10), {IfExists::kReplace, {}});
  fs::permissions(dir_, fs::perms::owner_all);
  ASSERT_FALSE(s);
  EXPECT_TRUE(contains(s.error().message, "Permission denied")) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, path.string())) << s.error().message;
  EXPECT_EQ(slurp(path), old_bytes);
  EXPECT_EQ(entries(dir_), std::vector<std::string>{"trial.stance"});
}

TEST_F(TrialFileDiskTest, WhatIsNotARegularFileIsNeverReplaced) {
  // A folder, a pipe, a symbolic link (to a file or to a device): refused in both modes, before
  // anything is written, and left as they were. `demo --sheet /dev/full` once replaced the device.
  const fs::path folder = dir_ / "folder.stance";
  fs::create_directory(folder);
  const fs::path fifo = dir_ / "fifo.stance";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const fs::path target = dir_ / "target.bin";
  ASSERT_TRUE(write_file_atomically(target, Bytes{7, 7}));
  const fs::path link = dir_ / "link.stance";
  fs::create_symlink(target, link);
  const fs::path device_link = dir_ / "null.stance";
  fs::create_symlink("/dev/null", device_link);
  const Recording r = make_recording(PlateLayout::kFourCell, 10);
  for (const IfExists mode : {IfExists::kRefuse, IfExists::kReplace}) {
    for (const auto& [path, why] :
         {std::pair{folder, "a folder has that name"}, std::pair{fifo, "device, pipe or socket"},
          std::pair{link, "symbolic link"}, std::pair{device_link, "symbolic link"}}) {
      const Status s = write_trial_file(path, r, {mode, {}});
      ASSERT_FALSE(s) << path;
      EXPECT_TRUE(contains(s.error().message, why)) << s.error().message;
    }
  }
  EXPECT_TRUE(fs::is_directory(folder));
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(slurp(target), (Bytes{7, 7}));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  EXPECT_EQ(entries(dir_).size(), 5u) << "no temporary file is left behind";
}

TEST_F(TrialFileDiskTest, AFileNamedAsNeverReplacedIsRefusedUnderAnyName) {
  // The open store stays itself even with --force, however its name is spelled.
  const fs::path store = dir_ / "clinic.db";
  ASSERT_TRUE(write_file_atomically(store, Bytes{1, 2, 3}));
  const fs::path other_spelling = dir_ / "." / "clinic.db";
  const fs::path hard_link = dir_ / "also-clinic.db";
  fs::create_hard_link(store, hard_link);
  const WriteOptions force{IfExists::kReplace, {store}};
  for (const auto& path : {other_spelling, hard_link}) {
    const Status s = write_file_atomically(path, Bytes{9}, force);
    ASSERT_FALSE(s) << path;
    EXPECT_TRUE(contains(s.error().message, "which Stance has open")) << s.error().message;
  }
  EXPECT_EQ(slurp(store), (Bytes{1, 2, 3}));
  ASSERT_TRUE(write_file_atomically(dir_ / "sheet.pdf", Bytes{4}, force));
}

TEST_F(TrialFileDiskTest, FailedWriteKeepsTheOldFileAndRemovesTheTemporaryFile) {
  // RLIMIT_FSIZE makes write() fail part-way (EFBIG), like a disk filling up during the save;
  // unlike folder permissions it also binds root.
  const fs::path path = dir_ / "trial.stance";
  const Bytes old_bytes(100, 0x11);
  ASSERT_TRUE(write_file_atomically(path, old_bytes));

  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit tight = saved;
  tight.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tight), 0);
  const Status s = write_file_atomically(path, Bytes(100000, 0x22), {IfExists::kReplace, {}});
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &saved), 0);
  std::signal(SIGXFSZ, old_handler);

  ASSERT_FALSE(s);
  EXPECT_TRUE(contains(s.error().message, "writing failed after 4096 of 100000 bytes"))
      << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "File too large")) << s.error().message;
  EXPECT_EQ(slurp(path), old_bytes);
  EXPECT_EQ(entries(dir_), std::vector<std::string>{"trial.stance"});
}

TEST_F(TrialFileDiskTest, ATemporaryFileLeftByAKilledWriterIsRemovedByTheNextWrite) {
  // As a writer killed with SIGKILL leaves them: its temporary file, and SQLite's journal beside
  // it. Nothing holds their lock any more.
  const std::string abandoned = ".backup.db.tmp-0123456789abcdef";
  std::ofstream(dir_ / abandoned) << "half a store";
  std::ofstream(dir_ / (abandoned + "-journal")) << "its journal";
  // A writer still at work holds its file's lock: its file stays.
  const std::string live = ".backup.db.tmp-fedcba9876543210";
  const int live_fd = ::open((dir_ / live).c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  ASSERT_GE(live_fd, 0);
  ASSERT_EQ(::flock(live_fd, LOCK_EX), 0);
  // Another target's temporary file is not this one's business.
  const std::string other = ".backup.db.old.tmp-0123456789abcdef";
  std::ofstream(dir_ / other) << "x";

  ASSERT_TRUE(write_file_atomically(dir_ / "backup.db", Bytes{1, 2, 3}));
  EXPECT_EQ(entries(dir_), (std::vector<std::string>{other, live, "backup.db"}));
  ::close(live_fd);
}

TEST_F(TrialFileDiskTest, AFailedFillLeavesNeitherTheFileNorItsCompanions) {
  const fs::path path = dir_ / "out.db";
  const Status s = write_file_atomically_with(path, [](int, const fs::path& temporary) -> Status {
    std::ofstream(temporary.string() + "-journal") << "a library's companion file";
    return Error{"the content could not be made"};
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "the content could not be made");
  EXPECT_TRUE(entries(dir_).empty());
}

TEST_F(TrialFileDiskTest, InvalidRecordingIsNeverWritten) {
  const fs::path path = dir_ / "trial.stance";
  Recording r = make_recording(PlateLayout::kFourCell, 10);
  r.rate_hz = 0.0;
  const Status s = write_trial_file(path, r);
  ASSERT_FALSE(s);
  EXPECT_TRUE(contains(s.error().message, "the recording is not valid (RATE 0 Hz"))
      << s.error().message;
  EXPECT_TRUE(entries(dir_).empty());
}

TEST_F(TrialFileDiskTest, NotAFileNameIsRefused) {
  const Status s = write_file_atomically(dir_ / "", Bytes{1});
  ASSERT_FALSE(s);
  EXPECT_TRUE(contains(s.error().message, "not a file name")) << s.error().message;
}

TEST(AtomicFileTest, DiskFullErrorSaysSo) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "/dev/full is not available";
  const Status s = detail::write_all(fd, Bytes(10000, 7), "/clinic/trial.stance");
  ::close(fd);
  ASSERT_FALSE(s);
  EXPECT_TRUE(contains(s.error().message, "No space left on device")) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "/clinic/trial.stance")) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "free some disk space")) << s.error().message;
}

TEST(AtomicFileTest, WriteAllDeliversEveryByteThroughAPipe) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  Bytes data(3 << 20);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 31 + 7);
  Bytes received;
  std::thread reader([&] {
    std::array<std::uint8_t, 4096> buffer{};
    for (;;) {
      const ssize_t n = ::read(fds[0], buffer.data(), buffer.size());
      if (n <= 0) break;
      received.insert(received.end(), buffer.data(), buffer.data() + n);
    }
  });
  const Status s = detail::write_all(fds[1], data, "pipe");
  ::close(fds[1]);
  reader.join();
  ::close(fds[0]);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(received, data);
}

TEST_F(TrialFileDiskTest, ReadErrorsNameThePathAndTheCause) {
  const auto message = [](const fs::path& p) {
    const auto r = read_file_bytes(p);
    return r ? std::string() : r.error().message;
  };
  const fs::path missing = dir_ / "missing.stance";
  EXPECT_TRUE(contains(message(missing), "cannot read '" + missing.string() + "': no such file"));
  EXPECT_TRUE(contains(message(dir_), "it is a folder, not a file"));
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_TRUE(contains(message(fifo), "not a regular file"));

  const fs::path big = dir_ / "big.bin";
  ASSERT_TRUE(write_file_atomically(big, Bytes(1000, 1)));
  const auto limited = read_file_bytes(big, 999);
  ASSERT_FALSE(limited);
  EXPECT_TRUE(contains(limited.error().message, "larger than 999 bytes"));
  const auto exact = read_file_bytes(big, 1000);
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->size(), 1000u);

  if (::geteuid() != 0) {
    const fs::path secret = dir_ / "secret.stance";
    ASSERT_TRUE(write_file_atomically(secret, Bytes{1}));
    fs::permissions(secret, fs::perms::none);
    EXPECT_TRUE(contains(message(secret), "permission denied"));
  }
}

TEST_F(TrialFileDiskTest, ReadTrialFileNamesTheFile) {
  const fs::path csv = dir_ / "export.csv";
  const std::string text = "time_s,fz_n\n0,700\n";
  ASSERT_TRUE(write_file_atomically(
      csv, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())));
  const auto not_trial = read_trial_file(csv);
  ASSERT_FALSE(not_trial);
  EXPECT_TRUE(contains(not_trial.error().message,
                       "'" + csv.string() + "': not a Stance trial file (bad magic)"))
      << not_trial.error().message;

  const fs::path cut = dir_ / "cut.stance";
  const Bytes full = encode_trial(make_recording(PlateLayout::kFourCell, 1000));
  ASSERT_TRUE(write_file_atomically(cut, std::span(full).first(full.size() / 2)));
  const auto truncated = read_trial_file(cut);
  ASSERT_FALSE(truncated);
  EXPECT_TRUE(contains(truncated.error().message, "'" + cut.string() + "': truncated: chunk FRAM"))
      << truncated.error().message;
  EXPECT_TRUE(contains(truncated.error().message, "copy it again from the original or re-record"));

  const auto missing = read_trial_file(dir_ / "nope.stance");
  ASSERT_FALSE(missing);
  EXPECT_TRUE(contains(missing.error().message, "no such file"));
}

}  // namespace
}  // namespace stance
