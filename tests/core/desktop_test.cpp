// Handing a sheet to the desktop (support/desktop.*): the real programs are started without a
// shell; when they are missing, or refuse, the error says what failed and what to do.
#include "support/desktop.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "temp_dir.hpp"

namespace stance {
namespace {

// Runs `body` with PATH set to `path`, then puts PATH back.
template <typename Body>
void with_path(const std::string& path, Body body) {
  const char* old = std::getenv("PATH");
  const std::string saved = old != nullptr ? old : "";
  setenv("PATH", path.c_str(), 1);
  body();
  setenv("PATH", saved.c_str(), 1);
}

TEST(Desktop, AMissingViewerOrPrinterProgramSaysWhatToInstall) {
  test::TempDir dir{"stance-desktop"};
  const auto sheet = dir.path("PFP-1-visit-1.pdf");
  std::ofstream(sheet) << "%PDF-1.5\n";
  with_path(dir.path("empty-bin").string(), [&] {
    const Status opened = open_with_desktop(sheet);
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().message.find("install xdg-utils"), std::string::npos)
        << opened.error().message;
    const auto printed = print_file(sheet);
    ASSERT_FALSE(printed);
    EXPECT_NE(printed.error().message.find("nothing was printed"), std::string::npos);
    EXPECT_NE(printed.error().message.find("install cups-client"), std::string::npos)
        << printed.error().message;
  });
}

TEST(Desktop, ASheetThatIsGoneIsSaidSo) {
  test::TempDir dir{"stance-desktop"};
  const auto gone = dir.path("gone.pdf");
  EXPECT_NE(open_with_desktop(gone).error().message.find("not there any more"), std::string::npos);
  EXPECT_NE(print_file(gone).error().message.find("not there any more"), std::string::npos);
}

// With lp installed (cups-client), a printer that does not exist is lp's refusal, passed on.
TEST(Desktop, APrinterThatRefusesIsReportedWithLpsWords) {
  if (std::system("command -v lp >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "lp (cups-client) is not installed";
  }
  test::TempDir dir{"stance-desktop"};
  const auto sheet = dir.path("sheet with spaces; and quotes'.pdf");  // one argument, no shell
  std::ofstream(sheet) << "%PDF-1.5\n";
  const auto printed = print_file(sheet, "stance-no-such-printer");
  ASSERT_FALSE(printed);
  EXPECT_NE(printed.error().message.find("lp said"), std::string::npos) << printed.error().message;
  EXPECT_NE(printed.error().message.find("lpstat"), std::string::npos);
}

}  // namespace
}  // namespace stance
