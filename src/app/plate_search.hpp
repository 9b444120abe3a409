#pragma once
// The plates every driver can see (the simulated one and SPP plates on USB), for the device
// view's list. Searched on a thread of its own: enumerating USB touches the bus, and the UI
// never waits on a device.
#include <future>
#include <string>
#include <vector>

#include "device/driver_registry.hpp"

namespace stance::app {

class PlateSearch {
 public:
  struct Found {
    std::vector<PlateListing> plates;
    std::vector<std::string> problems;  // a driver that could not look, and why
  };

  void start(const DriverRegistry& drivers);
  void poll();  // UI thread, once per frame: takes the result when the search is done
  bool busy() const { return running_.valid(); }
  bool searched() const { return searched_; }
  const Found& found() const { return found_; }

 private:
  std::future<Found> running_;
  Found found_;
  bool searched_ = false;
};

}  // namespace stance::app
