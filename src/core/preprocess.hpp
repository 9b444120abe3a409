#pragma once
// Preprocessing of COP before descriptors: unusable samples bridged by linear interpolation (so
// the filter never sees a jump to 0), then a zero-phase Butterworth low-pass. The bridged samples
// stay flagged and are left out of every descriptor.
#include <Eigen/Core>
#include <vector>

#include "core/butterworth.hpp"
#include "core/force_samples.hpp"

namespace stance {

std::vector<bool> cop_usable_mask(const ForceSamples& samples);
// The same, and whether every sample is usable (`complete`), found on the way.
std::vector<bool> cop_usable_mask(const ForceSamples& samples, bool& complete);

// Linear interpolation across samples where usable is false; held flat before the first and after
// the last usable sample. All-unusable input is returned as zeros.
Eigen::ArrayXd bridge_gaps(const Eigen::ArrayXd& x, const std::vector<bool>& usable);
void bridge_gaps_in_place(Eigen::ArrayXd& x, const std::vector<bool>& usable);

struct FilteredCop {
  Eigen::ArrayXd ml_m, ap_m;
  std::vector<bool> usable;  // cop_usable_mask of the input
  bool all_usable = true;    // no false in `usable`
  bool filtered = false;     // false when the rate is too low for the cut-off (then unfiltered)
};
FilteredCop lowpass_cop(const ForceSamples& samples, const LowPassSpec& spec);

}  // namespace stance
