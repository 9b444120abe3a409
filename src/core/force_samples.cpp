#include "core/force_samples.hpp"

#include <algorithm>

namespace stance {

void ForceSamples::resize(Eigen::Index n) {
  for (Eigen::ArrayXd* channel : {&fx_n, &fy_n, &fz_n, &cop_ml_m, &cop_ap_m}) {
    channel->setZero(n);
  }
  flags.assign(static_cast<std::size_t>(n), 0);
}

Eigen::Index ForceSamples::count_flagged(SampleFlag f) const {
  return std::count_if(flags.begin(), flags.end(), [f](std::uint8_t v) { return has_flag(v, f); });
}

ForceSamples ForceSamples::slice(Eigen::Index first, Eigen::Index count) const {
  first = std::clamp<Eigen::Index>(first, 0, size());
  count = std::clamp<Eigen::Index>(count, 0, size() - first);
  ForceSamples out;
  out.rate_hz = rate_hz;
  out.t0_s = time_s(first);
  out.has_shear = has_shear;
  out.fx_n = fx_n.segment(first, count);
  out.fy_n = fy_n.segment(first, count);
  out.fz_n = fz_n.segment(first, count);
  out.cop_ml_m = cop_ml_m.segment(first, count);
  out.cop_ap_m = cop_ap_m.segment(first, count);
  out.flags.assign(flags.begin() + first, flags.begin() + first + count);
  return out;
}

}  // namespace stance
