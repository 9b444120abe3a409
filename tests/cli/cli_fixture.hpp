#pragma once
// The command line run in-process, with its output captured, in a fresh folder per test that is
// also the XDG data home (so a test never reads or writes the user's own Stance data).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli_run.hpp"
#include "temp_dir.hpp"

namespace stance::cli {

inline std::string data(const std::string& name) {
  return std::string(STANCE_SHARED_DATA) + "/" + name;
}

inline bool one_line(const std::string& text) {
  return !text.empty() && text.find('\n') == text.size() - 1;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { ::setenv("XDG_DATA_HOME", dir_.c_str(), 1); }
  test::TempDir temp_{"stance-cli"};
  const std::filesystem::path dir_ = temp_.root();
};

}  // namespace stance::cli
