#include "support/atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace stance {
namespace {

std::string quoted(const std::filesystem::path& path) {
  return "'" + path.string() + "'";
}

Error save_error(const std::filesystem::path& path, const std::string& what, int error_number,
                 const char* advice = nullptr) {
  return Error{"cannot save " + quoted(path) + ": " + what + " (" + std::strerror(error_number) +
               ") — " + (advice ? advice : detail::advice_for_write_errno(error_number))};
}

Error read_error(const std::filesystem::path& path, const std::string& what) {
  return Error{"cannot read " + quoted(path) + ": " + what};
}

// Closes a descriptor on every path out of a function.
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports close()'s errno (0 when fine): NFS and some disks report write errors
  // only here. EINTR still closes the descriptor on Linux, so it is not a failure.
  int close_and_check() {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 && errno != EINTR) return errno;
    return 0;
  }

 private:
  int fd_;
};

constexpr std::size_t kTemporaryHexDigits = 16;

std::string temporary_prefix(const std::string& target_name) {
  // Keep the whole name under NAME_MAX (255) even for a long target name.
  return "." + target_name.substr(0, 200) + ".tmp-";
}

// The names in a folder that start with `prefix`.
std::vector<std::string> names_starting_with(int dir_fd, const std::string& prefix) {
  std::vector<std::string> names;
  const int fd = ::openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return names;
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    ::close(fd);
    return names;
  }
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name.compare(0, prefix.size(), prefix) == 0) names.push_back(name);
  }
  ::closedir(dir);
  return names;
}

// A temporary file and its companions, named as it with a "-" suffix (SQLite's -journal, -wal).
void remove_temporary(int dir_fd, const std::string& temp_name) {
  ::unlinkat(dir_fd, temp_name.c_str(), 0);
  for (const std::string& name : names_starting_with(dir_fd, temp_name + "-"))
    ::unlinkat(dir_fd, name.c_str(), 0);
}

// Removes the temporary files of `target_name` whose writers are gone: a live writer holds its
// file's lock, and the kernel releases it when the writer dies, however it dies.
void remove_abandoned_temporaries(int dir_fd, const std::string& target_name) {
  const std::string prefix = temporary_prefix(target_name);
  for (const std::string& name : names_starting_with(dir_fd, prefix)) {
    if (name.size() != prefix.size() + kTemporaryHexDigits) continue;  // a companion
    UniqueFd fd(::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    struct stat st {};
    if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) continue;  // being written
    remove_temporary(dir_fd, name);
  }
}

// Removes the temporary file, and its companions, unless the rename consumed it.
class TempFileGuard {
 public:
  TempFileGuard(int dir_fd, std::string name) : dir_fd_(dir_fd), name_(std::move(name)) {}
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  ~TempFileGuard() {
    if (armed_) remove_temporary(dir_fd_, name_);
  }
  void release() { armed_ = false; }

 private:
  int dir_fd_;
  std::string name_;
  bool armed_ = true;
};

// A name no other writer picks: the process id, a per-process counter and the clock. O_EXCL
// makes a clash harmless (the caller tries another name).
std::string temporary_name(const std::string& target_name) {
  static std::atomic<std::uint64_t> counter{0};
  const auto now =
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  const std::uint64_t mix = (now * 0x9E3779B97F4A7C15ull) ^ (counter.fetch_add(1) << 32) ^
                            static_cast<std::uint64_t>(::getpid());
  std::array<char, kTemporaryHexDigits + 1> hex{};
  std::snprintf(hex.data(), hex.size(), "%016llx", static_cast<unsigned long long>(mix));
  return temporary_prefix(target_name) + hex.data();
}

// Creates and locks a new temporary file for `target_name`; -1 with errno set on failure.
int create_temporary(int dir_fd, const std::string& target_name, std::string& temp_name) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    temp_name = temporary_name(target_name);
    const int fd = ::openat(dir_fd, temp_name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return -1;
    }
    if (::flock(fd, LOCK_EX) != 0) {
      const int e = errno;
      ::close(fd);
      ::unlinkat(dir_fd, temp_name.c_str(), 0);
      errno = e;
      return -1;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_nlink > 0) return fd;
    ::close(fd);  // another writer's cleanup took it between the open and the lock: a new name
  }
  errno = EEXIST;
  return -1;
}

// Moves the finished temporary file to its name without replacing anything there: one atomic
// call where the file system supports it, else a hard link (which fails on an existing name).
int move_without_replacing(int dir_fd, const std::string& temp_name, const std::string& name) {
  if (::renameat2(dir_fd, temp_name.c_str(), dir_fd, name.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return errno;
  if (::linkat(dir_fd, temp_name.c_str(), dir_fd, name.c_str(), 0) != 0) return errno;
  ::unlinkat(dir_fd, temp_name.c_str(), 0);
  return 0;
}

bool same_file(const struct stat& a, const std::filesystem::path& other) {
  struct stat b {};
  return ::stat(other.c_str(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int fsync_retrying(int fd) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

}  // namespace

namespace detail {

const char* advice_for_write_errno(int error_number) {
  switch (error_number) {
    case ENOSPC:
    case EDQUOT:
      return "free some disk space and try again";
    case EFBIG:
      return "the file is larger than this disk or account allows: save to another disk";
    case EACCES:
    case EPERM:
      return "choose a folder you may write to, or ask your administrator for access";
    case EROFS:
      return "the disk is read-only: save to another disk";
    case ENOENT:
      return "the folder does not exist: create it or choose another folder";
    case ENOTDIR:
      return "a part of the path is not a folder: check the path";
    case EISDIR:
      return "a folder has that name: choose another file name";
    case ENAMETOOLONG:
      return "choose a shorter file name";
    case EIO:
      return "the disk may be failing or was removed: save to another disk";
    default:
      return "check the disk and the path, then try again";
  }
}

Status write_all(int fd, std::span<const std::uint8_t> bytes,
                 const std::filesystem::path& path_for_errors) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    // Linux writes at most ~2 GiB per call; smaller calls keep the arithmetic plain.
    const std::size_t request = std::min<std::size_t>(bytes.size() - written, std::size_t{1} << 30);
    const ssize_t n = ::write(fd, bytes.data() + written, request);
    if (n < 0) {
      if (errno == EINTR) continue;
      return save_error(path_for_errors,
                        "writing failed after " + std::to_string(written) + " of " +
                            std::to_string(bytes.size()) + " bytes",
                        errno);
    }
    if (n == 0) {
      // write() never returns 0 for a non-empty request on a working regular file.
      return save_error(path_for_errors,
                        "the system accepted no bytes after " + std::to_string(written) + " of " +
                            std::to_string(bytes.size()),
                        EIO);
    }
    written += static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace detail

Status check_write_target(const std::filesystem::path& path, const WriteOptions& options) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return {};  // a new file; the folder is checked when it is written
    return save_error(path, "cannot inspect the target", errno);
  }
  const std::string refused = "cannot save " + quoted(path) + ": ";
  if (S_ISLNK(st.st_mode)) {
    return Error{refused +
                 "it is a symbolic link, and Stance never writes over one — name a new file"};
  }
  if (S_ISDIR(st.st_mode)) return Error{refused + "a folder has that name — name a new file"};
  if (!S_ISREG(st.st_mode)) {
    return Error{refused + "it is a device, pipe or socket, not a file — name a new file"};
  }
  if (options.if_exists == IfExists::kRefuse) {
    return Error{refused +
                 "the file already exists, and Stance never replaces a file it did not create — "
                 "name a new file, or replace it on purpose (--force)"};
  }
  for (const auto& kept : options.never_replace) {
    if (same_file(st, kept)) {
      return Error{refused + "it is " + quoted(kept) +
                   ", which Stance has open (the clinic's store) — name a new file"};
    }
  }
  return {};
}

Status write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                             const WriteOptions& options) {
  return write_file_atomically_with(
      path,
      [&](int fd, const std::filesystem::path&) { return detail::write_all(fd, bytes, path); },
      options);
}

Status write_file_atomically_with(const std::filesystem::path& path, const FillTemporary& fill,
                                  const WriteOptions& options) {
  const std::string file_name = path.filename().string();
  if (file_name.empty() || file_name == "." || file_name == "..") {
    return Error{"cannot save " + quoted(path) + ": it is not a file name — choose a file name"};
  }
  if (Status s = check_write_target(path, options); !s) return s;
  std::filesystem::path folder = path.parent_path();
  if (folder.empty()) folder = ".";

  UniqueFd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) {
    return save_error(path, "cannot open the folder " + quoted(folder), errno);
  }

  // The temporary file lives in the target's folder so the rename is atomic (same file system).
  remove_abandoned_temporaries(dir.get(), file_name);
  std::string temp_name;
  const int temp_fd = create_temporary(dir.get(), file_name, temp_name);
  if (temp_fd < 0) {
    // The folder was opened above, so ENOENT here is not "no such folder" (e.g. /proc).
    const int e = errno;
    return save_error(path, "cannot create a temporary file in " + quoted(folder), e,
                      e == ENOENT ? "choose a folder on an ordinary disk" : nullptr);
  }
  UniqueFd file(temp_fd);
  // The lock belongs to the open file, not to this descriptor: a duplicate keeps it until the
  // file has its name, after `file` is closed.
  const UniqueFd lock(::fcntl(temp_fd, F_DUPFD_CLOEXEC, 0));
  TempFileGuard guard(dir.get(), temp_name);

  if (Status s = fill(file.get(), folder / temp_name); !s) return s;
  if (const int e = fsync_retrying(file.get()); e != 0) {
    return save_error(path, "flushing the data to disk failed", e);
  }
  if (const int e = file.close_and_check(); e != 0) {
    return save_error(path, "closing the temporary file failed", e);
  }
  if (options.if_exists == IfExists::kRefuse) {
    // Atomic: a file that appeared since the check above is still never replaced.
    if (const int e = move_without_replacing(dir.get(), temp_name, file_name); e != 0) {
      if (e == EEXIST) return check_write_target(path, options);  // says what is there
      return save_error(path, "giving the file its name failed", e);
    }
  } else {
    // Check again just before: what is there now must still be a regular file that may go.
    if (Status s = check_write_target(path, options); !s) return s;
    if (::renameat(dir.get(), temp_name.c_str(), dir.get(), file_name.c_str()) != 0) {
      return save_error(path, "replacing the file failed", errno);
    }
  }
  guard.release();

  // The rename is durable only once the folder itself is on disk. Some file systems cannot fsync a
  // folder (EINVAL): there is nothing more to do on those.
  if (const int e = fsync_retrying(dir.get()); e != 0 && e != EINVAL && e != ENOTSUP) {
    return Error{"saved " + quoted(path) + " but flushing the folder " + quoted(folder) +
                 " to disk failed (" + std::strerror(e) +
                 ") — the file may not survive a power cut: check the disk and save again"};
  }
  return {};
}

namespace {

// The bytes of a regular file, at most max_bytes of them: a larger file is refused when
// `whole_file`, else only its head is read.
Result<std::vector<std::uint8_t>> read_regular_file(const std::filesystem::path& path,
                                                    std::uint64_t max_bytes, bool whole_file) {
  // O_NONBLOCK: opening a FIFO by mistake must not hang; it is refused below as not a file.
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (fd.get() < 0) {
    const int e = errno;
    switch (e) {
      case ENOENT:
        return read_error(path, "no such file — check the name and the folder");
      case EACCES:
      case EPERM:
        return read_error(path, "permission denied — ask for read access or copy the file");
      case ENOTDIR:
        return read_error(path, "a part of the path is not a folder — check the path");
      default:
        return read_error(path, std::string("cannot open it (") + std::strerror(e) + ")");
    }
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return read_error(path, std::string("cannot inspect it (") + std::strerror(errno) + ")");
  }
  if (S_ISDIR(st.st_mode)) return read_error(path, "it is a folder, not a file — choose a file");
  if (!S_ISREG(st.st_mode)) {
    return read_error(path, "it is not a regular file (a device, pipe or socket) — choose a file");
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  const std::string too_large = "it is larger than " + std::to_string(max_bytes) +
                                " bytes, more than Stance reads — is it the right file?";
  if (whole_file && size > max_bytes) return read_error(path, too_large);

  std::vector<std::uint8_t> out;
  out.reserve(static_cast<std::size_t>(std::min(size, max_bytes)));
  std::array<std::uint8_t, 1 << 16> buffer{};
  // Read to the end rather than trusting st_size: the file may still be growing.
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return read_error(path, std::string("reading failed after ") + std::to_string(out.size()) +
                                  " bytes (" + std::strerror(errno) +
                                  ") — the disk may be failing: copy the file again");
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::uint64_t>(n) > max_bytes) {
      if (whole_file) return read_error(path, too_large);
      out.insert(out.end(), buffer.data(), buffer.data() + (max_bytes - out.size()));
      break;
    }
    out.insert(out.end(), buffer.data(), buffer.data() + n);
  }
  return out;
}

}  // namespace

Result<std::vector<std::uint8_t>> read_file_bytes(const std::filesystem::path& path,
                                                  std::uint64_t max_bytes) {
  return read_regular_file(path, max_bytes, true);
}

Result<std::vector<std::uint8_t>> read_file_head(const std::filesystem::path& path,
                                                 std::uint64_t bytes) {
  return read_regular_file(path, bytes, false);
}

}  // namespace stance
