#pragma once
// The schema as an ordered list of migrations: migration N takes a store from schema N-1 to N.
// `PRAGMA user_version` holds the schema a store has. Never edit a released migration: add one.
#include <span>

#include "store/sqlite_db.hpp"
#include "support/result.hpp"

namespace stance::store {

struct Migration {
  int version;      // the schema after it
  const char* sql;  // schema statements only: no values from outside
};

std::span<const Migration> migrations();
// The newest schema this build knows.
int current_schema_version();

// Applies every migration newer than the store's schema, each in its own transaction with its
// user_version, so an interrupted upgrade resumes where it stopped.
Status migrate(const Db& db);

}  // namespace stance::store
