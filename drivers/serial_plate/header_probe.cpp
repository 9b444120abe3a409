#include "serial_plate/header_probe.hpp"

#include <array>

#include "serial_plate/line_assembler.hpp"
#include "serial_plate/serial_options.hpp"
#include "support/format.hpp"

namespace stance::serial {
namespace {

// Text is printable ASCII, tabs and line ends; a wrong baud rate turns it into mostly other bytes.
bool is_text(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 0x20 && u < 0x7F) || c == '\n' || c == '\r' || c == '\t';
}

// Enough bytes to judge: several lines' worth.
constexpr std::size_t kJudgeBytes = 256;

Error wrong_baud(const SerialPort& port) {
  return Error{"what " + port.path() + " sends at " + std::to_string(port.baud()) +
               " baud is not lines of text: the plate probably sends at another baud rate; give "
               "it as serial:" +
               port.path() + ",baud=N (the Stance sketch uses " + std::to_string(kDefaultBaud) +
               ")"};
}

}  // namespace

Result<ProbeOutcome> probe_header(SerialPort& port, std::chrono::milliseconds timeout,
                                  const PlateHeader& known) {
  ProbeOutcome out;
  out.header = known;
  LineAssembler lines;
  std::size_t bytes = 0, text_bytes = 0;
  bool header_seen = false;
  const auto on_line = [&](std::string_view text, bool too_long) {
    const ParsedLine line =
        too_long ? ParsedLine{LineKind::kGarbled, {}, {}} : parse_plate_line(text);
    switch (line.kind) {
      case LineKind::kHeader: {
        PlateHeader said;
        said.merge(line.header);
        // What the address says wins over what the plate says.
        if (known.serial.empty() && !said.serial.empty()) out.header.serial = said.serial;
        if (known.rate_hz <= 0.0 && said.rate_hz > 0.0) out.header.rate_hz = said.rate_hz;
        if (!said.name.empty()) out.header.name = said.name;
        if (!said.firmware.empty()) out.header.firmware = said.firmware;
        header_seen = true;
        break;
      }
      case LineKind::kSample:
        ++out.sample_lines;
        break;
      case LineKind::kGarbled:
        ++out.garbled_lines;
        break;
      case LineKind::kEmpty:
        break;
    }
  };
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<char, 512> buffer{};
  while (!(out.header.complete() && (header_seen || out.sample_lines > 0))) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    const SerialPort::ReadOutcome r = port.read(buffer, left);
    for (std::size_t i = 0; i < r.bytes; ++i) text_bytes += is_text(buffer[i]) ? 1 : 0;
    bytes += r.bytes;
    lines.feed(std::span<const char>(buffer.data(), r.bytes), on_line);
    if (r.hung_up) {
      return Error{port.path() + " hung up while Stance read its header (was it unplugged?)"};
    }
    // Mostly non-text bytes and no line that makes sense: no use waiting for a header.
    if (bytes >= kJudgeBytes && out.sample_lines == 0 && !header_seen &&
        text_bytes * 10 < bytes * 9) {
      return wrong_baud(port);
    }
  }
  if (out.header.complete()) return out;
  const double seconds = std::chrono::duration<double>(timeout).count();
  if (bytes == 0) {
    return Error{"nothing arrived from " + port.path() + " in " + fixed(seconds, 1) +
                 " s: is it a serial plate with the Stance sketch (or another that prints its "
                 "samples)?"};
  }
  if (out.sample_lines == 0 && !header_seen) return wrong_baud(port);
  if (out.header.serial.empty()) {
    return Error{port.path() + " sends " + (out.sample_lines > 0 ? "samples" : "lines") +
                 " but no '# serial=' header line: load the Stance sketch, or name the plate in "
                 "the address (serial:" +
                 port.path() + ",serial=NAME,rate=HZ)"};
  }
  return Error{port.path() +
               " says no sample rate ('# rate=' line): give it in the address "
               "(serial:" +
               port.path() + ",rate=HZ)"};
}

}  // namespace stance::serial
