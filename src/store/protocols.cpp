// Protocols are rows: the built-in ones are written from their one definition in core, a clinic
// can add its own.
#include <algorithm>
#include <sstream>

#include "store/protocol_rules.hpp"
#include "store/rows.hpp"
#include "store/store.hpp"

namespace stance::store {
namespace {

std::string eyes_text(const std::vector<Eyes>& eyes) {
  std::string out;
  for (const Eyes e : eyes) out += (out.empty() ? "" : ",") + std::string(to_string(e));
  return out;
}

std::vector<Eyes> eyes_from(const std::string& text) {
  std::vector<Eyes> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    Eyes e = Eyes::kUnspecified;
    if (parse_eyes(item, e)) out.push_back(e);
  }
  return out;
}

constexpr const char* kProtocolColumns =
    "SELECT id, name, task, seconds, repetitions, trials_per_side, eyes, description "
    "FROM protocol ";

Protocol protocol_from(const Statement& s) {
  Protocol p;
  p.id = s.integer(0);
  p.name = s.text(1);
  parse_task(s.text(2), p.task);
  p.seconds = s.real(3);
  p.repetitions = static_cast<int>(s.integer(4));
  p.trials_per_side = static_cast<int>(s.integer(5));
  p.eyes = eyes_from(s.text(6));
  p.description = s.text(7);
  return p;
}

}  // namespace

Result<std::vector<Protocol>> Store::protocols() const {
  auto s = db_.prepare(std::string(kProtocolColumns) + "ORDER BY name");
  if (!s) return s.error();
  return all_rows(*s, protocol_from);
}

Result<Protocol> Store::protocol(const std::string& name) const {
  auto s = db_.prepare(std::string(kProtocolColumns) + "WHERE name = ?1");
  if (!s) return s.error();
  s->bind(1, name);
  const auto row = s->step();
  if (!row) return row.error();
  if (!*row) {
    std::string known;
    if (const auto all = protocols()) {
      for (const Protocol& p : *all) known += (known.empty() ? "" : ", ") + p.name;
    }
    return Error{"no protocol named '" + name + "'; the store has: " + known};
  }
  return protocol_from(*s);
}

Status validate_protocol(const Protocol& p) {
  const bool control = std::any_of(p.name.begin(), p.name.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  if (p.name.empty() || p.name.size() > 64 || control) {
    return Error{"a protocol's name is 1 to 64 printable characters, e.g. squat-3x4"};
  }
  if (p.task == Task::kUnspecified) return Error{"a protocol needs a task (stance or squat)"};
  if (!(p.seconds > 0 && p.seconds <= 600)) return Error{"a protocol's trials last 1 to 600 s"};
  if (p.trials_per_side < 1 || p.trials_per_side > 10) {
    return Error{"a protocol has 1 to 10 trials per side"};
  }
  if (p.eyes.empty()) return Error{"a protocol needs eyes open, closed or both"};
  if (p.repetitions < 0 || p.repetitions > 20) return Error{"a protocol asks for 0 to 20 squats"};
  if (p.task != Task::kSingleLegSquat && p.repetitions != 0) {
    return Error{"repetitions are for squat protocols: a stance protocol asks for none"};
  }
  return {};
}

Result<std::int64_t> Store::add_protocol(const Protocol& p) {
  if (Status valid = validate_protocol(p); !valid) return valid.error();
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  const auto id = insert_protocol_row(db_, p);
  if (!id) return id.error();
  if (Status st = tx->commit(); !st) return st.error();
  return id;
}

Result<std::int64_t> insert_protocol_row(const Db& db, const Protocol& p) {
  auto s = db.prepare(
      "INSERT INTO protocol (name, task, seconds, repetitions, trials_per_side, eyes, "
      "description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!s) return s.error();
  s->bind(1, p.name).bind(2, to_string(p.task)).bind(3, p.seconds).bind(4, p.repetitions);
  s->bind(5, p.trials_per_side).bind(6, eyes_text(p.eyes)).bind(7, p.description);
  if (Status st = s->run(); !st) return Error{"protocol '" + p.name + "': " + st.error().message};
  return db.last_insert_id();
}

Status sync_builtin_protocols(const Db& db) {
  for (const TestProtocol& builtin : builtin_test_protocols()) {
    auto s = db.prepare(std::string(kProtocolColumns) + "WHERE name = ?1");
    if (!s) return s.error();
    s->bind(1, builtin.name);
    const auto row = s->step();
    if (!row) return row.error();
    if (*row && static_cast<const TestProtocol&>(protocol_from(*s)) == builtin) continue;
    // Missing, or written by an older Stance: this definition wins; a clinic's own protocol
    // that happens to have the name (builtin = 0) is left as the clinic made it.
    auto w = db.prepare(
        "INSERT INTO protocol (name, task, seconds, repetitions, trials_per_side, eyes, "
        "description, builtin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1) "
        "ON CONFLICT (name) DO UPDATE SET task = ?2, seconds = ?3, repetitions = ?4, "
        "trials_per_side = ?5, eyes = ?6, description = ?7 WHERE builtin = 1");
    if (!w) return w.error();
    w->bind(1, builtin.name).bind(2, to_string(builtin.task)).bind(3, builtin.seconds);
    w->bind(4, builtin.repetitions).bind(5, builtin.trials_per_side);
    w->bind(6, eyes_text(builtin.eyes)).bind(7, builtin.description);
    if (Status st = w->run(); !st)
      return Error{"built-in protocol '" + builtin.name + "': " + st.error().message};
  }
  return {};
}

}  // namespace stance::store
