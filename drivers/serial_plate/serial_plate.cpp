#include "serial_plate/serial_plate.hpp"

#include <array>
#include <cmath>
#include <cstdio>

#include "serial_plate/header_probe.hpp"
#include "support/format.hpp"

namespace stance::serial {
namespace {

// "1.2" as SPP's firmware_version (major in the high byte); 0 when it is not of that form.
std::uint16_t firmware_version(const std::string& text) {
  unsigned major = 0, minor = 0;
  if (std::sscanf(text.c_str(), "%u.%u", &major, &minor) != 2 || major > 255 || minor > 255) {
    return 0;
  }
  return static_cast<std::uint16_t>(major << 8 | minor);
}

}  // namespace

PlateInfo serial_plate_info(const PlateHeader& header, const PlateFile& file) {
  PlateInfo info;
  info.firmware_version = firmware_version(header.firmware);
  info.layout = PlateLayout::kFourCell;
  info.adc_bits = 24;  // HX711; the counts are used as they come
  const auto rate = static_cast<std::uint16_t>(std::lround(header.rate_hz));
  info.max_rate_hz = rate;
  info.default_rate_hz = rate;
  info.width_m = file.width_m;
  info.length_m = file.length_m;
  info.cells = file.cells;
  info.capacity_n = file.capacity_n;
  info.manufacturer = "serial plate";
  info.product = header.name.empty() ? "serial load-cell plate" : header.name;
  info.serial = header.serial;
  return info;
}

Result<std::unique_ptr<SerialPlate>> SerialPlate::open(const SerialOptions& options,
                                                       const std::filesystem::path& plate_files) {
  if (options.path.empty()) {
    return Error{"give the serial port, e.g. serial:/dev/ttyACM0 (`stance devices` lists them)"};
  }
  Result<SerialPort> port = SerialPort::open(options.path, options.baud);
  if (!port) return port.error();
  PlateHeader known;
  known.serial = options.serial;
  known.rate_hz = options.rate_hz;
  Result<ProbeOutcome> probe = probe_header(*port, options.header_timeout, known);
  if (!probe) return probe.error();
  const std::filesystem::path file_path = options.plate_file.empty()
                                              ? plate_file_path(plate_files, probe->header.serial)
                                              : std::filesystem::path(options.plate_file);
  Result<PlateFile> file = load_plate_file(file_path);
  if (!file) return Error{"serial plate " + probe->header.serial + ": " + file.error().message};
  if (file->serial != probe->header.serial) {
    return Error{file_path.string() + " is the plate file of " + file->serial + ", not of " +
                 probe->header.serial + " (the plate on " + options.path + ")"};
  }
  if (std::lround(probe->header.rate_hz) < 1 || probe->header.rate_hz > 65535) {
    return Error{options.path + " says its rate is " + fixed(probe->header.rate_hz, 1) +
                 " Hz; Stance takes 1..65535 Hz"};
  }
  return std::unique_ptr<SerialPlate>(
      new SerialPlate(std::move(*port), probe->header, *file, options));
}

SerialPlate::SerialPlate(SerialPort port, const PlateHeader& header, const PlateFile& file,
                         const SerialOptions& options)
    : port_(std::move(port)),
      name_(header.name),
      info_(serial_plate_info(header, file)),
      stream_(header.rate_hz, options.stall_after) {
  // The factory zero is unknown until the first tare; the gains are the plate file's.
  for (int i = 0; i < 4; ++i) {
    calibration_.gain_n_per_count[i] = static_cast<float>(file.newtons_per_count[i]);
  }
}

Status SerialPlate::set_rate(std::uint16_t rate_hz) {
  if (rate_hz == info_.default_rate_hz) return {};
  return Error{"a serial plate's rate is set by its firmware; the plate on " + port_.path() +
               " sends " + std::to_string(info_.default_rate_hz) + " Hz: record without --rate"};
}

Status SerialPlate::start() {
  if (!connected_) {
    return Error{"the serial plate on " + port_.path() +
                 " was unplugged: plug it in and open it "
                 "again"};
  }
  port_.discard_input();
  lines_.clear();
  stream_.restart(SampleStream::Clock::now());
  streaming_ = true;
  return {};
}

Status SerialPlate::stop() {
  streaming_ = false;  // the plate goes on printing; nothing is sent to it
  return {};
}

ReadStatus SerialPlate::read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                             std::chrono::milliseconds timeout) {
  if (!connected_) return ReadStatus::kDisconnected;
  if (!streaming_) return ReadStatus::kTimeout;
  const std::size_t before = frames.size();
  const auto deadline = SampleStream::Clock::now() + timeout;
  std::array<char, 4096> buffer{};
  while (true) {
    const auto now = SampleStream::Clock::now();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    const SerialPort::ReadOutcome r =
        port_.read(buffer, frames.size() > before ? std::chrono::milliseconds(0)
                                                  : std::max(left, std::chrono::milliseconds(0)));
    const auto arrival = SampleStream::Clock::now();
    lines_.feed(std::span<const char>(buffer.data(), r.bytes),
                [&](std::string_view line, bool too_long) {
                  stream_.on_line(line, too_long, arrival, frames, events);
                });
    if (r.hung_up) {
      connected_ = false;
      streaming_ = false;
      ++hang_ups_;
      return ReadStatus::kDisconnected;
    }
    if (r.bytes == buffer.size()) continue;  // more may be waiting
    if (frames.size() > before) return ReadStatus::kFrames;
    if (arrival >= deadline) break;
  }
  stream_.on_silence(SampleStream::Clock::now(), frames.size(), events);
  return ReadStatus::kTimeout;
}

SerialHealth SerialPlate::serial_health() const {
  SerialHealth h;
  h.plate.stream = stream_.counters().stream;
  h.stalls = stream_.counters().stalls;
  h.hang_ups = hang_ups_;
  h.connected = connected_;
  h.streaming = streaming_;
  return h;
}

}  // namespace stance::serial
