#include "core/recording.hpp"

#include <array>
#include <cstdio>
#include <ctime>
#include <utility>

namespace stance {
namespace {

template <typename E, std::size_t N>
bool parse_enum(const std::array<std::pair<const char*, E>, N>& names, const std::string& text,
                E& out) {
  for (const auto& [name, value] : names) {
    if (text == name) {
      out = value;
      return true;
    }
  }
  return false;
}

template <typename E, std::size_t N>
const char* enum_name(const std::array<std::pair<const char*, E>, N>& names, E value) {
  for (const auto& [name, v] : names) {
    if (v == value) return name;
  }
  return names[0].first;
}

constexpr std::array<std::pair<const char*, Limb>, 3> kLimbNames{
    {{"unspecified", Limb::kUnspecified}, {"left", Limb::kLeft}, {"right", Limb::kRight}}};
constexpr std::array<std::pair<const char*, Task>, 3> kTaskNames{
    {{"unspecified", Task::kUnspecified},
     {"stance", Task::kSingleLegStance},
     {"squat", Task::kSingleLegSquat}}};
constexpr std::array<std::pair<const char*, Eyes>, 3> kEyesNames{
    {{"unspecified", Eyes::kUnspecified}, {"open", Eyes::kOpen}, {"closed", Eyes::kClosed}}};

}  // namespace

const char* to_string(Limb limb) {
  return enum_name(kLimbNames, limb);
}
const char* to_string(Task task) {
  return enum_name(kTaskNames, task);
}
const char* to_string(Eyes eyes) {
  return enum_name(kEyesNames, eyes);
}
bool parse_limb(const std::string& text, Limb& out) {
  return parse_enum(kLimbNames, text, out);
}
bool parse_task(const std::string& text, Task& out) {
  return parse_enum(kTaskNames, text, out);
}
bool parse_eyes(const std::string& text, Eyes& out) {
  return parse_enum(kEyesNames, text, out);
}

std::string readable_utc(const std::string& iso8601) {
  if (iso8601.size() < 16 || iso8601[10] != 'T') return iso8601;
  std::string out = iso8601.substr(0, 16);
  out[10] = ' ';
  return out + " UTC";
}

std::optional<std::int64_t> parse_utc_seconds(const std::string& iso8601) {
  std::tm utc{};
  char zulu = 0;
  if (std::sscanf(iso8601.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &utc.tm_year, &utc.tm_mon,
                  &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &zulu) != 7 ||
      zulu != 'Z') {
    return std::nullopt;
  }
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  const std::time_t when = timegm(&utc);
  if (when == static_cast<std::time_t>(-1)) return std::nullopt;
  return static_cast<std::int64_t>(when);
}

std::string readable_local(const std::string& iso8601) {
  const auto seconds = parse_utc_seconds(iso8601);
  if (!seconds) return iso8601;
  const auto when = static_cast<std::time_t>(*seconds);
  std::tm local{};
  if (localtime_r(&when, &local) == nullptr) return readable_utc(iso8601);
  char text[64];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M %Z", &local);
  return n == 0 ? readable_utc(iso8601) : std::string(text, n);
}

}  // namespace stance
