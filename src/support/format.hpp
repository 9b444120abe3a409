#pragma once
// Small text-formatting helpers shared by the command-line outputs.
#include <string>

namespace stance {

// "12.3" with the given number of decimals.
std::string fixed(double value, int decimals);
// The shortest text that reads back as exactly the same double ("0.1", "3600", "1e-06"), for
// files another program reads (JSON, CSV); "nan" or "inf" for those.
std::string round_trip_text(double value);
// Characters on screen (UTF-8 code points), for aligned columns with units such as "mm²".
std::size_t display_width(const std::string& text);
// `text` padded with spaces to `width` (at least one space after it).
std::string pad(const std::string& text, std::size_t width);

}  // namespace stance
