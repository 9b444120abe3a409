#include "camera/open_camera.hpp"

#include "simulated/camera/simulated_camera.hpp"

namespace stance::camera {

bool is_sim_camera_address(const std::string& address) {
  const std::string scheme = kSimCameraScheme;
  return address == scheme || address.rfind(scheme + ":", 0) == 0;
}

std::optional<std::string> sim_camera_filming_plate(const std::string& camera,
                                                    const std::string& plate) {
  const std::string sim_plate = "sim:";
  if (!is_sim_camera_address(camera) || (plate != "sim" && !plate.starts_with(sim_plate))) {
    return std::nullopt;
  }
  const std::string scheme = kSimCameraScheme;
  std::string options = plate.size() > sim_plate.size() ? plate.substr(sim_plate.size()) : "";
  if (camera.size() > scheme.size() + 1) {
    options += (options.empty() ? "" : ",") + camera.substr(scheme.size() + 1);
  }
  return scheme + ":" + options;
}

std::string with_sim_camera_duration(const std::string& address, double seconds) {
  if (address.find("cam_duration_s=") != std::string::npos) return address;
  const bool has_options = address.find(':') != std::string::npos;
  return address + (has_options ? "," : ":") + "cam_duration_s=" + std::to_string(seconds);
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
