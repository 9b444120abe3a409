#include "store/sqlite_db.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <utility>

namespace stance::store {
namespace {

// How long a connection waits for another writer before reporting the store as busy.
constexpr int kBusyTimeoutMs = 5000;

// SQLite's primary code and the OS error say what kind of failure it was; the person at the
// computer needs to know what to do about it.
std::string advice(int code, int system_errno) {
  const int primary = code & 0xff;
  if (primary == SQLITE_FULL || system_errno == ENOSPC || system_errno == EFBIG ||
      system_errno == EDQUOT) {
    return "the disk is full (or a file size limit was reached); nothing of this change was "
           "saved, everything saved before is intact: free some space and try again";
  }
  if (primary == SQLITE_READONLY) return "the store is read-only here";
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return "the store is busy (another Stance is writing to it); try again";
  }
  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
    return "the file is not a Stance store or is damaged; restore it from a backup";
  }
  if (primary == SQLITE_CANTOPEN) return "the file cannot be opened (check the path and rights)";
  return {};
}

}  // namespace

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
  // A zero-length blob must still be a blob, not NULL: SQLite needs a non-null pointer.
  static const std::uint8_t kEmpty = 0;
  sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &kEmpty : bytes.data(), bytes.size(),
                      SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<double>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(sqlite3_db_handle(stmt_), "a query failed", rc);
}

Status Statement::run() {
  for (;;) {
    const auto more = step();
    if (!more) return more.error();
    if (!*more) return {};
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

std::optional<double> Statement::optional_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}

std::optional<std::int64_t> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

std::vector<std::uint8_t> Statement::blob(int column) const {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  const int n = sqlite3_column_bytes(stmt_, column);
  if (p == nullptr) return {};
  return std::vector<std::uint8_t>(p, p + n);
}

Db::Db(Db&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

Db::~Db() {
  sqlite3_close_v2(db_);
}

Result<Db> Db::open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_URI, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return db.error("cannot open " + path, rc);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  return db;
}

Result<Statement> Db::prepare(std::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return error("cannot prepare a query", rc);
  return Statement(stmt);
}

Status Db::exec(const std::string& sql) const {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error("a store command failed", rc);
  return {};
}

Result<std::int64_t> Db::query_integer(std::string_view sql) const {
  auto stmt = prepare(sql);
  if (!stmt) return stmt.error();
  const auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return Error{"no value from " + std::string(sql)};
  return stmt->integer(0);
}

Result<std::string> Db::query_text(std::string_view sql) const {
  auto stmt = prepare(sql);
  if (!stmt) return stmt.error();
  const auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return Error{"no value from " + std::string(sql)};
  return stmt->text(0);
}

std::int64_t Db::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_);
}

int Db::changes() const {
  return sqlite3_changes(db_);
}

Error Db::error(const std::string& what) const {
  return error(what, db_ ? sqlite3_extended_errcode(db_) : SQLITE_ERROR);
}

Error Db::error(const std::string& what, int code) const {
  return sqlite_error(db_, what, code);
}

Error sqlite_error(sqlite3* db, const std::string& what, int code) {
  const int sys = db ? sqlite3_system_errno(db) : 0;
  const std::string hint = advice(code, sys);
  std::string message = what + ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  if (!hint.empty()) message += " (" + hint + ")";
  return Error{message};
}

Result<Transaction> Transaction::begin(const Db& db) {
  if (Status s = db.exec("BEGIN IMMEDIATE"); !s) return s.error();
  return Transaction(db.handle());
}

Transaction::~Transaction() {
  if (db_ != nullptr) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::commit() {
  if (db_ == nullptr) return Error{"the transaction was already finished"};
  const int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(db_, "saving failed", rc);  // destructor rolls back
  db_ = nullptr;
  return {};
}

}  // namespace stance::store
