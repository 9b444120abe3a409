#include "recording/plate_adjustment_file.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <system_error>
#include <vector>

#include "support/atomic_file.hpp"
#include "support/key_value_text.hpp"

namespace stance {
namespace {

constexpr const char* kFormat = "stance.plate-adjustment/1";

std::string number_text(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", v);  // round-trips exactly
  return text;
}

template <typename Array>
std::string numbers_text(const Array& values, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += (i ? " " : "") + number_text(static_cast<double>(values[static_cast<std::size_t>(i)]));
  }
  return out;
}

// Whitespace-separated numbers; nullopt when any is not a finite number.
std::optional<std::vector<double>> parse_numbers(const std::string& text) {
  std::vector<double> out;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(word.c_str(), &end);
    if (errno != 0 || end != word.c_str() + word.size() || !std::isfinite(v)) return std::nullopt;
    out.push_back(v);
  }
  return out;
}

// A moment as seconds since 1970: a whole number from 1970 to the year 9999, checked before the
// cast (a huge double once became the year -219246529, copied into every trial file).
Result<std::int64_t> unix_seconds(double v, const char* key) {
  constexpr double kYear9999 = 253402300799.0;
  if (!(v >= 0 && v <= kYear9999) || std::floor(v) != v) {
    return Error{std::string(key) + " must be whole seconds since 1970, up to the year 9999"};
  }
  return static_cast<std::int64_t>(v);
}

}  // namespace

std::filesystem::path plate_file_path(const std::filesystem::path& dir, const std::string& serial,
                                      const std::string& extension) {
  std::string name = serial.empty() ? "unknown" : serial;
  for (char& c : name) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    if (!safe) c = '_';
  }
  if (name.front() == '.') name.front() = '_';  // never "..", never hidden
  return dir / (name + extension);
}

std::filesystem::path plate_adjustment_path(const std::filesystem::path& dir,
                                            const std::string& serial) {
  return plate_file_path(dir, serial, ".adjustment");
}

std::string format_plate_adjustment(const PlateAdjustment& a) {
  const Tare& t = a.tare;
  const int channels = channel_count(a.layout);
  std::string out;
  out +=
      "# Stance plate adjustment: the host-side calibration of one plate (docs/calibration.md).\n";
  out += "# It never changes the plate; every recording keeps a copy of what it used.\n";
  out += std::string("format = ") + kFormat + "\n";
  out += "serial = " + a.serial + "\n";
  out += "layout = " + std::to_string(a.layout == PlateLayout::kFourCell ? 1 : 2) + "\n";
  out += "tare_applied = " + std::to_string(t.applied ? 1 : 0) + "\n";
  out += "tare_taken_at_unix_s = " + std::to_string(t.taken_at_unix_s) + "\n";
  out += "zero_counts = " + numbers_text(t.zero_counts, channels) + "\n";
  out += "gain_correction = " + numbers_text(t.gain_correction, 4) + "\n";
  out += "check_mass_kg = " + number_text(t.last_check.mass_kg) + "\n";
  out += "check_fz_error_n = " + number_text(t.last_check.fz_error_n) + "\n";
  out += "check_cop_error_mm = " + number_text(t.last_check.cop_error_mm) + "\n";
  out += "check_at_unix_s = " + std::to_string(t.last_check.checked_at_unix_s) + "\n";
  return out;
}

Result<PlateAdjustment> parse_plate_adjustment(const std::string& text) {
  auto lines = parse_key_value_text(text);
  if (!lines) return lines.error();
  std::map<std::string, std::string>& values = *lines;
  if (values["format"] != kFormat) {
    return Error{"it is not a " + std::string(kFormat) + " file (format = " + values["format"] +
                 ")"};
  }
  const auto numbers = [&](const char* key, std::size_t count) -> Result<std::vector<double>> {
    auto v = parse_numbers(values[key]);
    if (!v || v->size() != count) {
      return Error{std::string(key) + " must hold " + std::to_string(count) + " numbers"};
    }
    return *v;
  };
  PlateAdjustment a;
  a.serial = values["serial"];
  const std::string layout = values["layout"];
  if (layout != "1" && layout != "2") return Error{"layout must be 1 or 2"};
  a.layout = layout == "1" ? PlateLayout::kFourCell : PlateLayout::kSixComponent;
  const auto channels = static_cast<std::size_t>(channel_count(a.layout));

  const std::pair<const char*, std::size_t> fields[] = {
      {"tare_applied", 1},       {"tare_taken_at_unix_s", 1}, {"zero_counts", channels},
      {"gain_correction", 4},    {"check_mass_kg", 1},        {"check_fz_error_n", 1},
      {"check_cop_error_mm", 1}, {"check_at_unix_s", 1}};
  std::map<std::string, std::vector<double>> parsed;
  for (const auto& [key, count] : fields) {
    auto v = numbers(key, count);
    if (!v) return v.error();
    parsed[key] = std::move(*v);
  }
  Tare& t = a.tare;
  t.applied = parsed["tare_applied"][0] != 0.0;
  const auto taken_at = unix_seconds(parsed["tare_taken_at_unix_s"][0], "tare_taken_at_unix_s");
  if (!taken_at) return taken_at.error();
  t.taken_at_unix_s = *taken_at;
  for (std::size_t i = 0; i < channels; ++i) {
    const double zero = parsed["zero_counts"][i];
    // A plate's ADC counts are 32-bit: a zero beyond them is not a plate's.
    if (!(std::fabs(zero) <= 2147483648.0))
      return Error{"zero_counts must be within 32-bit counts"};
    t.zero_counts[i] = zero;
  }
  for (std::size_t i = 0; i < 4; ++i) {
    const double c = parsed["gain_correction"][i];
    if (!(c >= 0.8 && c <= 1.25)) return Error{"gain_correction must be within 0.8 to 1.25"};
    t.gain_correction[i] = c;
  }
  t.last_check.mass_kg = parsed["check_mass_kg"][0];
  t.last_check.fz_error_n = parsed["check_fz_error_n"][0];
  t.last_check.cop_error_mm = parsed["check_cop_error_mm"][0];
  const auto checked_at = unix_seconds(parsed["check_at_unix_s"][0], "check_at_unix_s");
  if (!checked_at) return checked_at.error();
  t.last_check.checked_at_unix_s = *checked_at;
  return a;
}

Status save_plate_adjustment(const std::filesystem::path& dir, const PlateAdjustment& adjustment) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Error{"cannot create the folder " + dir.string() +
                 " for plate adjustments: " + ec.message()};
  }
  const std::string text = format_plate_adjustment(adjustment);
  return write_file_atomically(
      plate_adjustment_path(dir, adjustment.serial),
      std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
      {IfExists::kReplace, {}});  // Stance's own file for this plate
}

Result<PlateAdjustment> load_plate_adjustment(const std::filesystem::path& dir,
                                              const std::string& serial, PlateLayout layout) {
  const auto path = plate_adjustment_path(dir, serial);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    PlateAdjustment none;
    none.serial = serial;
    none.layout = layout;
    return none;  // the factory calibration
  }
  const auto bytes = read_file_bytes(path, 1 << 20);
  if (!bytes) return bytes.error();
  const auto what_to_do =
      " Run `stance calibrate tare` again to replace it, or delete the file "
      "to use the factory calibration.";
  auto parsed = parse_plate_adjustment(std::string(bytes->begin(), bytes->end()));
  if (!parsed) {
    return Error{"the plate adjustment " + path.string() +
                 " is damaged: " + parsed.error().message + "." + what_to_do};
  }
  if (parsed->serial != serial || parsed->layout != layout) {
    return Error{"the plate adjustment " + path.string() + " is for plate " + parsed->serial +
                 " with layout " + (parsed->layout == PlateLayout::kFourCell ? "1" : "2") +
                 ", not for this plate." + what_to_do};
  }
  return parsed;
}

}  // namespace stance
