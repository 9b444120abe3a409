#include "serial_plate/line_format.hpp"

#include <cctype>
#include <charconv>
#include <limits>

namespace stance::serial {
namespace {

bool is_separator(char c) {
  return c == ',' || c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "key=value; key: value" items; items of other shapes are comments and are left out.
std::vector<std::pair<std::string, std::string>> header_fields(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!text.empty()) {
    const auto end = text.find(';');
    const std::string_view item = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    const auto mark = item.find_first_of("=:");
    if (mark == std::string_view::npos) continue;
    std::string key(trim(item.substr(0, mark)));
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key.empty() || key.find(' ') != std::string::npos) continue;
    out.emplace_back(std::move(key), std::string(trim(item.substr(mark + 1))));
  }
  return out;
}

}  // namespace

ParsedLine parse_plate_line(std::string_view line) {
  ParsedLine out;
  line = trim(line);
  if (line.empty()) return out;
  if (line.front() == '#') {
    out.kind = LineKind::kHeader;
    out.header = header_fields(line.substr(1));
    return out;
  }
  out.kind = LineKind::kGarbled;
  std::array<std::int64_t, kCells + 1> values{};
  std::size_t n = 0;
  const char* p = line.data();
  const char* const end = line.data() + line.size();
  while (p != end) {
    if (n == values.size()) return out;  // more numbers than a sample has
    std::int64_t v = 0;
    const auto [next, ec] = std::from_chars(p, end, v);
    if (ec != std::errc{} || (next != end && !is_separator(*next))) return out;
    values[n++] = v;
    p = next;
    while (p != end && is_separator(*p)) ++p;
  }
  if (n != kCells && n != kCells + 1) return out;
  const std::size_t first_count = n - kCells;
  if (first_count == 1) {
    if (values[0] < 0) return out;
    out.sample.has_time = true;
    out.sample.t_us = static_cast<std::uint32_t>(static_cast<std::uint64_t>(values[0]));
  }
  for (int i = 0; i < kCells; ++i) {
    const std::int64_t v = values[first_count + i];
    if (v < std::numeric_limits<std::int32_t>::min() ||
        v > std::numeric_limits<std::int32_t>::max()) {
      return out;
    }
    out.sample.counts[i] = static_cast<std::int32_t>(v);
  }
  out.kind = LineKind::kSample;
  return out;
}

void PlateHeader::merge(const std::vector<std::pair<std::string, std::string>>& fields) {
  for (const auto& [key, value] : fields) {
    if (key == "name") name = value;
    if (key == "serial") serial = value;
    if (key == "firmware") firmware = value;
    if (key == "rate" || key == "rate_hz") {
      double hz = 0.0;
      const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), hz);
      if (ec == std::errc{} && hz > 0.0 && hz <= 100000.0) rate_hz = hz;
      (void)p;
    }
  }
}

std::string format_sample_line(const SampleLine& sample) {
  std::string out = sample.has_time ? std::to_string(sample.t_us) + "," : "";
  for (int i = 0; i < kCells; ++i)
    out += std::to_string(sample.counts[i]) + (i + 1 < kCells ? "," : "\n");
  return out;
}

}  // namespace stance::serial
