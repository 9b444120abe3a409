#pragma once
// The output of a shell command, for reading a PDF back with poppler's tools (pdftotext,
// pdfinfo, pdffonts, pdftoppm): "" when it failed.
#include <cstdio>
#include <memory>
#include <string>

namespace stance::report::test_support {

inline std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return "";
  std::string out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
  return out;
}

}  // namespace stance::report::test_support
