// Opening a store safely: created owner-only, the version read read-only first, WAL and foreign
// keys on, then the migrations.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "store/migrations.hpp"
#include "store/rows.hpp"
#include "store/store.hpp"
#include "store/store_file.hpp"

namespace stance::store {
namespace {

// A file: URI (RFC 3986 percent-encoding) so SQLite can be given query parameters.
std::string file_uri(const std::filesystem::path& path, const std::string& query) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "file:";
  for (const char c : std::filesystem::absolute(path).string()) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out + "?" + query;
}

// Without a write-ahead log next to it, the file is the whole store: read it as immutable, so
// SQLite creates no -wal or -shm file either. With one (in use, or a writer was killed), the
// log must be read too; a read-only connection then only reads the files that exist.
Result<Db> open_read_only(const std::filesystem::path& path) {
  std::error_code ec;
  const bool has_wal = std::filesystem::exists(path.string() + "-wal", ec);
  return Db::open(file_uri(path, has_wal ? "mode=ro" : "mode=ro&immutable=1"),
                  SQLITE_OPEN_READONLY);
}

Result<std::int64_t> read_schema_version(const std::filesystem::path& path) {
  auto db = open_read_only(path);
  if (!db) return db.error();
  return db->query_integer("PRAGMA user_version");
}

// The store holds health data: group and others get nothing, whatever the umask or an older copy.
Status make_owner_only(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Error{"cannot read the rights of " + path.string() + ": " + std::strerror(errno)};
  }
  if ((st.st_mode & 077) != 0 && ::chmod(path.c_str(), st.st_mode & 0700) != 0) {
    return Error{"cannot make " + path.string() +
                 " readable by its owner only: " + std::strerror(errno)};
  }
  return {};
}

// A store is written with its -wal and -shm beside it: the file and its folder must be writable.
Status check_writable(const std::filesystem::path& path) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  for (const auto& p : {path, folder}) {
    if (::access(p.c_str(), W_OK) == 0) continue;
    const int e = errno;
    const std::string what = e == EROFS ? "is on read-only media" : "cannot be written by you";
    return Error{path.string() + " " + what + " (" + std::strerror(e) +
                 "): the commands that only read work on it; to change it, copy it somewhere "
                 "writable and use that copy with --db"};
  }
  return {};
}

Status configure(const Db& db) {
  if (Status s = db.exec("PRAGMA foreign_keys = ON"); !s) return s;
  // FULL: a commit is on the disk before it is reported, so even a power cut keeps it.
  if (Status s = db.exec("PRAGMA synchronous = FULL"); !s) return s;
  const auto mode = db.query_text("PRAGMA journal_mode = WAL");
  if (!mode) return mode.error();
  if (*mode != "wal") return Error{"the store cannot use write-ahead logging (" + *mode + ")"};
  return {};
}

Status check_is_stance_store(const Db& db, std::int64_t version, const std::string& name) {
  if (version != 0) return {};
  const auto tables = db.query_integer("SELECT count(*) FROM sqlite_schema");
  if (!tables) return tables.error();
  if (*tables != 0) {
    return Error{name + " is an SQLite file but not a Stance store; choose another with --db"};
  }
  return {};
}

// In one transaction, and only when a built-in protocol is missing or differs.
Status sync_builtins(const Db& db) {
  auto tx = Transaction::begin(db);
  if (!tx) return tx.error();
  if (Status s = sync_builtin_protocols(db); !s) return s;
  return tx->commit();
}

// Only a regular file that is not empty can be a store already: a folder or a device given as
// --db, or an empty file (not made by this open), is refused before SQLite sees it.
Status check_existing_store_file(const std::filesystem::path& path, bool exists) {
  if (!exists) return {};
  std::error_code ec;
  const std::string name = path.string();
  if (std::filesystem::is_directory(path, ec)) {
    return Error{name + " is a folder; --db takes the store's file, e.g. " +
                 (path / "stance.db").string()};
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Error{name + " is not a regular file, so it cannot be a store; choose a file with --db"};
  }
  if (std::filesystem::file_size(path, ec) == 0 && !ec) {
    return Error{name +
                 " is an empty file, not a Stance store; remove it, or choose another "
                 "file with --db"};
  }
  return {};
}

}  // namespace

Status create_owner_only_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error{"cannot create " + path.string() + ": " + std::strerror(errno)};
  }
  ::close(fd);
  return {};
}

Result<Store> Store::open(const std::filesystem::path& path, OpenMode mode) {
  const std::string name = path.string();
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (!exists && mode == OpenMode::kReadOnly) return Error{name + " does not exist"};
  if (mode == OpenMode::kFillEmpty) {
    if (!exists) return Error{name + " does not exist"};
  } else if (Status s = check_existing_store_file(path, exists); !s) {
    return s.error();
  }
  if (!exists) {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return Error{"cannot create the folder of " + name + ": " + ec.message()};
    if (Status s = create_owner_only_file(path); !s) return s.error();
  }

  // Read-only first: a newer store must not be touched, not even by a journal-mode change.
  const auto version = read_schema_version(path);
  if (!version) return Error{name + ": " + version.error().message};
  if (*version > current_schema_version()) {
    return Error{name + " was written by a newer Stance (store schema " + std::to_string(*version) +
                 "; this Stance knows up to " + std::to_string(current_schema_version()) +
                 "): it was left untouched; update Stance to open it"};
  }

  if (mode == OpenMode::kReadOnly) {
    auto db = open_read_only(path);
    if (!db) return db.error();
    if (Status s = check_is_stance_store(*db, *version, name); !s) return s.error();
    if (*version < 1) return Error{name + " is an empty store"};
    return Store(std::move(*db), path);
  }

  // SQLite would only say "unable to open database file" (it cannot make its -wal beside it).
  if (Status s = check_writable(path); !s) return s.error();
  if (Status s = make_owner_only(path); !s) return s.error();
  auto db = Db::open(name, SQLITE_OPEN_READWRITE);
  if (!db) return db.error();
  if (Status s = check_is_stance_store(*db, *version, name); !s) return s.error();
  if (Status s = configure(*db); !s) return Error{name + ": " + s.error().message};
  if (Status s = migrate(*db); !s) return Error{name + ": " + s.error().message};
  if (Status s = sync_builtins(*db); !s) return Error{name + ": " + s.error().message};
  return Store(std::move(*db), path);
}

namespace {

// Every page in one step: one read transaction, so the copy is one consistent moment even while
// another connection writes.
Status copy_pages(const Db& source, const std::filesystem::path& out) {
  auto target = Db::open(out.string(), SQLITE_OPEN_READWRITE);
  if (!target) return target.error();
  sqlite3_backup* backup = sqlite3_backup_init(target->handle(), "main", source.handle(), "main");
  if (backup == nullptr) return target->error("cannot start the backup");
  const int step = sqlite3_backup_step(backup, -1);
  const int finish = sqlite3_backup_finish(backup);
  if (step != SQLITE_DONE) return target->error("the backup failed", step);
  if (finish != SQLITE_OK) return target->error("the backup failed", finish);
  return {};
}

}  // namespace

std::vector<std::filesystem::path> store_files(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> files;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    files.emplace_back(path.string() + suffix);
  return files;
}

void remove_store_files(const std::filesystem::path& path) {
  std::error_code ec;
  for (const auto& file : store_files(path)) std::filesystem::remove(file, ec);
}

Status Store::backup_to(const std::filesystem::path& out, WriteOptions options) const {
  for (auto& file : store_files(path_)) options.never_replace.push_back(std::move(file));
  return write_store_file(out, "backup", options, [&](const std::filesystem::path& temporary) {
    return copy_pages(db_, temporary);
  });
}

}  // namespace stance::store
