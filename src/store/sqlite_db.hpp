#pragma once
// A thin RAII layer over the SQLite C API: a connection, prepared statements with bound values
// (never SQL built from values), and transactions that roll back unless committed.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "support/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace stance::store {

class Db;

class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds by 1-based index; returns *this so binds chain.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind_blob(int index, std::span<const std::uint8_t> bytes);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<double>& value);
  Statement& bind(int index, const std::optional<std::int64_t>& value);

  // One step: true while a row is available, false when done; an error otherwise.
  Result<bool> step();
  // Steps to the end (for INSERT/UPDATE/DELETE).
  Status run();
  void reset();  // for reuse: clears bindings too

  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  std::optional<double> optional_real(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;
  std::string text(int column) const;
  std::vector<std::uint8_t> blob(int column) const;

 private:
  friend class Db;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  sqlite3_stmt* stmt_ = nullptr;
};

class Db {
 public:
  Db() = default;
  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // flags: SQLITE_OPEN_* (READONLY, or READWRITE without CREATE: Stance creates files itself).
  static Result<Db> open(const std::string& path, int flags);

  Result<Statement> prepare(std::string_view sql) const;
  // Runs SQL without values (schema, pragmas); never with text that came from a user.
  Status exec(const std::string& sql) const;
  // A single integer, e.g. "PRAGMA user_version".
  Result<std::int64_t> query_integer(std::string_view sql) const;
  Result<std::string> query_text(std::string_view sql) const;
  std::int64_t last_insert_id() const;
  int changes() const;

  // "what failed: SQLite's message", with disk-full and read-only worded for a person.
  Error error(const std::string& what) const;
  Error error(const std::string& what, int code) const;
  sqlite3* handle() const { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

// Steps through every row, turning each into a value with `from_row(const Statement&)`.
template <typename FromRow>
auto all_rows(Statement& statement, FromRow from_row)
    -> Result<std::vector<decltype(from_row(statement))>> {
  std::vector<decltype(from_row(statement))> out;
  for (;;) {
    const auto row = statement.step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(from_row(statement));
  }
}

// "what failed: SQLite's message (what to do)" for a connection and a result code.
Error sqlite_error(sqlite3* db, const std::string& what, int code);

// BEGIN IMMEDIATE on creation (the write lock is taken up front, so a busy store fails at the
// start, not half-way); ROLLBACK on destruction unless commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> begin(const Db& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

}  // namespace stance::store
