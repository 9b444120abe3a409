#include "core/preprocess.hpp"

#include <algorithm>

namespace stance {

std::vector<bool> cop_usable_mask(const ForceSamples& samples) {
  bool complete = true;
  return cop_usable_mask(samples, complete);
}

std::vector<bool> cop_usable_mask(const ForceSamples& samples, bool& complete) {
  // All usable, then the few flagged samples cleared: a byte test per sample instead of a bit
  // written per sample.
  std::vector<bool> usable(static_cast<std::size_t>(samples.size()), true);
  const std::uint8_t* flags = samples.flags.data();
  complete = true;
  for (Eigen::Index i = 0; i < samples.size(); ++i) {
    if ((flags[i] & kUnusableForCop) != 0) {
      usable[static_cast<std::size_t>(i)] = false;
      complete = false;
    }
  }
  return usable;
}

void bridge_gaps_in_place(Eigen::ArrayXd& x, const std::vector<bool>& usable) {
  const Eigen::Index n = x.size();
  Eigen::Index previous = -1;  // last usable index
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!usable[i]) continue;
    if (previous < 0) {
      x.head(i).setConstant(x[i]);
    } else {
      for (Eigen::Index j = previous + 1; j < i; ++j) {
        const double f = static_cast<double>(j - previous) / static_cast<double>(i - previous);
        x[j] = x[previous] + f * (x[i] - x[previous]);
      }
    }
    previous = i;
  }
  if (previous < 0) {
    x.setZero();
  } else {
    x.tail(n - previous - 1).setConstant(x[previous]);
  }
}

Eigen::ArrayXd bridge_gaps(const Eigen::ArrayXd& x, const std::vector<bool>& usable) {
  Eigen::ArrayXd out = x;
  bridge_gaps_in_place(out, usable);
  return out;
}

FilteredCop lowpass_cop(const ForceSamples& samples, const LowPassSpec& spec) {
  FilteredCop out{samples.cop_ml_m, samples.cop_ap_m, {}};
  out.usable = cop_usable_mask(samples, out.all_usable);
  if (!out.all_usable) {
    bridge_gaps_in_place(out.ml_m, out.usable);
    bridge_gaps_in_place(out.ap_m, out.usable);
  }
  const auto sections = design_butterworth_lowpass(spec, samples.rate_hz);
  if (!sections) return out;
  filtfilt2_in_place(*sections, out.ml_m, out.ap_m);
  out.filtered = true;
  return out;
}

}  // namespace stance
