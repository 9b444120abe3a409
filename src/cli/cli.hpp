#pragma once
// The `stance` command line. Exit codes: 0 done, 1 failed (the error says why), 2 wrong usage,
// 3 recording interrupted (what arrived was kept and written).
#include <iosfwd>
#include <string>
#include <vector>

namespace stance::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 3;

int run(int argc, char** argv);
// The same, with explicit arguments (after the program name) and streams: used by tests.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

struct Command;
// The same with the commands of another executable added: `stance-knee` adds `knee`.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const std::vector<Command>& more);

}  // namespace stance::cli
