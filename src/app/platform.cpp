#include "app/platform.hpp"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <cstdlib>
#include <vector>

namespace stance::app {
namespace {

// Debian's fonts-dejavu-core; ImGui aborts on a missing font file, so it is checked first.
constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

Fonts load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  Fonts f;
  if (!std::filesystem::exists(kFontPath)) {
    f.body = f.large = f.huge = io.Fonts->AddFontDefault();
    return f;
  }
  // Latin with Latin Extended-A (the names of a European clinic: Ł, ő, ş), the ellipsis of
  // "New patient…", and the symbols the figures use (², ±, °, µ, →, ≥).
  static const ImWchar ranges[] = {0x0020, 0x017F, 0x2026, 0x2026, 0x2190,
                                   0x2193, 0x2264, 0x2265, 0};
  f.body = io.Fonts->AddFontFromFileTTF(kFontPath, 18.0f, nullptr, ranges);
  f.large = io.Fonts->AddFontFromFileTTF(kFontPath, 34.0f, nullptr, ranges);
  f.huge = io.Fonts->AddFontFromFileTTF(kFontPath, 64.0f, nullptr, ranges);
  return f;
}

}  // namespace

Result<std::unique_ptr<Platform>> Platform::open(const std::string& title, int width, int height,
                                                 bool visible) {
  if (!glfwInit()) {
    return Error{
        "cannot open a window (no display?): run under a desktop session, or use the "
        "command line (stance --help)"};
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (window == nullptr) {
    glfwTerminate();
    return Error{
        "cannot create an OpenGL 3.3 window: the graphics driver is missing (Debian: "
        "libgl1-mesa-dri)"};
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  std::unique_ptr<Platform> p(new Platform(window));
  p->fonts_ = load_fonts();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  return p;
}

Platform::~Platform() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

std::pair<int, int> Platform::window_size() const {
  int w = 0, h = 0;
  glfwGetWindowSize(window_, &w, &h);
  return {w, h};
}

bool Platform::should_close() const {
  return glfwWindowShouldClose(window_) != 0;
}

void Platform::begin_frame() {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

Status Platform::end_frame(const std::filesystem::path& screenshot) {
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.94f, 0.95f, 0.96f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  Status written;
  if (!screenshot.empty()) written = write_png(screenshot);  // the back buffer, before the swap
  glfwSwapBuffers(window_);
  return written;
}

Status Platform::write_png(const std::filesystem::path& path) const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  std::vector<unsigned char> rgba(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  // OpenGL's rows run bottom-up; PNG's top-down.
  stbi_flip_vertically_on_write(1);
  if (stbi_write_png(path.c_str(), w, h, 4, rgba.data(), w * 4) == 0) {
    return Error{"cannot write the screenshot " + path.string() +
                 ": check that its folder exists and is writable"};
  }
  return {};
}

}  // namespace stance::app
