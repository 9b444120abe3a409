#include "core/preprocess.hpp"

namespace stance {

std::vector<bool> cop_usable_mask(const ForceSamples& samples) {
  std::vector<bool> usable(static_cast<std::size_t>(samples.size()));
  for (Eigen::Index i = 0; i < samples.size(); ++i) usable[i] = samples.usable_for_cop(i);
  return usable;
}

Eigen::ArrayXd bridge_gaps(const Eigen::ArrayXd& x, const std::vector<bool>& usable) {
  const Eigen::Index n = x.size();
  Eigen::ArrayXd out = Eigen::ArrayXd::Zero(n);
  Eigen::Index previous = -1;  // last usable index
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!usable[i]) continue;
    out[i] = x[i];
    if (previous < 0) {
      out.head(i).setConstant(x[i]);
    } else {
      for (Eigen::Index j = previous + 1; j < i; ++j) {
        const double f = static_cast<double>(j - previous) / static_cast<double>(i - previous);
        out[j] = x[previous] + f * (x[i] - x[previous]);
      }
    }
    previous = i;
  }
  if (previous >= 0) out.tail(n - previous - 1).setConstant(x[previous]);
  return out;
}

FilteredCop lowpass_cop(const ForceSamples& samples, const LowPassSpec& spec) {
  const std::vector<bool> usable = cop_usable_mask(samples);
  FilteredCop out{bridge_gaps(samples.cop_ml_m, usable), bridge_gaps(samples.cop_ap_m, usable)};
  const auto sections = design_butterworth_lowpass(spec, samples.rate_hz);
  if (!sections) return out;
  filtfilt2_in_place(*sections, out.ml_m, out.ap_m);
  out.filtered = true;
  return out;
}

}  // namespace stance
