#pragma once
// One background thread that runs tasks in order for the UI: a task does its slow part there
// (the disk, the store) and returns what the UI thread then does with the result; the UI runs
// those once per frame. The UI never waits on the disk (DESIGN: threads and snapshots).
//
//   queue.post([path] { auto r = slow_read(path);          // background thread
//                       return [r, this] { shown = r; }; });  // UI thread, in run_finished()
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace stance::app {

class TaskQueue {
 public:
  using UiStep = std::function<void()>;
  using Task = std::function<UiStep()>;

  TaskQueue();
  // Finishes every task already posted (a trial being saved is never dropped), then stops;
  // their UI steps are not run.
  ~TaskQueue();
  TaskQueue(const TaskQueue&) = delete;
  TaskQueue& operator=(const TaskQueue&) = delete;

  void post(Task task);
  // UI thread: runs the UI steps of the tasks that finished, in order; returns how many.
  int run_finished();
  bool idle() const;  // nothing queued, running or waiting for run_finished()
  bool busy() const;  // something queued or running

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task> tasks_;
  std::vector<UiStep> finished_;
  bool running_task_ = false, stop_ = false;
  std::thread thread_;  // last: started once the rest exists
};

}  // namespace stance::app
