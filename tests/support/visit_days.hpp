#pragma once
// A visit is one day (docs/store.md, "Visits"), so sessions recorded in one test run are one
// visit. Tests that need a history of several visits move a recorded visit back to a day of its
// own, as if it had been recorded then.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "store/store.hpp"

namespace stance::test_support {

// `day` is YYYY-MM-DD; the visit and its sessions begin at 09:00 UTC that day.
inline void move_visit_to_day(const std::filesystem::path& db, std::int64_t visit_id,
                              const std::string& day) {
  auto store = store::Store::open(db);
  ASSERT_TRUE(store) << store.error().message;
  const std::string start = "'" + day + "T09:00:00Z'", id = std::to_string(visit_id);
  ASSERT_TRUE(
      store->db().exec("UPDATE session SET started_utc = " + start + " WHERE visit_id = " + id));
  ASSERT_TRUE(store->db().exec("UPDATE visit SET local_date = '" + day +
                               "', started_utc = " + start + " WHERE id = " + id));
}

}  // namespace stance::test_support
