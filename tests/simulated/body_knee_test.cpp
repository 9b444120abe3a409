// The knee of the body: its true FPPA as a frontal camera sees it, the squat posture, and the
// control and patellofemoral-pain populations (Herrington 2014, Knee 21:514: peak FPPA in the
// single-leg squat 8.4 ± 5.1° in controls, 16.8 ± 5.4° in PFP).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

#include "sim_test_util.hpp"
#include "simulated/body/anthropometry.hpp"
#include "simulated/subject_model.hpp"

namespace stance::sim {
namespace {

using test::mean;
using test::sd;

SubjectParams squatter(std::uint64_t seed, Limb limb) {
  SubjectParams p;
  p.seed = seed;
  p.limb = limb;
  p.task = Task::kSingleLegSquat;
  return p;
}

// FPPA computed here from the truth's hip, knee and ankle centres in the plate frame: the
// angle between hip→knee and knee→ankle on the x-z plane, + when the knee is medial.
double fppa_from_points(const BodyTruthSample& b, Limb limb) {
  const double medial = limb == Limb::kRight ? -1.0 : 1.0;
  const double ux = b.knee_m.x() - b.hip_m.x(), uz = b.knee_m.z() - b.hip_m.z();
  const double vx = b.ankle_m.x() - b.knee_m.x(), vz = b.ankle_m.z() - b.knee_m.z();
  const double turn = std::atan2(ux * vz - uz * vx, ux * vx + uz * vz);
  return -medial * turn * 180.0 / std::numbers::pi;
}

TEST(BodyKnee, TruthFppaIsTheFrontalAngleOfTheJointCentres) {
  for (const Limb limb : {Limb::kRight, Limb::kLeft}) {
    SubjectParams p = squatter(2, limb);
    p.wobble.index = 1.0;
    const SubjectModel m(p);
    const SquatRepTruth& rep = m.truth().reps[0];
    for (double t = rep.start_s; t < rep.end_s; t += 0.05) {
      const BodyTruthSample b = m.body_at(t);
      ASSERT_NEAR(b.fppa_deg, fppa_from_points(b, limb), 1e-9) << t;
    }
    // At the bottom the knee is medial: on the medial side of the hip-ankle line in x.
    const BodyTruthSample b = m.body_at(rep.bottom_s);
    const double line_x = b.hip_m.x() + (b.ankle_m.x() - b.hip_m.x()) *
                                            (b.knee_m.z() - b.hip_m.z()) /
                                            (b.ankle_m.z() - b.hip_m.z());
    EXPECT_GT(m.truth().medial_sign * (b.knee_m.x() - line_x), 0.02);
    EXPECT_GT(b.fppa_deg, 8.0);
  }
}

TEST(BodyKnee, WobbleOscillatesTheFppaAtItsFrequencyAroundTheCollapse) {
  SubjectParams p = squatter(5, Limb::kRight);
  p.wobble.collapse_deg = 12.0;
  p.wobble.fppa_wobble_deg = 3.0;
  p.wobble.freq_hz = 2.5;
  const SubjectModel m(p);
  for (const SquatRepTruth& rep : m.truth().reps) {
    // Over the pause the depth fraction is 1: FPPA = 12° + 3°·sin(2π·2.5·t + φ) + sway effects.
    double lo = 1e9, hi = -1e9, sum = 0.0;
    int n = 0;
    for (double t = rep.bottom_s - 0.2; t < rep.bottom_s + 0.2; t += 0.002) {
      const double f = m.body_at(t).fppa_deg;
      lo = std::min(lo, f);
      hi = std::max(hi, f);
      sum += f;
      ++n;
    }
    EXPECT_NEAR((hi - lo) / 2.0, 3.0, 0.4) << rep.index;  // one whole cycle in 0.4 s
    EXPECT_NEAR(sum / n, 12.0, 0.6) << rep.index;
  }
  const auto knees = m.rep_knee_truth();
  ASSERT_EQ(knees.size(), 5u);
  for (const RepKneeTruth& k : knees) EXPECT_NEAR(k.peak_fppa_deg, 15.0, 0.6);
}

TEST(BodyKnee, SquatKeepsTheComOverTheFootAndTheFreeFootOffThePlate) {
  SubjectParams p = squatter(3, Limb::kRight);
  p.squat.depth_m = 0.25;
  p.wobble.index = 1.0;
  const SubjectModel m(p);
  const double ankle_height = m.body().anthropometry().ankle_height_m;
  for (double t = 0.0; t < m.truth().trial_end_s; t += 0.01) {
    const SubjectLoad l = m.load_at(t);
    const BodyTruthSample b = m.body_at(t);
    // The COM stays between heel and toe, within 3 cm of its standing place (plus the sway).
    ASSERT_NEAR(l.com_ap_m, p.sway.mean_ap_m + p.squat_cop_ap_m * l.squat_depth_fraction, 0.03);
    ASSERT_GT(l.com_ap_m, b.heel_m.y());
    ASSERT_LT(l.com_ap_m, b.toe_m.y());
    // The free foot never reaches the floor.
    ASSERT_GT(m.body().pose_at(t).free_ankle_m.z(), ankle_height + 0.03) << t;
  }
  // The knee bends a lot more the deeper the squat.
  EXPECT_GT(m.body().knee_flexion_at_drop_rad(0.25), m.body().knee_flexion_at_drop_rad(0.1));
}

// The default squat is the patellofemoral protocol's half-squat: 45-60° of knee flexion at the
// bottom (Knee 2014;21:514, CLINICAL.md), the peak of the truth's knee angle over each rep.
TEST(BodyKnee, DefaultSquatBendsTheKneeToAHalfSquat) {
  for (const Limb limb : {Limb::kRight, Limb::kLeft}) {
    const SubjectModel m(squatter(2, limb));
    for (const SquatRepTruth& rep : m.truth().reps) {
      double peak = 0.0;
      for (double t = rep.start_s; t <= rep.end_s; t += 0.01) {
        peak = std::max(peak, m.body_at(t).knee_flexion_deg);
      }
      std::printf("rep %d: peak knee flexion %.1f deg\n", rep.index, peak);
      EXPECT_GE(peak, 45.0);
      EXPECT_LE(peak, 60.0);
    }
  }
}

// Without sway and knee motion the squat posture itself keeps the COM above the ankle in ML (the
// stance leg's lateral tilt follows the crouch) and at the wanted place in AP.
TEST(BodyKnee, SquatPostureAloneDoesNotMoveTheComSideways) {
  for (const Limb limb : {Limb::kRight, Limb::kLeft}) {
    SubjectParams p = squatter(6, limb);
    p.sway.sd_ml_m = 0.0;
    p.sway.sd_ap_m = 0.0;
    p.squat.depth_m = 0.2;
    const SubjectModel m(p);
    double worst_ml = 0.0, worst_ap = 0.0;
    for (double t = 0.0; t < m.truth().trial_end_s; t += 0.02) {
      const SubjectLoad l = m.load_at(t);
      worst_ml = std::max(worst_ml, std::abs(l.com_ml_m - p.sway.mean_ml_m));
      worst_ap = std::max(worst_ap, std::abs(l.com_ap_m - p.sway.mean_ap_m -
                                             p.squat_cop_ap_m * l.squat_depth_fraction));
    }
    EXPECT_LT(worst_ml, 0.0005);  // the 0.1° twist about the ankle moves it a little
    EXPECT_LT(worst_ap, 0.0005);
  }
}

// The population presets: many seeded persons, each with the mean of its five reps' peaks.
void check_population(KneePreset preset, double mean_deg, double sd_deg) {
#ifdef STANCE_SANITIZED
  GTEST_SKIP()
      << "population statistics: run in the optimised build (cmake/StanceSanitizers.cmake)";
#endif
  std::vector<double> peaks;
  for (std::uint64_t seed = 1; seed <= 80; ++seed) {
    SubjectParams p = squatter(seed, seed % 2 ? Limb::kRight : Limb::kLeft);
    p.wobble.preset = preset;
    p.squat.reps = 3;
    p.squat.depth_m = 0.10;  // about 60° of knee flexion, the protocol's 45-60°
    const SubjectModel m(p);
    double sum = 0.0;
    const auto knees = m.rep_knee_truth();
    for (const RepKneeTruth& k : knees) sum += k.peak_fppa_deg;
    peaks.push_back(sum / static_cast<double>(knees.size()));
  }
  std::printf("peak FPPA over 80 persons: %.1f ± %.1f° (target %.1f ± %.1f°)\n", mean(peaks),
              sd(peaks), mean_deg, sd_deg);
  // Sampling error of 80 persons: SE of the mean ~0.6°, of the SD ~0.4°.
  EXPECT_NEAR(mean(peaks), mean_deg, 1.5);
  EXPECT_NEAR(sd(peaks), sd_deg, 1.2);
}

TEST(BodyKnee, ControlAndPfpPresetsGiveHerringtonsPeakFppa) {
  check_population(KneePreset::kControl, 8.4, 5.1);
  check_population(KneePreset::kPfp, 16.8, 5.4);
}

TEST(BodyAnthropometry, DeLevaMassesScaledToTheBody) {
  using body::SegmentId;
  const body::Anthropometry male = body::make_anthropometry(80.0, 1.80, body::Sex::kMale);
  const body::Anthropometry female = body::make_anthropometry(60.0, 1.65, body::Sex::kFemale);
  double total = 0.0;
  for (const auto& s : male.segments) {
    total += s.mass_kg;
    EXPECT_GT(s.inertia_kg_m2.minCoeff(), 0.0);
  }
  EXPECT_NEAR(total, 80.0, 1e-9);
  // de Leva Table 4: thigh 14.16% (male) and 14.78% (female); shank 4.33% and 4.81%.
  EXPECT_NEAR(male[SegmentId::kStanceThigh].mass_kg / 80.0, 0.1416, 2e-4);
  EXPECT_NEAR(female[SegmentId::kStanceThigh].mass_kg / 60.0, 0.1478, 2e-4);
  EXPECT_NEAR(male[SegmentId::kStanceShank].mass_kg / 80.0, 0.0433, 1e-4);
  // Lengths scale with stature: thigh 422.2 mm of 1741 mm (male).
  EXPECT_NEAR(male[SegmentId::kStanceThigh].length_m, 0.4222 * 1.80 / 1.741, 1e-9);
  // Thigh COM 40.95% of its length from the hip (male), 36.12% (female).
  EXPECT_NEAR(
      male[SegmentId::kStanceThigh].com_from_proximal_m / male[SegmentId::kStanceThigh].length_m,
      0.4095, 1e-9);
  EXPECT_NEAR(female[SegmentId::kStanceThigh].com_from_proximal_m /
                  female[SegmentId::kStanceThigh].length_m,
              0.3612, 1e-9);
}

}  // namespace
}  // namespace stance::sim
