// The dashboard's fonts carry the names of a European clinic (issue 16): every letter of the
// names below has its own glyph, not ImGui's fallback box. The atlas is built without a window.
#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>

#include "app/platform.hpp"

namespace stance::app {
namespace {

TEST(Fonts, EveryLetterOfEuropeanNamesHasAGlyph) {
  ASSERT_TRUE(std::filesystem::exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
      << "fonts-dejavu-core is needed (scripts/debian-packages.txt)";
  ImGui::CreateContext();
  const Fonts fonts = load_fonts();
  ASSERT_TRUE(ImGui::GetIO().Fonts->Build());
  // Łucja Ősz-Şahin, Dvořák, Þórunn, Ærøe, Παπαδόπουλος, Шевченко, and the figures' symbols.
  const char32_t letters[] = U"ŁucjaŐszŞahinDvořákÞórunnÆrøeΠαπαδόπουλοςШевченкоĞüçİ±°²–…≥";
  for (ImFont* font : {fonts.body, fonts.large}) {
    ASSERT_NE(font, nullptr);
    for (const char32_t c : letters) {
      if (c == 0) break;
      EXPECT_NE(font->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr)
          << "no glyph for U+" << std::hex << static_cast<unsigned>(c);
    }
  }
  ImGui::DestroyContext();
}

}  // namespace
}  // namespace stance::app
