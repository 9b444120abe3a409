#pragma once
// Every camera by its address, for the consumers that take frames from any of them:
//   /dev/videoN            a webcam (V4L2)
//   sim-camera:OPTIONS     the simulated camera filming the simulated person (docs/simulator.md)
//   sim-camera             the same with the default person and camera
//   anything else          a video file
#include <memory>
#include <optional>
#include <string>

#include "camera/camera_source.hpp"
#include "camera/frame_source.hpp"
#include "support/result.hpp"

namespace stance::camera {

inline constexpr const char* kSimCameraScheme = "sim-camera";

bool is_sim_camera_address(const std::string& address);

// The simulated camera beside the simulated plate films the plate's own person: "sim-camera" or
// "sim-camera:CAMERA_OPTIONS" beside "sim" or "sim:PERSON" is "sim-camera:PERSON,CAMERA_OPTIONS"
// (the camera's options after the person's); nullopt when either is not simulated.
std::optional<std::string> sim_camera_filming_plate(const std::string& camera,
                                                    const std::string& plate);
// A simulated camera's address with cam_duration_s=`seconds` added, unless it gives its own.
std::string with_sim_camera_duration(const std::string& address, double seconds);

// `settings` apply to webcams and files (the simulated camera has its own options).
Result<std::unique_ptr<FrameSource>> open_camera(const std::string& address,
                                                 const CameraSettings& settings = {});

}  // namespace stance::camera
