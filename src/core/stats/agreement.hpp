#pragma once
// Statistics for judging a measure against a truth and against itself: the coefficient of
// determination of a straight-line fit, Spearman's rank correlation and the intraclass
// correlation ICC(2,1) with its SEM and MDC95. Formulas and sources: docs/metrics.md
// ("Statistics of the plate-knee study").
#include <Eigen/Core>
#include <vector>

namespace stance::stats {

// Mean (0 when empty) and sample SD (n − 1; 0 for fewer than 2 values).
double mean(const std::vector<double>& x);
double sample_sd(const std::vector<double>& x);

// Pearson's r of paired values; 0 when either side has no spread or fewer than 2 pairs.
double pearson(const std::vector<double>& x, const std::vector<double>& y);
// R² of the least-squares line y = a + b·x, which for one predictor is r².
double r_squared(const std::vector<double>& x, const std::vector<double>& y);
// Pearson's r of the ranks (ties share the mean rank).
double spearman(const std::vector<double>& x, const std::vector<double>& y);
// Ranks from 0, ties sharing their mean rank.
std::vector<double> ranks(const std::vector<double>& x);

// Two-way random effects, single measure, absolute agreement: ICC(2,1) of Shrout & Fleiss
// (1979), from a table of n targets (rows) × k repeated measurements (columns).
struct Reliability {
  double icc = 0.0;                        // ICC(2,1)
  double sd = 0.0;                         // SD of all n·k values (n·k − 1)
  double sem = 0.0;                        // SD · √(1 − ICC)
  double mdc95 = 0.0;                      // 1.96 · √2 · SEM
  double bms = 0.0, jms = 0.0, ems = 0.0;  // between-targets, between-trials, residual mean squares
};
Reliability icc_2_1(const Eigen::MatrixXd& targets_by_trials);

}  // namespace stance::stats
