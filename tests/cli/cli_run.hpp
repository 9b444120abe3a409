#pragma once
// Runs the command line in-process and keeps what it printed, for the CLI tests.
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace stance::cli {

struct CliRun {
  int code;
  std::string out, err;
};

inline CliRun stance(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = run(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace stance::cli
