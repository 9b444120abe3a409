#include "camera/open_camera.hpp"

#include "simulated/camera/simulated_camera.hpp"

namespace stance::camera {

bool is_sim_camera_address(const std::string& address) {
  const std::string scheme = kSimCameraScheme;
  return address == scheme || address.rfind(scheme + ":", 0) == 0;
}

Result<std::unique_ptr<FrameSource>> open_camera(const std::string& address,
                                                 const CameraSettings& settings) {
  if (is_sim_camera_address(address)) {
    const std::size_t colon = address.find(':');
    auto camera =
        sim::SimulatedCamera::open(colon == std::string::npos ? "" : address.substr(colon + 1));
    if (!camera) return camera.error();
    return std::unique_ptr<FrameSource>(std::move(*camera));
  }
  auto source = address.rfind("/dev/", 0) == 0 ? CameraSource::open_device(address, settings)
                                               : CameraSource::open_file(address, settings);
  if (!source) return source.error();
  return std::unique_ptr<FrameSource>(std::move(*source));
}

}  // namespace stance::camera
