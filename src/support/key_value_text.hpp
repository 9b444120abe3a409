#pragma once
// The small human-readable files Stance keeps (plate adjustments, dashboard settings): one
// "key = value" per line, '#' starts a comment line, blank lines ignored, spaces trimmed.
#include <map>
#include <string>

#include "support/result.hpp"

namespace stance {

// Errors name the line that is not of the form key = value.
Result<std::map<std::string, std::string>> parse_key_value_text(const std::string& text);

}  // namespace stance
