#pragma once
// The dashboard's reads from the clinic's store (patients, history, old recordings) and the
// sheets it writes, on a task queue with the worker's own connection, so the UI never waits on
// the disk. A job runs on the worker and returns what the UI thread then does with its result.
#include <filesystem>
#include <functional>

#include "app/task_queue.hpp"
#include "store/store.hpp"

namespace stance::app {

class StoreWorker {
 public:
  using UiStep = TaskQueue::UiStep;
  using Job = std::function<UiStep(store::Store&)>;

  explicit StoreWorker(store::Store store) : store_(std::move(store)) {}

  const std::filesystem::path& path() const { return store_.path(); }
  void post(Job job) {
    queue_.post([this, job = std::move(job)] { return job(store_); });
  }
  int run_finished() { return queue_.run_finished(); }  // UI thread, once per frame
  bool idle() const { return queue_.idle(); }

 private:
  store::Store store_;
  TaskQueue queue_;  // after the store: stopped (and drained) before the store closes
};

}  // namespace stance::app
