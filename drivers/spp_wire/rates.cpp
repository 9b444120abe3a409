// The sampling rates SPP v1 allows (section 2, SET_RATE).
#include <algorithm>
#include <cstdint>

#include "spp_wire/spp_wire.hpp"

namespace stance::spp {

bool rate_allowed(std::uint16_t rate_hz, std::uint16_t max_rate_hz) {
  return rate_hz <= max_rate_hz && std::find(kAllowedRates_hz.begin(), kAllowedRates_hz.end(),
                                             rate_hz) != kAllowedRates_hz.end();
}

}  // namespace stance::spp
