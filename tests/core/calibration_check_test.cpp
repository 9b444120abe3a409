// Tare, known-mass check and per-cell gain correction against constructed cases with known truth.
#include "core/calibration_check.hpp"

#include <gtest/gtest.h>

#include <random>

#include "core/calibration.hpp"
#include "core/units.hpp"

namespace stance {
namespace {

const std::array<CellPosition, 4> kCells{{{-0.2, -0.3}, {0.2, -0.3}, {0.2, 0.3}, {-0.2, 0.3}}};

PlateInfo plate() {
  PlateInfo info;
  info.layout = PlateLayout::kFourCell;
  info.cells = kCells;
  return info;
}

Calibration factory() {
  Calibration c;
  c.gain_n_per_count = {0.01f, 0.01f, 0.01f, 0.01f};
  c.zero_counts = {1000, 1000, 1000, 1000, 0, 0};
  return c;
}

// Frames of an "empty" plate whose true zero is `zero` counts, plus `load_n` spread evenly and
// Gaussian noise of `noise_counts`.
std::vector<RawFrame> frames(const std::array<double, 4>& zero, double load_n, double noise_counts,
                             int n = 500) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0.0, noise_counts);
  std::vector<RawFrame> out(static_cast<std::size_t>(n));
  for (auto& f : out) {
    for (int c = 0; c < 4; ++c) {
      f.counts[c] =
          static_cast<std::int32_t>(std::lround(zero[c] + load_n / 4 / 0.01 + noise(rng)));
    }
  }
  return out;
}

// The four cell forces of a weight W standing at (x, y) on the rectangle of kCells.
std::array<double, 4> cell_forces(double weight_n, double x_m, double y_m) {
  std::array<double, 4> f{};
  for (int i = 0; i < 4; ++i) {
    const double sx = kCells[i].x_m > 0 ? 1 : -1, sy = kCells[i].y_m > 0 ? 1 : -1;
    f[i] = weight_n / 4 * (1 + sx * x_m / 0.2) * (1 + sy * y_m / 0.3);
  }
  return f;
}

TEST(Tare, ZeroIsTheMeanCountOfTheEmptyPlate) {
  const auto r = compute_tare(frames({1200, 900, 1000, 1100}, 0.0, 3.0), plate(), factory(), Tare{},
                              1764000000);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->tare.applied);
  EXPECT_EQ(r->tare.taken_at_unix_s, 1764000000);
  EXPECT_NEAR(r->tare.zero_counts[0], 1200, 0.5);
  EXPECT_NEAR(r->tare.zero_counts[1], 900, 0.5);
  // Against the factory zero of 1000 the drift reads (200 − 100 + 0 + 100) × 0.01 = 2 N.
  EXPECT_NEAR(r->load_on_old_zero_n, 2.0, 0.05);
  EXPECT_TRUE(r->warnings.empty());
  const CountsCalibrator tared(plate(), factory(), r->tare);
  RawFrame f;
  f.counts = {1200, 900, 1000, 1100, 0, 0};
  EXPECT_NEAR(tared.to_wrench(f.counts).fz_n, 0.0, 0.02);
}

TEST(Tare, RefusesALoadedPlateAndSaysWhatToDo) {
  const auto r =
      compute_tare(frames({1000, 1000, 1000, 1000}, 300.0, 3.0), plate(), factory(), Tare{}, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("300.0 N"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("clear the plate"), std::string::npos);
}

TEST(Tare, TheFirstTareOfAPlateWithoutAFactoryZeroTakesTheEmptyPlateAsItIs) {
  Calibration home_built;  // no date, no zero: only gains
  home_built.gain_n_per_count = {0.01f, 0.01f, 0.01f, 0.01f};
  ASSERT_FALSE(has_factory_zero(home_built));
  ASSERT_TRUE(has_factory_zero(factory()));
  // Its cells' offsets read as 300 N on a zero of 0 counts.
  const auto first =
      compute_tare(frames({7500, 7500, 7500, 7500}, 0.0, 3.0), plate(), home_built, Tare{}, 0);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->warnings.empty());
  EXPECT_NEAR(first->tare.zero_counts[2], 7500, 1);
  // The next tare is judged against that zero like any plate's.
  const auto loaded = compute_tare(frames({7500, 7500, 7500, 7500}, 300.0, 3.0), plate(),
                                   home_built, first->tare, 0);
  EXPECT_FALSE(loaded.ok());
  EXPECT_FALSE(
      compute_tare(frames({7500, 7500, 7500, 7500}, 300.0, 3.0), plate(), factory(), Tare{}, 0)
          .ok());
}

TEST(Tare, RefusesAnUnsteadyPlate) {
  const auto r =
      compute_tare(frames({1000, 1000, 1000, 1000}, 0.0, 400.0), plate(), factory(), Tare{}, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not steady"), std::string::npos);
}

TEST(Tare, WarnsOnDriftAndKeepsTheGainCorrections) {
  Tare previous;
  previous.gain_correction = {1.01, 0.99, 1.0, 1.0};
  const auto r =
      compute_tare(frames({1800, 1800, 1800, 1800}, 0.0, 3.0), plate(), factory(), previous, 0);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("drifted"), std::string::npos);
  EXPECT_EQ(r->tare.gain_correction, previous.gain_correction);
}

TEST(Tare, NeedsEnoughFrames) {
  EXPECT_FALSE(
      compute_tare(frames({1000, 1000, 1000, 1000}, 0, 1, 10), plate(), factory(), Tare{}, 0).ok());
}

ForceSamples resting_mass(double fz_n, double x_m, double y_m) {
  ForceSamples s;
  s.rate_hz = 100;
  s.resize(300);
  s.fz_n.setConstant(fz_n);
  s.cop_ml_m.setConstant(x_m);
  s.cop_ap_m.setConstant(y_m);
  return s;
}

TEST(KnownMass, PassesWithinToleranceAndReportsErrorsInNewtonsAndMillimetres) {
  const double w = 20 * kStandardGravity_m_s2;
  const auto c =
      check_known_mass(resting_mass(w + 0.8, 0.102, -0.05), 20.0, CellPosition{0.1, -0.05});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->passed) << c->summary;
  EXPECT_NEAR(c->fz_error_n, 0.8, 1e-9);
  EXPECT_NEAR(c->cop_error_mm, 2.0, 1e-9);
  EXPECT_NEAR(c->fz_error_percent, 100 * 0.8 / w, 1e-9);
}

TEST(KnownMass, FailsOnForceOrPositionError) {
  const double w = 20 * kStandardGravity_m_s2;
  const auto force = check_known_mass(resting_mass(w + 8, 0, 0), 20.0, std::nullopt);
  ASSERT_TRUE(force.ok());
  EXPECT_FALSE(force->passed);
  EXPECT_NE(force->summary.find("FAILED"), std::string::npos);
  const auto where = check_known_mass(resting_mass(w, 0.01, 0), 20.0, CellPosition{0, 0});
  ASSERT_TRUE(where.ok());
  EXPECT_FALSE(where->passed);
  EXPECT_NEAR(where->cop_error_mm, 10.0, 1e-9);
}

TEST(KnownMass, RefusesAnEmptyPlateAndImpossibleMasses) {
  ForceSamples empty = resting_mass(0, 0, 0);
  for (auto& f : empty.flags) f = bit(SampleFlag::kLowForce);
  EXPECT_FALSE(check_known_mass(empty, 20.0, std::nullopt).ok());
  EXPECT_FALSE(check_known_mass(resting_mass(196, 0, 0), -1.0, std::nullopt).ok());
}

TEST(GainCorrection, RecoversKnownCellErrors) {
  const double mass = 20.0, w = mass * kStandardGravity_m_s2;
  const std::array<double, 4> reads_high{1.0, 1.03, 0.98, 1.0};  // cells 1 and 2 miscalibrated
  std::vector<MassPlacement> placements;
  for (const auto& [x, y] : {std::pair{0.0, 0.0}, std::pair{0.15, 0.25}, std::pair{-0.15, 0.25},
                             std::pair{0.15, -0.25}, std::pair{-0.15, -0.25}}) {
    MassPlacement p;
    p.position = {x, y};
    const auto f = cell_forces(w, x, y);
    for (int i = 0; i < 4; ++i) p.cell_force_n[i] = f[i] * reads_high[i];
    placements.push_back(p);
  }
  const auto fit = fit_gain_correction(placements, mass, kCells);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(fit->factor[i], 1.0 / reads_high[i], 1e-9) << i;
  EXPECT_GT(fit->rms_fz_error_before_n, 0.5);
  EXPECT_LT(fit->rms_fz_error_after_n, 1e-9);
  EXPECT_GT(fit->rms_cop_error_before_mm, 1.0);
  EXPECT_LT(fit->rms_cop_error_after_mm, 1e-9);
}

TEST(GainCorrection, RefusesTooFewOrDegeneratePlacementsAndAbsurdFactors) {
  const double w = 20 * kStandardGravity_m_s2;
  MassPlacement centre;
  centre.cell_force_n = cell_forces(w, 0, 0);
  EXPECT_FALSE(fit_gain_correction({centre, centre}, 20.0, kCells).ok());
  const auto same_spot = fit_gain_correction({centre, centre, centre}, 20.0, kCells);
  ASSERT_FALSE(same_spot.ok());
  EXPECT_NE(same_spot.error().message.find("corner"), std::string::npos);
  std::vector<MassPlacement> broken;
  for (const auto& [x, y] : {std::pair{0.15, 0.25}, std::pair{-0.15, 0.25}, std::pair{0.15, -0.25},
                             std::pair{-0.15, -0.25}}) {
    MassPlacement p;
    p.position = {x, y};
    p.cell_force_n = cell_forces(w, x, y);
    p.cell_force_n[3] *= 0.5;  // a cell reading half
    broken.push_back(p);
  }
  const auto fit = fit_gain_correction(broken, 20.0, kCells);
  ASSERT_FALSE(fit.ok());
  EXPECT_NE(fit.error().message.find("serviced"), std::string::npos);
}

TEST(GainCorrection, IsAppliedByTheCalibrationPath) {
  Tare t;
  t.gain_correction = {1.0, 0.5 / 0.49, 1.0, 1.0};
  Calibration cal = factory();
  cal.zero_counts = {0, 0, 0, 0, 0, 0};
  const CountsCalibrator c(plate(), cal, t);
  EXPECT_NEAR(c.to_wrench({0, 4900, 0, 0, 0, 0}).fz_n, 50.0, 1e-4);
}

}  // namespace
}  // namespace stance
