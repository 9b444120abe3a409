#pragma once
// The dashboard's reads from the clinic's store (patients, history, old recordings) and the
// sheets it writes run on their own thread, so the UI never waits on the disk (DESIGN: the UI
// only reads snapshots). A job runs on the worker with the worker's own connection and returns
// what the UI thread then does with its result; the UI runs those once per frame.
//
//   worker.post([code](store::Store& s) -> StoreWorker::UiStep {
//     auto p = s.patient(code);                      // worker thread
//     return [p, this] { shown = p; };               // UI thread, in run_finished()
//   });
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/store.hpp"

namespace stance::app {

class StoreWorker {
 public:
  using UiStep = std::function<void()>;
  using Job = std::function<UiStep(store::Store&)>;

  explicit StoreWorker(store::Store store);
  ~StoreWorker();  // finishes the job in hand; the others are dropped
  StoreWorker(const StoreWorker&) = delete;
  StoreWorker& operator=(const StoreWorker&) = delete;

  const std::filesystem::path& path() const { return path_; }
  void post(Job job);
  // UI thread: runs the UI steps of the jobs that finished, in order; returns how many.
  int run_finished();
  bool idle() const;  // nothing queued, running or waiting for run_finished()

 private:
  void run();

  store::Store store_;
  const std::filesystem::path path_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  std::vector<UiStep> finished_;
  bool running_job_ = false, stop_ = false;
  std::thread thread_;
};

}  // namespace stance::app
