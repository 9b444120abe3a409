#include "support/format.hpp"

#include <charconv>
#include <cstdio>

namespace stance {

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string round_trip_text(double value) {
  char buffer[32];  // the longest double, -2.2250738585072014e-308, is 24 characters
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, written.ptr);
}

std::size_t display_width(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // UTF-8
  return n;
}

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return w >= width ? text + " " : text + std::string(width - w, ' ');
}

}  // namespace stance
