#pragma once
// Short numbers for findings' one-line details.
#include <sstream>
#include <string>

namespace stance::validity {

inline std::string fixed(double x, int decimals) {
  std::ostringstream out;
  out.precision(decimals);
  out << std::fixed << x;
  return out.str();
}

inline std::string at_s(double t_s) {
  return fixed(t_s, 2) + " s";
}

}  // namespace stance::validity
