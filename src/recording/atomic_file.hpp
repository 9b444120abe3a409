#pragma once
// Whole-file I/O for clinical data: a save either fully replaces the file or leaves the old one
// untouched (never a half-written trial), and every failure comes back as one actionable line.
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "core/result.hpp"

namespace stance {

// Writes `bytes` to `path` atomically and durably: a unique temporary file in the same folder
// (created with O_EXCL and mode 0600), all bytes written, fsync, rename over `path`, fsync of the
// folder. On failure the temporary file is removed and an existing `path` keeps its old content.
// The new file has mode 0600 even when it replaces a file with other permissions.
Status write_file_atomically(const std::filesystem::path& path,
                             std::span<const std::uint8_t> bytes);

// Refuses files larger than this by default: reading a huge file by mistake must not exhaust
// memory.
inline constexpr std::uint64_t kDefaultMaxReadBytes = std::uint64_t{2} << 30;  // 2 GiB

// Reads a whole regular file. Errors name the path and the cause (no such file, is a directory,
// permission denied, too large, I/O error).
Result<std::vector<std::uint8_t>> read_file_bytes(const std::filesystem::path& path,
                                                  std::uint64_t max_bytes = kDefaultMaxReadBytes);

namespace detail {

// Writes all of `bytes` to an open descriptor, resuming after partial writes and EINTR. Exposed so
// that tests can drive the error path with a descriptor of /dev/full.
Status write_all(int fd, std::span<const std::uint8_t> bytes,
                 const std::filesystem::path& path_for_errors);

// What a person can do about an errno from saving a file.
const char* advice_for_write_errno(int error_number);

}  // namespace detail
}  // namespace stance
