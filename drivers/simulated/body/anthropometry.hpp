#pragma once
// Segment masses, lengths, centre-of-mass positions and moments of inertia of a person of a given
// mass, stature and sex, from de Leva 1996 (J Biomech 29:1223-1230, Table 4: Zatsiorsky-Seluyanov
// adjusted to joint centres), scaled by mass and stature. Table values: docs/simulator.md.
#include <Eigen/Core>
#include <array>
#include <cstdint>

namespace stance::sim::body {

enum class Sex : std::uint8_t { kMale, kFemale };

// The rigid segments of the simulated body. "Upper body" lumps the middle and upper trunk, the
// head and both arms (hanging at the sides), with the parallel-axis theorem.
enum class SegmentId : std::uint8_t {
  kStanceFoot,
  kStanceShank,
  kStanceThigh,
  kPelvis,
  kUpperBody,
  kFreeThigh,
  kFreeShank,
  kFreeFoot,
};
inline constexpr int kSegmentCount = 8;
constexpr int index_of(SegmentId id) {
  return static_cast<int>(id);
}

struct SegmentInertia {
  double mass_kg = 0.0;
  double length_m = 0.0;
  double com_from_proximal_m = 0.0;  // along the segment's long axis
  // Principal moments about the segment's COM, in the segment frame: x medio-lateral (rotation in
  // the sagittal plane), y antero-posterior (frontal plane), z the long axis.
  Eigen::Vector3d inertia_kg_m2 = Eigen::Vector3d::Zero();
};

struct Anthropometry {
  double mass_kg = 0.0;
  double height_m = 0.0;
  Sex sex = Sex::kMale;
  std::array<SegmentInertia, kSegmentCount> segments{};
  double ankle_height_m = 0.0;   // ankle joint centre above the sole
  double heel_to_ankle_m = 0.0;  // heel to the point below the ankle joint, along the foot
  double hip_width_m = 0.0;      // between the hip joint centres
  double asis_width_m = 0.0;     // between the anterior superior iliac spines
  double pelvis_height_m = 0.0;  // mid-hip to the lumbar joint (de Leva's lower trunk)
  double knee_depth_m = 0.0;     // knee joint centre to the front of the patella

  const SegmentInertia& operator[](SegmentId id) const {
    return segments[static_cast<std::size_t>(index_of(id))];
  }
};

Anthropometry make_anthropometry(double mass_kg, double height_m, Sex sex);

}  // namespace stance::sim::body
