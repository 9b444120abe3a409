#pragma once
// Row writers without their own transaction, for the Store's methods and for copying a whole
// patient in one transaction (export, import). Callers hold the transaction.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "store/model.hpp"
#include "store/sqlite_db.hpp"
#include "support/result.hpp"

namespace stance::store {

Result<std::int64_t> insert_patient_row(const Db& db, const Patient& patient);
Result<std::int64_t> insert_session_row(const Db& db, const Session& session);
// A protocol definition (checked by Store::add_protocol before).
Result<std::int64_t> insert_protocol_row(const Db& db, const Protocol& protocol);
// Writes the built-in protocols from core/test_protocol.cpp where they are missing or differ.
Status sync_builtin_protocols(const Db& db);
// The trial, its recording with the checksum, and its metric rows.
Result<std::int64_t> insert_trial_rows(const Db& db, const Trial& trial,
                                       std::span<const std::uint8_t> recording);

// The clinic's settings (table clinic_setting): a key's value, nullopt when never set.
Result<std::optional<std::string>> clinic_setting(const Db& db, const char* key);
Status set_clinic_setting(const Db& db, const char* key, const std::string& value);

}  // namespace stance::store
