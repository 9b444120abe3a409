#pragma once
// Small text-formatting helpers shared by the command-line outputs.
#include <string>

namespace stance {

// "12.3" with the given number of decimals.
std::string fixed(double value, int decimals);
// Characters on screen (UTF-8 code points), for aligned columns with units such as "mm²".
std::size_t display_width(const std::string& text);
// `text` padded with spaces to `width` (at least one space after it).
std::string pad(const std::string& text, std::size_t width);

}  // namespace stance
