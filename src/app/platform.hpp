#pragma once
// The window system behind a narrow interface (DESIGN, after Tracy): a GLFW window with an
// OpenGL 3.3 core context, Dear ImGui with its GLFW and OpenGL 3 backends, the fonts, and a PNG
// screenshot of the frame just drawn. Nothing else in the app knows about GLFW or OpenGL.
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "support/process.hpp"
#include "support/result.hpp"

struct GLFWwindow;
struct ImFont;

namespace stance::app {

struct Fonts {
  ImFont* body = nullptr;   // ~18 px: tables and labels
  ImFont* large = nullptr;  // ~34 px: figures read from two metres
  ImFont* huge = nullptr;   // ~64 px: the state banner, the countdown
};

class Platform {
 public:
  // visible = false keeps the window hidden (benchmarks); it still renders.
  static Result<std::unique_ptr<Platform>> open(const std::string& title, int width, int height,
                                                bool visible = true);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  bool should_close() const;
  // Starts an ImGui frame after taking the window's events: at once (wait_s = 0), or after
  // waiting up to wait_s for one (an idle screen draws nothing until something happens). Returns
  // whether it waited and an event came before the wait ran out.
  bool begin_frame(double wait_s = 0.0);
  // Renders; when `screenshot` is not empty, writes the frame to it as PNG before presenting.
  Status end_frame(const std::filesystem::path& screenshot = {});
  const Fonts& fonts() const { return fonts_; }
  // The screen's content scale (1 on a standard screen, 2 on a HiDPI one, as the desktop says):
  // the fonts are made at this scale, and the caller scales the style with it.
  float scale() const { return scale_; }
  // Asks a waiting begin_frame to return now (from any thread), e.g. when a result arrived.
  static void wake();
  std::pair<int, int> window_size() const;

 private:
  explicit Platform(GLFWwindow* window) : window_(window) {}
  Status write_png(const std::filesystem::path& path) const;

  GLFWwindow* window_ = nullptr;
  Fonts fonts_;
  float scale_ = 1.0f;
};

using stance::display_available;  // support/process.hpp

// The dashboard's fonts (DejaVu Sans at three sizes) with the glyphs of European names: Latin
// with its extensions, Greek and Cyrillic, and the symbols the figures use. Needs an ImGui
// context; no window.
Fonts load_fonts(float scale = 1.0f);

}  // namespace stance::app
