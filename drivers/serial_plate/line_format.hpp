#pragma once
// One text line of a serial plate (docs/serial-plate.md): a sample is four integers (the cells'
// raw counts, in the plate's order) separated by commas, spaces or tabs, optionally preceded by
// the device's time in microseconds; a line starting with '#' is a header ("# name=...; serial=
// ...; rate=80"). Anything else is garbled.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stance::serial {

inline constexpr int kCells = 4;

enum class LineKind : std::uint8_t { kSample, kHeader, kEmpty, kGarbled };

struct SampleLine {
  bool has_time = false;
  std::uint32_t t_us = 0;  // the device's clock, low 32 bits (it wraps like Arduino's micros())
  std::array<std::int32_t, kCells> counts{};
};

struct ParsedLine {
  LineKind kind = LineKind::kEmpty;
  SampleLine sample;
  std::vector<std::pair<std::string, std::string>> header;  // key (lower case), value
};

ParsedLine parse_plate_line(std::string_view line);

// What the '#' lines said about the plate; empty or 0 where a line has not said it.
struct PlateHeader {
  std::string name;
  std::string serial;
  double rate_hz = 0.0;
  std::string firmware;  // "1.2"
  void merge(const std::vector<std::pair<std::string, std::string>>& fields);
  bool complete() const { return !serial.empty() && rate_hz > 0.0; }
};

// One sample line as the firmware prints it (the emulated plate in the tests prints this too).
std::string format_sample_line(const SampleLine& sample);

}  // namespace stance::serial
