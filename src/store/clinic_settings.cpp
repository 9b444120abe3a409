// The clinic's settings: one table of keys and values (schema 3), read and written here; what
// each setting means lives with its users (video keeping: videos.cpp).
#include <charconv>

#include "core/calibration_check.hpp"
#include "store/rows.hpp"
#include "store/store.hpp"

namespace stance::store {
namespace {

constexpr const char* kMassCheckInterval = "mass_check_interval_days";
constexpr int kMaxMassCheckIntervalDays = 365;

}  // namespace

Result<std::optional<std::string>> clinic_setting(const Db& db, const char* key) {
  auto s = db.prepare("SELECT value FROM clinic_setting WHERE key = ?1");
  if (!s) return s.error();
  s->bind(1, key);
  const auto row = s->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(s->text(0));
}

Status set_clinic_setting(const Db& db, const char* key, const std::string& value) {
  auto s = db.prepare(
      "INSERT INTO clinic_setting (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!s) return s.error();
  s->bind(1, key).bind(2, value);
  return s->run();
}

Status Store::set_mass_check_interval_days(int days) {
  if (days < 1 || days > kMaxMassCheckIntervalDays) {
    return Error{"the known-mass check interval must be 1 to " +
                 std::to_string(kMaxMassCheckIntervalDays) + " days (got " + std::to_string(days) +
                 ")"};
  }
  return set_clinic_setting(db_, kMassCheckInterval, std::to_string(days));
}

Result<int> Store::mass_check_interval_days() const {
  const auto value = clinic_setting(db_, kMassCheckInterval);
  if (!value) return value.error();
  if (!*value) return kDefaultMassCheckIntervalDays;
  int days = 0;
  const std::string& text = **value;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (ec != std::errc() || end != text.data() + text.size() || days < 1 ||
      days > kMaxMassCheckIntervalDays) {
    return Error{"the store's known-mass check interval \"" + text +
                 "\" is not a number of days: set it again with `stance clinic "
                 "mass-check-interval --set DAYS`"};
  }
  return days;
}

}  // namespace stance::store
