#pragma once
// Runs the UI steps of a store worker until it has nothing left, as the frame loop does. Up to
// 2 minutes: under ASan a test sheet takes seconds.
#include <chrono>
#include <thread>

#include "app/store_worker.hpp"

namespace stance::app {

inline void pump(StoreWorker& worker) {
  using namespace std::chrono_literals;
  const auto give_up = std::chrono::steady_clock::now() + 120s;
  while (!worker.idle() && std::chrono::steady_clock::now() < give_up) {
    worker.run_finished();
    std::this_thread::sleep_for(2ms);
  }
  worker.run_finished();
}

}  // namespace stance::app
