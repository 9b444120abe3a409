#pragma once
// A synthetic squat written as a real MJPEG AVI (OpenCV's own MJPEG writer), for the camera
// source and `stance knee` tests.
#include <string>

#include "synthetic_squat.hpp"

namespace stance::test {

// Writes frames [0, frames) of the scene (all when frames < 0); false if the writer failed.
bool write_mjpeg_avi(const SyntheticSquat& scene, const std::string& path, int frames = -1);

}  // namespace stance::test
