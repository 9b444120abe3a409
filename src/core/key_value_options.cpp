#include "core/key_value_options.hpp"

#include <charconv>
#include <sstream>

namespace stance {

Result<KeyValueOptions> KeyValueOptions::parse(const std::string& text) {
  KeyValueOptions out;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Error{"option '" + item + "' is not of the form key=value"};
    }
    out.values_[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

LeadingValue split_leading_value(const std::string& text) {
  const auto comma = text.find(',');
  const std::string first = text.substr(0, comma);
  if (first.find('=') != std::string::npos) return {"", text};
  return {first, comma == std::string::npos ? "" : text.substr(comma + 1)};
}

Result<double> KeyValueOptions::number(const std::string& key, double fallback) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  double v = 0.0;
  const auto& s = it->second;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) {
    return Error{"option " + key + "=" + s + " is not a number"};
  }
  return v;
}

Result<long> KeyValueOptions::integer(const std::string& key, long fallback) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  long v = 0;
  const auto& s = it->second;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) {
    return Error{"option " + key + "=" + s + " is not a whole number"};
  }
  return v;
}

std::string KeyValueOptions::text(const std::string& key, const std::string& fallback) const {
  const auto it = values_.find(key);
  return it == values_.end() ? fallback : it->second;
}

Status KeyValueOptions::check_known(const std::string& context,
                                    std::span<const char* const> known) const {
  for (const auto& [key, value] : values_) {
    bool found = false;
    for (const char* k : known) found = found || key == k;
    if (!found) {
      std::string list;
      for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      return Error{"unknown " + context + " option '" + key + "'; known options: " + list};
    }
  }
  return {};
}

}  // namespace stance
