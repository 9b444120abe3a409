#include "store/store_file.hpp"

#include <sqlite3.h>

#include "store/sqlite_db.hpp"

namespace stance::store {
namespace {

Status finish(const std::filesystem::path& temporary, const std::filesystem::path& out,
              const std::string& what) {
  auto db = Db::open(temporary.string(), SQLITE_OPEN_READWRITE);
  if (!db) return db.error();
  // Out of WAL mode: the log is checkpointed into the file and removed, so the rename moves the
  // whole store (and a copy of the file alone, later, is whole too).
  const auto mode = db->query_text("PRAGMA journal_mode = DELETE");
  if (!mode) return mode.error();
  if (*mode != "delete") return Error{"the " + what + " " + out.string() + " keeps a log file"};
  const auto check = db->query_text("PRAGMA integrity_check");
  if (!check) return check.error();
  if (*check != "ok")
    return Error{"the " + what + " " + out.string() + " failed its check: " + *check};
  return {};
}

}  // namespace

Status write_store_file(const std::filesystem::path& out, const std::string& what,
                        const WriteOptions& options,
                        const std::function<Status(const std::filesystem::path& temporary)>& fill) {
  return write_file_atomically_with(
      out,
      [&](int, const std::filesystem::path& temporary) -> Status {
        if (Status s = fill(temporary); !s) return s;
        return finish(temporary, out, what);
      },
      options);
}

}  // namespace stance::store
