#pragma once
// The camera's newest picture as an OpenGL texture for ImGui::Image: uploaded only when a new
// picture arrives (the UI thread owns the GL context; the camera thread never touches it).
#include <imgui.h>

#include <cstdint>

#include "vision/live_camera.hpp"

namespace stance::app {

class CameraTexture {
 public:
  CameraTexture() = default;
  ~CameraTexture();
  CameraTexture(const CameraTexture&) = delete;
  CameraTexture& operator=(const CameraTexture&) = delete;

  ImTextureID show(const vision::CameraPicture& picture);

 private:
  unsigned texture_ = 0;
  int width_px_ = 0, height_px_ = 0;
  const vision::CameraPicture* shown_ = nullptr;  // kept alive by the view that holds it
  std::int64_t shown_index_ = -1;
};

}  // namespace stance::app
