#pragma once
// Short numbers for findings' one-line details.
#include <string>

#include "support/format.hpp"

namespace stance::validity {

inline std::string at_s(double t_s) {
  return fixed(t_s, 2) + " s";
}

}  // namespace stance::validity
