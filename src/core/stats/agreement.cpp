#include "core/stats/agreement.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace stance::stats {

double mean(const std::vector<double>& x) {
  return x.empty() ? 0.0 : std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double sample_sd(const std::vector<double>& x) {
  if (x.size() < 2) return 0.0;
  const double m = mean(x);
  double ss = 0.0;
  for (double v : x) ss += (v - m) * (v - m);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0.0;
  const double dn = static_cast<double>(n);
  const double mx =
      std::accumulate(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n), 0.0) / dn;
  const double my =
      std::accumulate(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(n), 0.0) / dn;
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0.0 && syy > 0.0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

double r_squared(const std::vector<double>& x, const std::vector<double>& y) {
  const double r = pearson(x, y);
  return r * r;
}

std::vector<double> ranks(const std::vector<double>& x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = 0.5 * static_cast<double>(i + j);
    i = j + 1;
  }
  return r;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  return pearson(ranks(x), ranks(y));
}

// Shrout & Fleiss 1979, Table 1: the two-way ANOVA of targets × judges (here trials), and
// ICC(2,1) = (BMS − EMS) / (BMS + (k − 1)·EMS + k·(JMS − EMS)/n).
Reliability icc_2_1(const Eigen::MatrixXd& m) {
  Reliability out;
  const Eigen::Index n = m.rows(), k = m.cols();
  if (n < 2 || k < 2) return out;
  const double dn = static_cast<double>(n), dk = static_cast<double>(k);
  const double grand = m.mean();
  const double ss_total = (m.array() - grand).square().sum();
  const double ss_rows = dk * (m.rowwise().mean().array() - grand).square().sum();
  const double ss_cols = dn * (m.colwise().mean().array() - grand).square().sum();
  const double ss_error = std::max(0.0, ss_total - ss_rows - ss_cols);
  out.bms = ss_rows / (dn - 1.0);
  out.jms = ss_cols / (dk - 1.0);
  out.ems = ss_error / ((dn - 1.0) * (dk - 1.0));
  const double denominator = out.bms + (dk - 1.0) * out.ems + dk * (out.jms - out.ems) / dn;
  out.icc = denominator > 0.0 ? (out.bms - out.ems) / denominator : 0.0;
  out.sd = std::sqrt(ss_total / (dn * dk - 1.0));
  // SEM = SD·√(1 − ICC), MDC95 = 1.96·√2·SEM (Beckerman et al. 2001, CLINICAL.md); a negative
  // ICC (more scatter within than between targets) counts as 0.
  out.sem = out.sd * std::sqrt(1.0 - std::clamp(out.icc, 0.0, 1.0));
  out.mdc95 = 1.96 * std::sqrt(2.0) * out.sem;
  return out;
}

}  // namespace stance::stats
