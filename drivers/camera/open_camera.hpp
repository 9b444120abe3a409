#pragma once
// Every camera by its address, for the consumers that take frames from any of them:
//   /dev/videoN            a webcam (V4L2)
//   sim-camera:OPTIONS     the simulated camera filming the simulated person (docs/simulator.md)
//   sim-camera             the same with the default person and camera
//   anything else          a video file
#include <memory>
#include <string>

#include "camera/camera_source.hpp"
#include "camera/frame_source.hpp"
#include "support/result.hpp"

namespace stance::camera {

inline constexpr const char* kSimCameraScheme = "sim-camera";

bool is_sim_camera_address(const std::string& address);

// `settings` apply to webcams and files (the simulated camera has its own options).
Result<std::unique_ptr<FrameSource>> open_camera(const std::string& address,
                                                 const CameraSettings& settings = {});

}  // namespace stance::camera
