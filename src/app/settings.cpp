#include "app/settings.hpp"

#include <charconv>
#include <map>
#include <sstream>

#include "support/atomic_file.hpp"
#include "support/key_value_text.hpp"

namespace stance::app {
namespace {

bool parse_int(const std::string& text, int lo, int hi, int& out) {
  int v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || v < lo || v > hi) return false;
  out = v;
  return true;
}

}  // namespace

std::string format_settings(const DashboardSettings& s) {
  std::ostringstream out;
  out << "# Stance dashboard settings (docs/dashboard.md)\n"
      << "device = " << s.device << "\n"
      << "camera = " << s.camera << "\n"
      << "protocol = " << s.protocol_index << "\n"
      << "auto_start = " << (s.auto_start ? 1 : 0) << "\n"
      << "window = " << s.width << " " << s.height << "\n"
      << "clinician = " << s.clinician << "\n"
      << "clinic = " << s.clinic << "\n"
      << "clinic_logo = " << s.clinic_logo << "\n"
      << "paper = " << (s.letter_paper ? "letter" : "a4") << "\n"
      << "sheets_folder = " << s.sheets_folder << "\n";
  return out.str();
}

Result<DashboardSettings> parse_settings(const std::string& text) {
  const auto values = parse_key_value_text(text);
  if (!values) return values.error();
  DashboardSettings s;
  for (const auto& [key, value] : *values) {
    int auto_start = 1;
    bool ok = true;
    if (key == "device") {
      ok = !value.empty();
      s.device = value;
    } else if (key == "camera") {
      ok = !value.empty();
      s.camera = value;
    } else if (key == "protocol") {
      ok = parse_int(value, 0, 99, s.protocol_index);
    } else if (key == "auto_start") {
      ok = parse_int(value, 0, 1, auto_start);
      s.auto_start = auto_start == 1;
    } else if (key == "window") {
      const auto space = value.find(' ');
      ok = space != std::string::npos && parse_int(value.substr(0, space), 640, 8192, s.width) &&
           parse_int(value.substr(space + 1), 480, 8192, s.height);
    } else if (key == "clinician") {
      s.clinician = value;
    } else if (key == "clinic") {
      s.clinic = value;
    } else if (key == "clinic_logo") {
      s.clinic_logo = value;
    } else if (key == "sheets_folder") {
      s.sheets_folder = value;
    } else if (key == "paper") {
      ok = value == "a4" || value == "letter";
      s.letter_paper = value == "letter";
    }  // unknown keys: from a newer version, ignored
    if (!ok) return Error{"bad value for " + key};
  }
  return s;
}

Result<DashboardSettings> load_settings(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return DashboardSettings{};
  const auto bytes = read_file_bytes(file, 1 << 16);
  if (!bytes) return bytes.error();
  auto s = parse_settings(std::string(bytes->begin(), bytes->end()));
  if (!s)
    return Error{"the dashboard settings " + file.string() + " are damaged (" + s.error().message +
                 "): the defaults are used and the file is replaced"};
  return s;
}

Status save_settings(const std::filesystem::path& file, const DashboardSettings& s) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const std::string text = format_settings(s);
  return write_file_atomically(
      file, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
      {IfExists::kReplace, {}});  // Stance's own settings file
}

}  // namespace stance::app
