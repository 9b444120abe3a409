#include "support/desktop.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <vector>

extern char** environ;

namespace stance {
namespace {

struct Spawned {
  pid_t pid = -1;
  int output = -1;  // the read end of the child's stdout and stderr
};

// Runs `argv[0]` from PATH with stdin from /dev/null and stdout+stderr into a pipe.
Result<Spawned> spawn(const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return Error{std::string("pipe: ") + std::strerror(errno)};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    return Error{args[0] + " could not be started (" + std::strerror(rc) + ")"};
  }
  return Spawned{pid, pipe_fds[0]};
}

// Reads the child's output to its end and waits for it; its exit code (-1: killed).
int finish(const Spawned& child, std::string& output) {
  char buffer[512];
  for (ssize_t n; (n = read(child.output, buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    output.append(buffer, static_cast<std::size_t>(n));
  }
  close(child.output);
  int status = 0;
  while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Status check_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return Error{file.string() + " is not there any more: write the sheet again"};
  }
  return {};
}

}  // namespace

Status open_with_desktop(const std::filesystem::path& file) {
  if (Status s = check_file(file); !s) return s;
  auto child = spawn({"xdg-open", file.string()});
  if (!child) {
    return Error{"the sheet cannot be opened here: " + child.error().message +
                 "; install xdg-utils, or open " + file.string() + " yourself"};
  }
  // xdg-open hands the file to the viewer and ends; its exit is collected off the UI thread.
  std::thread([c = *child] {
    std::string ignored;
    finish(c, ignored);
  }).detach();
  return {};
}

Result<std::string> print_file(const std::filesystem::path& file, const std::string& printer) {
  if (Status s = check_file(file); !s) return s.error();
  std::vector<std::string> args{"lp"};
  if (!printer.empty()) args.insert(args.end(), {"-d", printer});
  args.insert(args.end(), {"--", file.string()});
  auto child = spawn(args);
  if (!child) {
    return Error{"nothing was printed: " + child.error().message +
                 "; install cups-client (and set up a printer), or print " + file.string() +
                 " from its viewer"};
  }
  std::string output;
  if (const int code = finish(*child, output); code != 0) {
    return Error{"nothing was printed: lp said \"" + output +
                 "\"; check that a printer is set up (lpstat -p -d) and try again"};
  }
  return output;
}

}  // namespace stance
