#include "app/theme.hpp"

namespace stance::app::theme {

ImU32 band_colour(Band band) {
  switch (band) {
    case Band::kGood:
      return kGood;
    case Band::kCaution:
      return kCaution;
    case Band::kConcern:
      return kBad;
    case Band::kNone:
      break;
  }
  return kText;
}

ImVec4 colour(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}

void apply(const Fonts& fonts) {
  ImGui::StyleColorsLight();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowPadding = {14, 12};
  s.FramePadding = {10, 6};
  s.ItemSpacing = {10, 8};
  s.FrameRounding = 4;
  s.WindowRounding = 0;
  s.Colors[ImGuiCol_WindowBg] = colour(IM_COL32(244, 245, 247, 255));
  s.Colors[ImGuiCol_Button] = colour(IM_COL32(210, 225, 245, 255));
  s.Colors[ImGuiCol_ButtonHovered] = colour(IM_COL32(170, 200, 240, 255));
  ImGui::GetIO().FontDefault = fonts.body;
}

}  // namespace stance::app::theme
