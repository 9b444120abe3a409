#include "support/key_value_text.hpp"

#include <sstream>

namespace stance {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

Result<std::map<std::string, std::string>> parse_key_value_text(const std::string& text) {
  std::map<std::string, std::string> values;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      return Error{"line " + std::to_string(n) + " is not of the form key = value"};
    }
    values[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  return values;
}

}  // namespace stance
