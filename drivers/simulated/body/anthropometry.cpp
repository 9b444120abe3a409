#include "simulated/body/anthropometry.hpp"

#include <cmath>

namespace stance::sim::body {
namespace {

// One row of de Leva 1996, Table 4, for one sex: mass (% body mass), segment length (mm, of the
// table's mean subject), COM (% of length from the proximal end) and radii of gyration (% of
// length) sagittal, transverse, longitudinal.
struct Row {
  double mass_pct;
  double length_mm;
  double com_pct;
  double r_sag_pct, r_trans_pct, r_long_pct;
};

struct Table {
  double stature_mm;
  Row head, upper_trunk, middle_trunk, lower_trunk, upper_arm, forearm, hand, thigh, shank, foot;
};

// Proximal ends: head VERT (vertex; the table's second head, VERT to CERV), upper trunk CERV,
// middle trunk XYPH, lower trunk OMPH, upper arm SJC, forearm EJC, hand WJC, thigh HJC, shank KJC,
// foot HEEL.
constexpr Table kMale{
    1741.0,
    {6.94, 242.9, 50.02, 30.3, 31.5, 26.1},
    {15.96, 170.7, 29.99, 71.6, 45.4, 65.9},
    {16.33, 215.5, 45.02, 48.2, 38.3, 46.8},
    {11.17, 145.7, 61.15, 61.5, 55.1, 58.7},
    {2.71, 281.7, 57.72, 28.5, 26.9, 15.8},
    {1.62, 268.9, 45.74, 27.6, 26.5, 12.1},
    {0.61, 86.2, 79.00, 62.8, 51.3, 40.1},
    {14.16, 422.2, 40.95, 32.9, 32.9, 14.9},
    {4.33, 434.0, 44.59, 25.5, 24.9, 10.3},
    {1.37, 258.1, 44.15, 25.7, 24.5, 12.4},
};
constexpr Table kFemale{
    1735.0,
    {6.68, 243.7, 48.41, 27.1, 29.5, 26.1},
    {15.45, 142.5, 20.77, 74.6, 50.2, 71.8},
    {14.65, 205.3, 45.12, 43.3, 35.4, 41.5},
    {12.47, 181.5, 49.20, 43.3, 40.2, 44.4},
    {2.55, 275.1, 57.54, 27.8, 26.0, 14.8},
    {1.38, 264.3, 45.59, 26.1, 25.7, 9.4},
    {0.56, 78.0, 74.74, 53.1, 45.4, 33.5},
    {14.78, 368.5, 36.12, 36.9, 36.4, 16.2},
    {4.81, 432.3, 44.16, 27.1, 26.7, 9.3},
    {1.29, 228.3, 40.14, 29.9, 27.9, 13.9},
};

// Dimensions not in de Leva's table, as fractions of stature: ankle joint height (lateral
// malleolus, ~7 cm), hip joint centre separation, shoulder joint separation, knee depth.
// Inter-ASIS width from the hip separation with Bell et al. 1990 (J Biomech 23:617): the hip
// joint centre lies 14% of the inter-ASIS width medial of the ASIS, so separation = 0.72·width.
constexpr double kAnkleHeight = 0.039;
constexpr double kHipWidth = 0.100;
constexpr double kShoulderWidth = 0.200;
constexpr double kKneeDepth = 0.030;
constexpr double kHeelToAnkle = 0.25;  // of foot length

SegmentInertia segment(const Row& r, double mass_kg, double scale) {
  SegmentInertia s;
  s.mass_kg = mass_kg * r.mass_pct / 100.0;
  s.length_m = r.length_mm / 1000.0 * scale;
  s.com_from_proximal_m = s.length_m * r.com_pct / 100.0;
  const auto moment = [&](double pct) {
    const double k = s.length_m * pct / 100.0;
    return s.mass_kg * k * k;
  };
  s.inertia_kg_m2 = {moment(r.r_sag_pct), moment(r.r_trans_pct), moment(r.r_long_pct)};
  return s;
}

// Adds a part with its COM at `at` (relative to the lump's origin) to a running lump.
struct Lump {
  double mass_kg = 0.0;
  Eigen::Vector3d first_moment = Eigen::Vector3d::Zero();
  Eigen::Vector3d own_inertia = Eigen::Vector3d::Zero();    // Σ I_i about each part's COM
  Eigen::Vector3d second_moment = Eigen::Vector3d::Zero();  // Σ m·(x², y², z²)

  void add(const SegmentInertia& s, const Eigen::Vector3d& at) {
    mass_kg += s.mass_kg;
    first_moment += s.mass_kg * at;
    own_inertia += s.inertia_kg_m2;
    second_moment += s.mass_kg * at.cwiseProduct(at);
  }
  Eigen::Vector3d com() const { return first_moment / mass_kg; }
  // Moments about the lump's COM along x, y, z (parallel-axis theorem).
  Eigen::Vector3d inertia() const {
    const Eigen::Vector3d c = com();
    const Eigen::Vector3d sq = second_moment - mass_kg * c.cwiseProduct(c);  // Σ m·(x−cx)²...
    return own_inertia + Eigen::Vector3d(sq.y() + sq.z(), sq.x() + sq.z(), sq.x() + sq.y());
  }
};

}  // namespace

Anthropometry make_anthropometry(double mass_kg, double height_m, Sex sex) {
  const Table& t = sex == Sex::kFemale ? kFemale : kMale;
  const double scale = height_m * 1000.0 / t.stature_mm;
  Anthropometry a;
  a.mass_kg = mass_kg;
  a.height_m = height_m;
  a.sex = sex;
  auto& seg = a.segments;
  const auto at = [&](SegmentId id) -> SegmentInertia& {
    return seg[static_cast<std::size_t>(index_of(id))];
  };
  at(SegmentId::kStanceFoot) = segment(t.foot, mass_kg, scale);
  at(SegmentId::kStanceShank) = segment(t.shank, mass_kg, scale);
  at(SegmentId::kStanceThigh) = segment(t.thigh, mass_kg, scale);
  at(SegmentId::kPelvis) = segment(t.lower_trunk, mass_kg, scale);
  at(SegmentId::kFreeFoot) = at(SegmentId::kStanceFoot);
  at(SegmentId::kFreeShank) = at(SegmentId::kStanceShank);
  at(SegmentId::kFreeThigh) = at(SegmentId::kStanceThigh);
  // de Leva's lower-trunk COM is measured from OMPH (its top); our pelvis is measured from the
  // mid-hip point (its bottom), so its proximal end is the hip line.
  SegmentInertia& pelvis = at(SegmentId::kPelvis);
  pelvis.com_from_proximal_m = pelvis.length_m - pelvis.com_from_proximal_m;

  // Upper body, upright with the arms hanging, origin at OMPH (the lumbar joint), z up.
  const SegmentInertia mid = segment(t.middle_trunk, mass_kg, scale);
  const SegmentInertia up = segment(t.upper_trunk, mass_kg, scale);
  const SegmentInertia head = segment(t.head, mass_kg, scale);
  const SegmentInertia arm = segment(t.upper_arm, mass_kg, scale);
  const SegmentInertia fore = segment(t.forearm, mass_kg, scale);
  const SegmentInertia hand = segment(t.hand, mass_kg, scale);
  const double xyph = mid.length_m;
  const double cerv = xyph + up.length_m;
  const double vert = cerv + head.length_m;
  Lump lump;
  lump.add(mid, {0.0, 0.0, xyph - mid.com_from_proximal_m});
  lump.add(up, {0.0, 0.0, cerv - up.com_from_proximal_m});
  lump.add(head, {0.0, 0.0, vert - head.com_from_proximal_m});
  const double shoulder_z = cerv - 0.3 * up.length_m;
  for (double side : {-1.0, 1.0}) {
    const double x = side * kShoulderWidth * height_m / 2.0;
    lump.add(arm, {x, 0.0, shoulder_z - arm.com_from_proximal_m});
    const double elbow = shoulder_z - arm.length_m;
    lump.add(fore, {x, 0.0, elbow - fore.com_from_proximal_m});
    lump.add(hand, {x, 0.0, elbow - fore.length_m - hand.com_from_proximal_m});
  }
  SegmentInertia& upper = at(SegmentId::kUpperBody);
  upper.mass_kg = lump.mass_kg;
  upper.length_m = vert;
  upper.com_from_proximal_m = lump.com().z();
  upper.inertia_kg_m2 = lump.inertia();

  const double foot_length = at(SegmentId::kStanceFoot).length_m;
  // The table's masses add up to 100 ± 0.01%: share out the rest so that Σ m = the body mass.
  double total = 0.0;
  for (const auto& s : seg) total += s.mass_kg;
  for (auto& s : seg) {
    s.inertia_kg_m2 *= mass_kg / total;
    s.mass_kg *= mass_kg / total;
  }

  a.ankle_height_m = kAnkleHeight * height_m;
  a.heel_to_ankle_m = kHeelToAnkle * foot_length;
  a.hip_width_m = kHipWidth * height_m;
  a.asis_width_m = a.hip_width_m / 0.72;
  a.pelvis_height_m = pelvis.length_m;
  a.knee_depth_m = kKneeDepth * height_m;
  return a;
}

}  // namespace stance::sim::body
