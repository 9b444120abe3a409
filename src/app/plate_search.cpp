#include "app/plate_search.hpp"

namespace stance::app {

void PlateSearch::start(const DriverRegistry& drivers) {
  if (busy()) return;
  running_ = std::async(std::launch::async, [&drivers] {
    Found found;
    for (const auto& driver : drivers.drivers()) {
      auto listing = driver->list("");
      if (!listing) {
        found.problems.push_back(driver->name() + ": " + listing.error().message);
        continue;
      }
      found.plates.insert(found.plates.end(), listing->begin(), listing->end());
    }
    return found;
  });
}

void PlateSearch::poll() {
  if (!busy() || running_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  found_ = running_.get();
  searched_ = true;
}

}  // namespace stance::app
