// The device view's plate list: searched off the UI thread, every driver's plates, and switching
// the live plate to one of them.
#include "app/plate_search.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app/live_source.hpp"
#include "services/drivers.hpp"
#include "temp_dir.hpp"

namespace stance::app {
namespace {

TEST(PlateSearch, FindsTheSimulatedPlatesAndTheSourceSwitchesToOne) {
  test::TempDir data{"stance-plates"};
  ::setenv("XDG_DATA_HOME", data.root().c_str(), 1);  // no plate adjustments of the user's
  DriverRegistry drivers;
  register_all_drivers(drivers);
  PlateSearch search;
  EXPECT_FALSE(search.searched());
  search.start(drivers);
  for (int i = 0; i < 2000 && !search.searched(); ++i) {
    search.poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(search.searched());
  EXPECT_FALSE(search.busy());
  const auto& plates = search.found().plates;
  const auto six = std::find_if(plates.begin(), plates.end(), [](const PlateListing& p) {
    return p.layout == PlateLayout::kSixComponent;
  });
  ASSERT_NE(six, plates.end());

  LiveSource source(drivers, "sim:realtime=0");
  ASSERT_TRUE(source.idle());
  source.use(six->address);
  EXPECT_EQ(source.current(), nullptr);  // the old plate is closed at once
  auto live = source.idle();
  ASSERT_TRUE(live) << live.error().message;
  std::shared_ptr<const live::LiveSnapshot> s;
  for (int i = 0; i < 500 && !(s && s->connected); ++i) {
    s = (*live)->snapshot();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(s && s->connected);
  EXPECT_EQ(s->plate.layout, PlateLayout::kSixComponent);
}

}  // namespace
}  // namespace stance::app
