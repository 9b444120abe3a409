#pragma once
// Whole-file I/O for clinical data: a save either fully replaces the file or leaves the old one
// untouched (never a half-written trial), and every failure comes back as one actionable line.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <vector>

#include "support/result.hpp"

namespace stance {

// What a writer may do with a file already at its target. A writer never replaces what it did
// not create: by default an existing file is refused, and whatever is there that is not a regular
// file (a folder, a symbolic link, a device, a pipe) is refused always.
enum class IfExists : std::uint8_t {
  kRefuse,   // the default: the target must not exist yet
  kReplace,  // replace a regular file: Stance's own (settings, a plate's adjustments) or --force
};

struct WriteOptions {
  IfExists if_exists = IfExists::kRefuse;
  // Files never replaced, even with kReplace: e.g. the open store and its log. Compared by device
  // and inode, so another spelling of the same file is caught too.
  std::vector<std::filesystem::path> never_replace;
};

// Checks that `path` may be written under `options` without writing anything: for a command to
// refuse before it spends time making the file. write_file_atomically checks again.
Status check_write_target(const std::filesystem::path& path, const WriteOptions& options = {});

// Writes `bytes` to `path` atomically and durably: a unique temporary file in the same folder
// (created with O_EXCL and mode 0600), all bytes written, fsync, then moved to `path` (refusing an
// existing file atomically with kRefuse, renamed over it with kReplace), fsync of the folder. On
// every failure the temporary file is removed and an existing `path` keeps its old content. The
// new file has mode 0600 even when it replaces a file with other permissions.
Status write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                             const WriteOptions& options = {});

// What makes the content of a temporary file: given its open descriptor and its path (for a
// library that opens the path itself, such as SQLite). An error abandons the file.
using FillTemporary = std::function<Status(int fd, const std::filesystem::path& temporary)>;

// As write_file_atomically, with `fill` writing the content. The temporary file is named
// `.NAME.tmp-XXXXXXXXXXXXXXXX` and locked (flock) while it is made: a writer killed midway
// (kill -9, power cut) leaves only that hidden file, never NAME, and the next write to NAME
// removes it, with its companions named NAME.tmp-XXXXXXXXXXXXXXXX-* (SQLite's -journal, -wal,
// -shm). On every failure the temporary file and its companions are removed.
Status write_file_atomically_with(const std::filesystem::path& path, const FillTemporary& fill,
                                  const WriteOptions& options = {});

// Refuses files larger than this by default: reading a huge file by mistake must not exhaust
// memory.
inline constexpr std::uint64_t kDefaultMaxReadBytes = std::uint64_t{2} << 30;  // 2 GiB

// Reads a whole regular file. Errors name the path and the cause (no such file, is a directory,
// permission denied, too large, I/O error).
Result<std::vector<std::uint8_t>> read_file_bytes(const std::filesystem::path& path,
                                                  std::uint64_t max_bytes = kDefaultMaxReadBytes);
// The first `bytes` bytes of a regular file (fewer if it is shorter), e.g. to tell its format.
// Like read_file_bytes, it never blocks on a FIFO or a device: those are refused by name.
Result<std::vector<std::uint8_t>> read_file_head(const std::filesystem::path& path,
                                                 std::uint64_t bytes);

namespace detail {

// Writes all of `bytes` to an open descriptor, resuming after partial writes and EINTR. Exposed so
// that tests can drive the error path with a descriptor of /dev/full.
Status write_all(int fd, std::span<const std::uint8_t> bytes,
                 const std::filesystem::path& path_for_errors);

// What a person can do about an errno from saving a file.
const char* advice_for_write_errno(int error_number);

}  // namespace detail
}  // namespace stance
