#include "app/camera_texture.hpp"

#include <GL/gl.h>

namespace stance::app {

CameraTexture::~CameraTexture() {
  if (texture_ != 0) glDeleteTextures(1, &texture_);
}

ImTextureID CameraTexture::show(const vision::CameraPicture& picture) {
  if (texture_ == 0) {
    glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  }
  const bool fresh = &picture != shown_ || picture.index != shown_index_;
  const auto bytes = static_cast<std::size_t>(picture.width_px) * picture.height_px * 4;
  if (fresh && picture.rgba.size() == bytes && bytes > 0) {
    glBindTexture(GL_TEXTURE_2D, texture_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (picture.width_px == width_px_ && picture.height_px == height_px_) {
      glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width_px_, height_px_, GL_RGBA, GL_UNSIGNED_BYTE,
                      picture.rgba.data());
    } else {
      width_px_ = picture.width_px;
      height_px_ = picture.height_px;
      glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width_px_, height_px_, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                   picture.rgba.data());
    }
    shown_ = &picture;
    shown_index_ = picture.index;
  }
  return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_));
}

}  // namespace stance::app
