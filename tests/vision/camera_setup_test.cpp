// The camera set-up advice on hand-made standing pictures: each rule fires on its own fault and
// stays quiet on a good set-up.
#include "core/knee/camera_setup.hpp"

#include <gtest/gtest.h>

namespace stance::knee {
namespace {

MarkerFrame standing(PointPx hip, PointPx knee, PointPx ankle) {
  MarkerFrame f;
  f.at(Marker::kHip) = hip;
  f.at(Marker::kKnee) = knee;
  f.at(Marker::kAnkle) = ankle;
  return f;
}

bool says(const std::vector<std::string>& advice, const std::string& words) {
  for (const std::string& line : advice) {
    if (line.find(words) != std::string::npos) return true;
  }
  return false;
}

TEST(CameraSetup, AGoodSetUpGetsNoAdvice) {
  // The leg over 60% of a 480-px picture, thigh and shank alike, standing straight.
  const auto advice =
      camera_setup_advice(standing({320, 80}, {322, 230}, {320, 380}), 1.5, 640, 480);
  EXPECT_TRUE(advice.empty()) << advice.front();
}

TEST(CameraSetup, EachFaultIsNamedWithWhatToDo) {
  MarkerFrame lost = standing({320, 80}, {322, 230}, {320, 380});
  lost.at(Marker::kKnee).reset();
  const auto no_knee = camera_setup_advice(lost, std::nullopt, 640, 480);
  ASSERT_EQ(no_knee.size(), 1u);
  EXPECT_TRUE(says(no_knee, "knee marker is not seen")) << no_knee[0];

  const auto far = camera_setup_advice(standing({320, 200}, {321, 250}, {320, 300}), 0.0, 640, 480);
  EXPECT_TRUE(says(far, "fills only 21%")) << far.front();
  EXPECT_TRUE(says(far, "move the camera closer"));

  const auto cut = camera_setup_advice(standing({320, 5}, {321, 240}, {320, 475}), 0.0, 640, 480);
  EXPECT_TRUE(says(cut, "picture's edge")) << cut.front();

  const auto unequal =
      camera_setup_advice(standing({320, 40}, {321, 300}, {320, 400}), 0.0, 640, 480);
  EXPECT_TRUE(says(unequal, "thigh 2.60 x shank")) << unequal.front();

  const auto turned =
      camera_setup_advice(standing({320, 80}, {322, 230}, {320, 380}), -11.6, 640, 480);
  ASSERT_EQ(turned.size(), 1u);
  EXPECT_TRUE(says(turned, "already shows -12 degrees")) << turned[0];
  // Within the limit, not.
  EXPECT_TRUE(
      camera_setup_advice(standing({320, 80}, {322, 230}, {320, 380}), 7.9, 640, 480).empty());
}

}  // namespace
}  // namespace stance::knee
