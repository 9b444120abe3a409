// FPPA's sign and size on hand-made points, for both limbs.
#include "core/knee/fppa.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace stance::knee {
namespace {

// Hip straight above the ankle, the knee pushed sideways by d at mid-height: the thigh and the
// shank each turn by atan(d / 100), so FPPA = 2 atan(d / 100).
TEST(Fppa, KneeTowardPictureRightIsValgusOfTheRightLimbAndVarusOfTheLeft) {
  const PointPx hip{300, 100}, ankle{300, 300}, knee{310, 200};
  const double expected = 2.0 * std::atan(10.0 / 100.0) * 180.0 / std::numbers::pi;
  EXPECT_NEAR(*fppa_deg(hip, knee, ankle, Limb::kRight), expected, 1e-9);
  EXPECT_NEAR(*fppa_deg(hip, knee, ankle, Limb::kLeft), -expected, 1e-9);
  const PointPx knee_left{290, 200};
  EXPECT_NEAR(*fppa_deg(hip, knee_left, ankle, Limb::kLeft), expected, 1e-9);
  EXPECT_NEAR(*fppa_deg(hip, knee_left, ankle, Limb::kRight), -expected, 1e-9);
}

TEST(Fppa, ZeroWhenInLineWhateverTheLean) {
  EXPECT_NEAR(*fppa_deg({100, 100}, {150, 200}, {200, 300}, Limb::kRight), 0.0, 1e-12);
  EXPECT_NEAR(*fppa_deg({100, 100}, {150, 200}, {200, 300}, Limb::kLeft), 0.0, 1e-12);
}

TEST(Fppa, NeedsALimbAndThreeMarkers) {
  EXPECT_FALSE(fppa_deg({0, 0}, {1, 10}, {0, 20}, Limb::kUnspecified));
  MarkerFrame f;
  f.at(Marker::kHip) = PointPx{0, 0};
  f.at(Marker::kAnkle) = PointPx{0, 20};
  EXPECT_FALSE(fppa_deg(f, Limb::kRight));
  f.at(Marker::kKnee) = PointPx{1, 10};
  EXPECT_TRUE(fppa_deg(f, Limb::kRight));
}

}  // namespace
}  // namespace stance::knee
