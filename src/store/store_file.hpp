#pragma once
// A new store file (a backup, an export) is made whole or not at all: never a half file, or an
// empty store, under the name asked for, whatever stops the writer.
#include <filesystem>
#include <functional>
#include <string>

#include "support/atomic_file.hpp"
#include "support/result.hpp"

namespace stance::store {

// Makes the store file `out` through a locked temporary file beside it
// (write_file_atomically_with): `fill` writes a store into the temporary file's path (an empty
// file, owner-only); the store is then made one self-contained file (a rollback journal, so no -wal
// is left beside it), checked (integrity_check) and only then given its name. `what` names the file
// in errors ("backup").
Status write_store_file(const std::filesystem::path& out, const std::string& what,
                        const WriteOptions& options,
                        const std::function<Status(const std::filesystem::path& temporary)>& fill);

}  // namespace stance::store
