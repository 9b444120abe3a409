#pragma once
// A patient's whole record, to move between machines: the export file is itself a Stance store
// (same schema, one patient), so it is read with the same checked code and is open to any SQLite
// tool. docs/store.md ("Export format").
#include <filesystem>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "support/result.hpp"

namespace stance::store {

// Patient, sessions, trials with their recordings (checksums verified on the way), results and
// earlier analyses, and the definitions of the protocols the sessions used that the target does
// not have, copied in one transaction: the target gets all of it or nothing. Returns the new
// patient id.
Result<std::int64_t> copy_patient(const Store& from, const std::string& code, Store& to);

// Writes `code`'s record to the store file `out`, whole or not at all (write_store_file). An
// existing `out` is refused unless `options` allow replacing it; `from`'s files never are.
Status export_patient(const Store& from, const std::string& code, const std::filesystem::path& out,
                      WriteOptions options = {});

// Copies every patient of an export file into `to`; refuses all when any code already exists.
// Returns the imported codes.
Result<std::vector<std::string>> import_patients(const std::filesystem::path& file, Store& to);

}  // namespace stance::store
