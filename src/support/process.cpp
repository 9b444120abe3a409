#include "support/process.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace stance {

bool display_available() {
  const char* x = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x != nullptr && *x != '\0') || (wayland != nullptr && *wayland != '\0');
}

int exec_sibling(const std::string& program, const std::vector<std::string>& args,
                 std::ostream& err) {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::filesystem::path path =
      (ec ? std::filesystem::path(".") : self.parent_path()) / program;
  std::vector<std::string> owned{path.string()};
  owned.insert(owned.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  err.flush();
  ::execv(path.c_str(), argv.data());
  err << "stance: cannot start " << path.string() << " (" << std::strerror(errno)
      << ") — it is built and installed beside `stance`; build the whole project\n";
  return 1;
}

}  // namespace stance
