// The study statistics against published worked examples, so a wrong formula fails here.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/stats/agreement.hpp"

namespace stance::stats {
namespace {

// Shrout & Fleiss 1979 (Psychol Bull 86:420), Table 2: 6 targets rated by 4 judges. Their
// Table 3 gives BMS 11.24, JMS 32.49, EMS 1.02 and ICC(2,1) = 0.29 (ICC(1,1) 0.17, ICC(3,1) 0.71:
// a wrong model lands on one of those instead).
TEST(AgreementStats, Icc21OfShroutAndFleissTable2) {
  Eigen::MatrixXd m(6, 4);
  m << 9, 2, 5, 8,  //
      6, 1, 3, 2,   //
      8, 4, 6, 8,   //
      7, 1, 2, 6,   //
      10, 5, 6, 9,  //
      6, 2, 4, 7;
  const Reliability r = icc_2_1(m);
  EXPECT_NEAR(r.bms, 11.24, 0.005);
  EXPECT_NEAR(r.jms, 32.49, 0.005);
  EXPECT_NEAR(r.ems, 1.02, 0.005);
  EXPECT_NEAR(r.icc, 0.29, 0.005);
  // SEM and MDC95 follow from the SD of all 24 values (Beckerman et al. 2001).
  EXPECT_NEAR(r.sem, r.sd * std::sqrt(1.0 - r.icc), 1e-12);
  EXPECT_NEAR(r.mdc95, 1.96 * std::sqrt(2.0) * r.sem, 1e-12);
}

TEST(AgreementStats, IccOfPerfectAndOfPureNoise) {
  Eigen::MatrixXd same(4, 3);
  same << 1, 1, 1, 2, 2, 2, 5, 5, 5, 9, 9, 9;
  EXPECT_NEAR(icc_2_1(same).icc, 1.0, 1e-12);
  EXPECT_NEAR(icc_2_1(same).mdc95, 0.0, 1e-12);
  // Every target alike, all the spread within: no reliability (negative ICC, SEM = SD).
  Eigen::MatrixXd noise(3, 3);
  noise << 1, 2, 3, 2, 3, 1, 3, 1, 2;
  const Reliability r = icc_2_1(noise);
  EXPECT_LT(r.icc, 0.0);
  EXPECT_NEAR(r.sem, r.sd, 1e-12);
}

// Spearman's worked example (Wikipedia, "Spearman's rank correlation coefficient"): IQ against
// hours of television per week, ρ = −29/165 = −0.1758.
TEST(AgreementStats, SpearmanWorkedExample) {
  const std::vector<double> iq{106, 100, 86, 101, 99, 103, 97, 113, 112, 110};
  const std::vector<double> tv{7, 27, 2, 50, 28, 29, 20, 12, 6, 17};
  EXPECT_NEAR(spearman(iq, tv), -29.0 / 165.0, 1e-12);
  // Ties share their mean rank.
  EXPECT_EQ(ranks({3, 1, 3, 2}), (std::vector<double>{2.5, 0, 2.5, 1}));
  // Any monotone map leaves it at 1.
  const std::vector<double> x{0.1, 0.5, 0.7, 2.0, 3.0};
  std::vector<double> y;
  for (double v : x) y.push_back(std::exp(v));
  EXPECT_NEAR(spearman(x, y), 1.0, 1e-12);
}

TEST(AgreementStats, MeanAndSampleSd) {
  EXPECT_EQ(mean({}), 0.0);
  EXPECT_DOUBLE_EQ(mean({2, 4, 9}), 5.0);
  EXPECT_DOUBLE_EQ(sample_sd({2, 4, 4, 4, 5, 5, 7, 9}), std::sqrt(32.0 / 7.0));
  EXPECT_EQ(sample_sd({3}), 0.0);
}

// Anscombe 1973, data set I: r = 0.816, R² = 0.667 of the fit y = 3.00 + 0.500·x.
TEST(AgreementStats, RSquaredOfAnscombeI) {
  const std::vector<double> x{10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
  const std::vector<double> y{8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68};
  EXPECT_NEAR(pearson(x, y), 0.8164, 0.0005);
  EXPECT_NEAR(r_squared(x, y), 0.6665, 0.0005);
  EXPECT_EQ(pearson({1, 1, 1}, {1, 2, 3}), 0.0);  // no spread: no correlation
}

}  // namespace
}  // namespace stance::stats
